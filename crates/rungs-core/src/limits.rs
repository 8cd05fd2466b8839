//! How long each text a person types may be, and how many of some there may be: one home for
//! the limits a roster, an assessment, a review, an account and a token are held to, the same
//! on the command line, the API (whose document states them), the pages and every import.
//!
//! Each is far beyond what the text is for (a name of 200 characters, an evidence note of a
//! few pages) and small enough that nothing a person types can make a page slow or a server
//! hold megabytes for one field.

/// A person's, a user's or an assessor's name.
pub const NAME: usize = 200;
/// A job title.
pub const TITLE: usize = 200;
/// An email address (RFC 5321's limit for a path).
pub const EMAIL: usize = 254;
/// Where someone works: a city, a country, "Remote".
pub const LOCATION: usize = 200;
/// A password (hashing reads it whole; no one types more).
pub const PASSWORD: usize = 1_000;
/// A review cycle's name.
pub const CYCLE_NAME: usize = 120;
/// An API token's name.
pub const TOKEN_NAME: usize = 100;
/// Why a review's record was reopened, calibrated or corrected.
pub const REASON: usize = 2_000;
/// One evidence note: for a rating, for a milestone met.
pub const EVIDENCE: usize = 5_000;
/// An assessment's notes.
pub const NOTES: usize = 10_000;
/// A web address given with evidence.
pub const LINK: usize = 2_000;
/// The most evidence notes one person's milestones may gather (each only ever added).
pub const EVIDENCE_PER_PERSON: usize = 200;

/// A text refused by [`check`]: what is wrong, in words that name it, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: &'static str,
}

/// Refuses a text longer than `max` characters, in words that name what it is and the limit:
/// "the name is 50,000 characters long, more than the 200 a name may be". `what` is "the name".
/// Also refuses a text holding a NUL character (U+0000): no text means one, and PostgreSQL
/// cannot keep it.
pub fn check(what: &str, text: &str, max: usize) -> Result<(), Refusal> {
    if text.contains('\0') {
        return Err(Refusal {
            message: format!("{what} holds a NUL character (U+0000), which no text may"),
            help: "remove it; a file saved as UTF-16 is full of them: save it as UTF-8",
        });
    }
    // Cheap first: a text of no more bytes than the limit has no more characters either.
    if text.len() <= max {
        return Ok(());
    }
    let n = text.chars().count();
    if n <= max {
        return Ok(());
    }
    let noun = what.strip_prefix("the ").unwrap_or(what);
    Err(Refusal {
        message: format!(
            "{what} is {} characters long, more than the {} {} may be",
            crate::words::grouped(n as u64),
            crate::words::grouped(max as u64),
            crate::words::article(noun)
        ),
        help: "shorten it",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<(), Refusal>) -> Option<String> {
        r.err().map(|r| r.message)
    }

    #[test]
    fn a_text_at_its_limit_is_taken_and_one_character_more_refused() {
        assert_eq!(check("the name", &"é".repeat(NAME), NAME), Ok(()));
        assert_eq!(
            message(check("the name", &"a".repeat(NAME + 1), NAME)).as_deref(),
            Some("the name is 201 characters long, more than the 200 a name may be")
        );
        assert_eq!(
            message(check("the evidence note", &"a".repeat(50_000), EVIDENCE)).as_deref(),
            Some(
                "the evidence note is 50,000 characters long, more than the 5,000 an evidence note may be"
            )
        );
    }

    #[test]
    fn a_text_holding_a_nul_is_refused_with_what_to_do() {
        let r = check("the name", "Ann\0Zero", NAME).expect_err("refused");
        assert_eq!(
            r.message,
            "the name holds a NUL character (U+0000), which no text may"
        );
        assert!(r.help.contains("UTF-8"));
    }
}
