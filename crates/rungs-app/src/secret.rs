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

/// The fewest different characters a password may have.
const MIN_DISTINCT: usize = 5;

/// Passwords people pick first, refused whatever their length.
const COMMON: [&str; 12] = [
    "password",
    "password1",
    "password12",
    "password123",
    "qwertyuiop",
    "1q2w3e4r5t",
    "letmein123",
    "iloveyou12",
    "welcome123",
    "administrator",
    "changeme123",
    "abc123abc123",
];

/// The rule every password meets (the one home of it): at least [`MIN_PASSWORD`] characters,
/// not all blank, at least 5 different characters, not a run such as `0123456789` or
/// `zyxwvutsrq`, and not one of the passwords people pick first. On a refusal, what is wrong and
/// what to do.
pub fn check_password(password: &str) -> Result<(), (String, &'static str)> {
    let help = "a few words you will remember, with spaces between them, make a strong password";
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_PASSWORD {
        return Err((
            format!("the password is shorter than {MIN_PASSWORD} characters"),
            help,
        ));
    }
    if password.trim().is_empty() {
        return Err(("the password is only blanks".into(), help));
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Err((
            format!("the password has fewer than {MIN_DISTINCT} different characters"),
            help,
        ));
    }
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])))
        .collect();
    if steps.iter().all(|&d| d == 1) || steps.iter().all(|&d| d == -1) {
        return Err(("the password is a run of characters in order".into(), help));
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) {
        return Err((
            "the password is one of those people pick first".into(),
            help,
        ));
    }
    Ok(())
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
        ] {
            assert!(check_password(weak).is_err(), "{weak:?}");
        }
        for strong in [
            "correct horse battery",
            "a long enough passphrase",
            "Tr0ub4dor&3x",
        ] {
            assert_eq!(check_password(strong), Ok(()), "{strong:?}");
        }
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
