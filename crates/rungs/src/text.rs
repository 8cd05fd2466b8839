//! Plain-text layout for the terminal: wrapping, side-by-side columns, money and years.
//!
//! Every human-readable screen Rungs prints fits in [`WIDTH`] columns.

use rungs_core::framework::Years;
use unicode_width::UnicodeWidthStr;

/// The width human output is laid out for.
pub(crate) const WIDTH: usize = 80;

/// Display width of a string in terminal columns.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Greedy word wrap to `width` columns; a word longer than the line is split.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while self::width(&word) > width {
            let cut = split_at_width(&word, width);
            let rest = word.split_off(cut);
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word);
            word = rest;
        }
        if line.is_empty() {
            line = word;
        } else if self::width(&line) + 1 + self::width(&word) <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn split_at_width(word: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            return i.max(c.len_utf8());
        }
        used += w;
    }
    word.len()
}

/// Pads `s` with spaces to `width` columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = self::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A paragraph wrapped and indented.
pub(crate) fn paragraph(out: &mut String, text: &str, indent: usize) {
    for line in wrap(text, WIDTH - indent) {
        out.push_str(&" ".repeat(indent));
        out.push_str(&line);
        out.push('\n');
    }
}

/// A bulleted item, wrapped with a hanging indent.
pub(crate) fn bullet(out: &mut String, text: &str, indent: usize) {
    for (i, line) in wrap(text, WIDTH - indent - 2).into_iter().enumerate() {
        out.push_str(&" ".repeat(indent));
        out.push_str(if i == 0 { "• " } else { "  " });
        out.push_str(&line);
        out.push('\n');
    }
}

/// A row of cells side by side; each cell wraps within its column. `widths` gives each
/// column's width; columns are separated by two spaces.
pub(crate) fn row(out: &mut String, cells: &[&str], widths: &[usize]) {
    // A cell's leading spaces are an indent that its wrapped lines keep.
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| {
            let body = c.trim_start();
            let indent = " ".repeat(c.len() - body.len());
            if body.is_empty() {
                return vec![String::new()];
            }
            wrap(body, w.saturating_sub(indent.len()))
                .into_iter()
                .map(|l| format!("{indent}{l}"))
                .collect()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for i in 0..height {
        let mut line = String::new();
        for (col, (lines, &w)) in wrapped.iter().zip(widths).enumerate() {
            let cell = lines.get(i).map_or("", String::as_str);
            if col + 1 == wrapped.len() {
                line.push_str(cell);
            } else {
                line.push_str(&pad(cell, w));
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// A section heading.
pub(crate) fn heading(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
}

/// "2–3 years", "10+ years", "1.5 years".
pub(crate) fn years(y: &Years) -> String {
    y.text()
}

/// The same, with the note that says what the years count: "5–8 years in product management".
pub(crate) fn years_noted(y: &Years) -> String {
    y.noted()
}

pub(crate) use rungs_core::words::{and_list, article, money, range, range_short};

/// A review cycle in full: its stages with dates, the framework version, and completion per
/// part and per manager.
pub(crate) fn cycle_status(c: &rungs_app::CycleView, p: &rungs_app::Progress) -> String {
    let mut out = format!(
        "{} (cycle {}): {}\n{} people{}, framework version {}.\n",
        c.name,
        c.id,
        c.stage_name,
        c.people,
        c.under
            .as_deref()
            .map(|u| format!(" (everyone under {u})"))
            .unwrap_or_default(),
        c.framework_version
    );
    if let Some(note) = &c.framework_note {
        paragraph(&mut out, note, 0);
    }
    heading(&mut out, "Stages");
    for s in &c.stages {
        let due = s.due.map(|d| format!("ends {d}")).unwrap_or_default();
        row(
            &mut out,
            &[&format!("  {}", s.name), s.status.words(), &due],
            &[22, 8, 16],
        );
    }
    heading(&mut out, "Completion");
    let share = |n: usize| format!("{}%", (n * 100).checked_div(p.people).unwrap_or(0));
    for (what, n, draft) in [
        ("Self-assessments", p.self_submitted, Some(p.self_draft)),
        (
            "Manager ratings",
            p.manager_submitted,
            Some(p.manager_draft),
        ),
        ("Results shared", p.shared, None),
    ] {
        let drafts = draft.map(|d| format!("{d} drafts")).unwrap_or_default();
        row(
            &mut out,
            &[
                &format!("  {what}"),
                &format!("{n} of {} submitted", p.people),
                &share(n),
                &drafts,
            ],
            &[20, 20, 5, 10],
        );
    }
    heading(&mut out, "By manager");
    for m in &p.managers {
        row(
            &mut out,
            &[
                &format!("  {}", m.name),
                &format!("{} people", m.people),
                &format!("self {}/{}", m.self_submitted, m.people),
                &format!("rated {}/{}", m.manager_submitted, m.people),
            ],
            &[26, 10, 12, 12],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let text = "Deep understanding of technical architecture and a strategic technical vision";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let lines = wrap("abcdefghijklmnopqrstuvwxyz", 10);
        assert_eq!(lines, vec!["abcdefghij", "klmnopqrst", "uvwxyz"]);
    }

    #[test]
    fn a_row_keeps_the_indent_of_its_cells_and_its_columns() {
        let mut out = String::new();
        row(&mut out, &["  Label that wraps", "a b c"], &[10, 10]);
        assert_eq!(out, "  Label     a b c\n  that\n  wraps\n");
    }
}
