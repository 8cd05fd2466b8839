//! Typed text in a Markdown document: it reads as the words typed and does nothing else.

/// Text that people typed (a name, evidence), safe in a Markdown document, as the HTML pages
/// escape it: it reads as the words typed and does nothing else. What a renderer would take as
/// HTML (`<`, `>`, `&`) is written as text; link and image syntax (`[x](javascript:…)`,
/// `![i](http://…)`), code, emphasis and a backslash are escaped; a line break becomes a space
/// (the text is always placed inside a line of its own: a name with a newline cannot start a
/// heading), and what would open a block at the start of that line (`# `, `- `, `1. `, a rule
/// of `---` or `===`) is escaped too.
pub fn md(text: &str) -> String {
    let inline = md_inline(text);
    let line = inline.trim_start();
    let first = line.chars().next();
    let rest = line.get(1..).unwrap_or_default();
    // A run of digits then `.` or `)` and a space starts an ordered list.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(line.as_bytes().get(digits + 1), None | Some(b' '));
    let block = match first {
        Some('#') => true,
        Some('-' | '+') => rest.starts_with(' ') || rest.trim().chars().all(|c| c == '-'),
        Some('=') => rest.trim().chars().all(|c| c == '='),
        _ => false,
    };
    if block {
        format!("\\{line}")
    } else if numbered {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// The same for a cell of a Markdown table: also no `|` that would end the cell (a cell opens
/// no block, so a cell may start `+0.8` or `1.`).
pub fn md_cell(text: &str) -> String {
    md_inline(text).replace('|', "\\|")
}

/// What [`md`] and [`md_cell`] share: HTML as text, no link, image, code or emphasis, one line.
pub(crate) fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut gap = false;
    for c in text.chars() {
        if c == '\r' || c == '\n' {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            if !out.ends_with(' ') && c != ' ' {
                out.push(' ');
            }
            gap = false;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_in_markdown_is_only_text() {
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            md("![i](http://evil.test/p.png)"),
            "!\\[i\\](http://evil.test/p.png)"
        );
        assert_eq!(md("Eve\n# Owned"), "Eve # Owned");
        assert_eq!(md("# Owned"), "\\# Owned");
        assert_eq!(md("1. first"), "1\\. first");
        assert_eq!(md("2026 was good"), "2026 was good");
        assert_eq!(md("0.81 of them"), "0.81 of them");
        assert_eq!(md("+0.86 lift"), "+0.86 lift");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("a\r\n\r\nb"), "a b");
        assert_eq!(md_cell("+0.86"), "+0.86");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
        assert_eq!(
            md("`code` *b* _i_ ~s~ \\"),
            "\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ \\\\"
        );
        assert_eq!(md("Ada Lovelace, Senior PM"), "Ada Lovelace, Senior PM");
        assert_eq!(md_cell("a | b\nc"), "a \\| b c");
    }
}
