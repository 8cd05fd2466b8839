//! Problems found in a user's file, located so a person can go and fix them.
//!
//! Every loader in Rungs reports through [`Diagnostic`]: what is wrong, how to fix it, and where
//! (`file:line:column`, plus the path inside the document such as `levels[2].parallel`). A
//! diagnostic carries the text of its line, so it can be shown without the source at hand.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

/// A byte range in a source text.
pub type Span = Range<usize>;

/// How serious a problem is: errors stop a load, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Something done on the reader's behalf, worth knowing ("level filled in from the title").
    Note,
}

/// A problem as the checks find it: a span in the source, not yet a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) severity: Severity,
    pub(crate) span: Option<Span>,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl Problem {
    pub(crate) fn error(
        span: Option<Span>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            span,
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn warning(
        span: Option<Span>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(span, path, message)
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A problem with its place in the file resolved, ready to show to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file (or other source) the problem is in.
    pub file: String,
    /// Where the problem starts, if it has a place in the file.
    pub start: Option<Position>,
    /// Where it ends (exclusive), on the same or a later line.
    pub end: Option<Position>,
    /// The path inside the document, e.g. `levels[2].parallel`; empty for the whole file.
    pub path: String,
    pub message: String,
    pub help: Option<String>,
    /// For a table (CSV), the name of the column; `start.column` is then its number.
    pub field: Option<String>,
    /// For a spreadsheet, the sheet: `start.line` is then the row and `start.column` the column's
    /// number (1 for A), shown as its letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The text of the line the problem starts on, for showing it in context.
    #[serde(skip)]
    pub line_text: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file, at no place in it (too big, not a spreadsheet at all).
    pub fn in_file(
        severity: Severity,
        file: &str,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            start: None,
            ..Self::in_table(severity, file, 0, None, message, help)
        }
    }

    /// A problem in a CSV file: `line` and the 1-based `column` number with its header name.
    pub fn in_table(
        severity: Severity,
        file: &str,
        line: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.to_owned(),
            start: Some(Position {
                line,
                column: column.map_or(0, |c| c.0),
            }),
            end: None,
            path: String::new(),
            message: message.into(),
            help,
            field: column.map(|c| c.1.to_owned()),
            sheet: None,
            line_text: None,
        }
    }

    /// A problem in a spreadsheet: the sheet, the 1-based `row` (0 for the whole sheet) and the
    /// 1-based column number with its header, if the problem is in one cell or column.
    pub fn in_sheet(
        severity: Severity,
        file: &str,
        sheet: &str,
        row: usize,
        column: Option<(usize, &str)>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            sheet: Some(sheet.to_owned()),
            ..Self::in_table(severity, file, row, column, message, help)
        }
    }

    /// `file:line:column`, `file:line, column N (name)` for a table, or the file alone.
    pub fn location(&self) -> String {
        if let Some(sheet) = &self.sheet {
            let mut at = format!("{}, sheet {sheet}", self.file);
            if let Some(p) = self.start.filter(|p| p.line > 0) {
                at.push_str(&format!(", row {}", p.line));
                if p.column > 0 {
                    at.push_str(&format!(", column {}", column_letter(p.column)));
                }
            }
            if let Some(field) = self.field.as_deref().filter(|f| !f.is_empty()) {
                at.push_str(&format!(" ({field})"));
            }
            return at;
        }
        match (self.start, &self.field) {
            (Some(p), Some(field)) => {
                format!("{}:{}, column {} ({field})", self.file, p.line, p.column)
            }
            (Some(p), None) if p.column == 0 => format!("{}:{}", self.file, p.line),
            (Some(p), None) => format!("{}:{}:{}", self.file, p.line, p.column),
            (None, _) => self.file.clone(),
        }
    }

    /// Renders the diagnostic for a terminal: a headline, the place, the line with the problem
    /// underlined, and the help. Lines stay within `width` columns where the source allows.
    pub fn render(&self, width: usize) -> String {
        let mut out = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let _ = writeln!(out, "{kind}: {}", self.message);
        let _ = writeln!(out, "  --> {}", self.location());
        if let (Some(start), Some(text)) = (self.start, &self.line_text) {
            let gutter = start.line.to_string().len();
            let end_col = match self.end {
                Some(end) if end.line == start.line && end.column > start.column => end.column,
                _ => text.chars().count() + 1,
            };
            let (shown, caret_from, caret_to) = window(
                text,
                start.column - 1,
                end_col.saturating_sub(1),
                width.saturating_sub(gutter + 3),
            );
            let _ = writeln!(out, "{:gutter$} |", "");
            let _ = writeln!(out, "{} | {}", start.line, shown);
            let carets = "^".repeat(caret_to.saturating_sub(caret_from).max(1));
            let _ = writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(caret_from), carets);
        }
        if !self.path.is_empty() {
            let _ = writeln!(out, "   = in: {}", self.path);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        out
    }
}

