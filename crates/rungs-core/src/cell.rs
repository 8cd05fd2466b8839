//! CSV cells and spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is run as a formula when the file is opened in a spreadsheet, so every CSV Rungs
//! writes puts an apostrophe before such a cell, and every CSV Rungs reads takes that apostrophe
//! off again: an export imports back unchanged.

use std::borrow::Cow;

fn risky(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A cell as written to a CSV file.
pub fn safe(text: &str) -> Cow<'_, str> {
    if risky(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as read from a CSV file: the apostrophe [`safe`] put there comes off.
pub fn unsafe_again(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if risky(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_come_back() {
        for text in ["=cmd|' /C calc'!A0", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            let written = safe(text);
            assert!(written.starts_with('\''), "{text}");
            assert_eq!(unsafe_again(&written), text);
        }
        assert_eq!(safe("Ada"), "Ada");
        assert_eq!(
            unsafe_again("'quoted"),
            "'quoted",
            "only before a risky character"
        );
    }
}
