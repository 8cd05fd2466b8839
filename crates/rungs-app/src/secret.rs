//! Secrets: random tokens, their digests, and password hashes.
//!
//! Session and API tokens are 32 random bytes; only their SHA-256 digest is stored, so a copy
//! of the database signs no one in. Passwords are hashed with Argon2id.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// A new random token: 32 bytes, URL-safe base64, with a prefix that says what it is.
pub fn random_token(prefix: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// The digest a token is stored and looked up by.
pub fn digest(token: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Every request with a token or session asks for this; a table beats formatting each byte.
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(token.as_bytes()) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

/// How hard a password must be to guess, on zxcvbn's scale of 0 to 4: 3 is "safely
/// unguessable: moderate protection from an offline slow-hash scenario" (10^8 guesses or more),
/// which Argon2id's cost makes an attacker pay for each.
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// The rule every password meets (the one home of it): at least [`MIN_PASSWORD`] characters,
/// and hard enough to guess by zxcvbn's estimate (dictionaries of common passwords, names and
/// words, keyboard patterns, runs, repeats, dates, and `about`: the person's own name and
/// address). Blanks around a password add nothing to it, so it is judged without them. On a
/// refusal, what is wrong and what to do.
pub fn check_password(password: &str, about: &[&str]) -> Result<(), (String, String)> {
    let help = "a few words you will remember, with spaces between them, make a strong password";
    if password.chars().count() < MIN_PASSWORD {
        return Err((
            format!("the password is shorter than {MIN_PASSWORD} characters"),
            help.into(),
        ));
    }
    if let Err(r) =
        rungs_core::limits::check("the password", password, rungs_core::limits::PASSWORD)
    {
        return Err((r.message, help.into()));
    }
    let core = password.trim();
    if core.is_empty() {
        return Err(("the password is only blanks".into(), help.into()));
    }
    // The person's name and address, whole and word by word ("Ada Lovelace" is also "ada",
    // "lovelace" and "adalovelace").
    let mut words: Vec<String> = Vec::new();
    for a in about {
        let a = a.trim().to_lowercase();
        words.extend(
            a.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .map(str::to_owned),
        );
        words.push(a.split('@').next().unwrap_or_default().to_owned());
        words.push(a.chars().filter(|c| c.is_alphanumeric()).collect());
        words.push(a);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(core, &words);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let feedback = estimate.feedback();
    let why = feedback
        .and_then(|f| f.warning())
        .map(|w| w.to_string().trim_end_matches('.').to_lowercase());
    let mut advice: Vec<String> = feedback
        .map(|f| f.suggestions().iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    advice.push(help.to_owned());
    Err((
        match why {
            Some(why) => format!("the password is too easy to guess: {why}"),
            None => "the password is too easy to guess".into(),
        },
        advice.join(" "),
    ))
}

/// Hashes a password with Argon2id and a random salt. Slow on purpose: call it off the async
/// threads ([`hash_password`] does).
fn hash_now(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
}

/// How many passwords are hashed or checked at once. Each takes about 19 MiB for its moment, so
/// a burst of sign-ins waits its turn instead of taking the memory of hundreds at once.
pub const HASHING_AT_ONCE: usize = 4;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// The work of hashing, one of at most [`HASHING_AT_ONCE`] at a time, off the async threads.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _turn = HASHING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let busy = BUSY.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    PEAK.fetch_max(busy, std::sync::atomic::Ordering::SeqCst);
    let out = tokio::task::spawn_blocking(work).await;
    BUSY.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    out.map_err(|e| AppError::Internal(e.to_string()))
}

/// How many hashings run now, and the most that ever ran at once (for tests and a look inside).
static BUSY: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The most password hashings that have run at once in this process.
pub fn hashing_peak() -> usize {
    PEAK.load(std::sync::atomic::Ordering::SeqCst)
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    hashing(move || hash_now(&password)).await?
}

/// Whether a password matches a stored hash. A damaged hash matches nothing.
pub(crate) async fn verify_password(password: String, hash: String) -> bool {
    hashing(move || {
        PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_and_long_phrases_taken() {
        for weak in [
            "aaaaaaaaaa",
            "0123456789",
            "          ",
            "abababababab",
            "zyxwvutsrq",
            "Password123",
            "short",
            "1234567890",
            "0987654321",
            "password1234",
            "Welcome1234",
            " password123 ",
        ] {
            assert!(check_password(weak, &[]).is_err(), "{weak:?}");
        }
        for strong in [
            "correct horse battery",
            "a long enough passphrase",
            "Tr0ub4dor&3x",
        ] {
            assert_eq!(check_password(strong, &[]), Ok(()), "{strong:?}");
        }
        // The person's own name is no secret.
        assert!(check_password("adalovelace1815", &["Ada Lovelace", "ada@acme.test"]).is_err());
    }

    #[test]
    fn tokens_are_random_and_digests_fixed() {
        let (a, b) = (
            random_token("rt_").expect("a"),
            random_token("rt_").expect("b"),
        );
        assert_ne!(a, b);
        assert!(a.starts_with("rt_") && a.len() == 3 + 43, "{a}");
        // The FIPS 180-2 test vector: stored digests stay readable.
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }

    #[tokio::test]
    async fn a_password_matches_only_its_hash() {
        let h = hash_password("correct horse".into()).await.expect("hashed");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse".into(), h.clone()).await);
        assert!(!verify_password("wrong horse".into(), h).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