/// Cuts a long source line to `room` characters around the underlined part, replacing tabs so
/// the carets line up. Returns the text to show and the caret range within it.
fn window(text: &str, from: usize, to: usize, room: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let room = room.max(20);
    let to = to.min(chars.len()).max(from);
    if chars.len() <= room {
        return (chars.iter().collect(), from.min(chars.len()), to);
    }
    // Keep a little context before the problem, and as much of it as fits.
    let start = from
        .saturating_sub(10)
        .min(chars.len().saturating_sub(room));
    let end = (start + room).min(chars.len());
    let mut shown: String = String::new();
    let lead = start > 0;
    if lead {
        shown.push('…');
    }
    shown.extend(
        &chars[start + usize::from(lead)..end.saturating_sub(usize::from(end < chars.len()))],
    );
    if end < chars.len() {
        shown.push('…');
    }
    let caret_from = from - start;
    let caret_to = to.min(end) - start;
    (shown, caret_from, caret_to.max(caret_from + 1))
}

/// Turns byte offsets into lines and columns for one source text.
#[derive(Debug)]
pub(crate) struct LineIndex<'s> {
    text: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(text: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    pub(crate) fn line_text(&self, line: usize) -> &'s str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub(crate) fn resolve(&self, file: &str, problem: Problem) -> Diagnostic {
        let (start, end, line_text) = match &problem.span {
            Some(span) => {
                let start = self.position(span.start);
                let end = self.position(span.end.max(span.start));
                (
                    Some(start),
                    Some(end),
                    Some(self.line_text(start.line).to_owned()),
                )
            }
            None => (None, None, None),
        };
        Diagnostic {
            severity: problem.severity,
            file: file.to_owned(),
            start,
            end,
            path: problem.path,
            message: problem.message,
            help: problem.help,
            field: None,
            sheet: None,
            line_text,
        }
    }
}

/// A spreadsheet column's letters from its 1-based number: 1 → A, 27 → AA.
pub fn column_letter(number: usize) -> String {
    let mut n = number;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Resolves problems against their source and orders them as they appear in the file.
pub(crate) fn resolve_all(file: &str, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| index.resolve(file, p))
        .collect();
    out.sort_by_key(|d| (d.start, d.severity));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let index = LineIndex::new("ab\ncé d\n");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // "é" is two bytes; "d" is the fourth character of line 2.
        assert_eq!(index.position(7), Position { line: 2, column: 4 });
        assert_eq!(index.line_text(2), "cé d");
    }

    #[test]
    fn an_offset_inside_a_character_lands_on_its_start() {
        let index = LineIndex::new("é");
        assert_eq!(index.position(1), Position { line: 1, column: 1 });
    }

    #[test]
    fn a_rendered_diagnostic_underlines_the_problem() {
        let text = "[[levels]]\nid = \"pm\"\nparallel = \"nope\"\n";
        let problem = Problem::error(Some(32..38), "levels[0].parallel", "unknown level `nope`")
            .help("use one of the level ids");
        let d = LineIndex::new(text).resolve("f.toml", problem);
        assert_eq!(d.location(), "f.toml:3:12");
        let shown = d.render(80);
        assert!(shown.contains("3 | parallel = \"nope\""), "{shown}");
        assert!(shown.contains("  |            ^^^^^^"), "{shown}");
        assert!(shown.contains("help: use one of the level ids"), "{shown}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let line = format!("x = \"{}\" # {}", "a".repeat(200), "bad");
        let at = line.find("bad").unwrap_or_default();
        let problem = Problem::error(Some(at..at + 3), "", "bad");
        let d = LineIndex::new(&line).resolve("f", problem);
        let shown = d.render(80);
        assert!(shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
        let code = shown.lines().nth(3).unwrap_or_default();
        let carets = shown.lines().nth(4).unwrap_or_default();
        let col = carets.find('^').unwrap_or_default();
        assert_eq!(
            &code[code.char_indices().nth(col).map_or(0, |c| c.0)..][..3],
            "bad",
            "{shown}"
        );
    }
}
