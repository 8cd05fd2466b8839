//! Short ids (person ids, assessor names, level ids) packed into numbers, for lookups that
//! compare numbers rather than text: a history holds millions of them.

use rustc_hash::FxHashMap;

/// Text of up to 16 bytes packed into a key that is equal only for equal text, for comparing
/// short ids without a call to memcmp. `None` for longer text.
///
/// The bytes are read with (overlapping) loads straight from the text rather than copied into
/// a buffer first: reading a buffer back right after a short copy stalls the processor.
pub(crate) fn pack(b: &[u8]) -> Option<Packed> {
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().unwrap_or_default(),
        ))
    };
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ),
        4..=7 => (half(0) | half(n - 4) << 32, 0),
        8..=16 => (word(0), word(n - 8)),
        _ => return None,
    };
    // With the length, the positions read cover every byte, so equal keys mean equal text.
    Some(Packed(lo, hi, n as u8))
}

/// A key made by [`pack`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Packed(u64, u64, u8);

/// Ids to positions. Short ids (nearly all of them) are kept as packed keys, so a lookup
/// compares numbers in the table rather than following each key to its text.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    short: FxHashMap<Packed, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl IdIndex {
    pub(crate) fn with_capacity(n: usize) -> IdIndex {
        IdIndex {
            short: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            long: FxHashMap::default(),
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let found = match pack(id.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.long.get(id),
        };
        found.map(|&i| i as usize)
    }

    /// Files `id` at `position`, unless it is there already.
    pub(crate) fn insert(&mut self, id: &str, position: usize) {
        let position = position as u32;
        match pack(id.as_bytes()) {
            Some(key) => {
                self.short.entry(key).or_insert(position);
            }
            None => {
                self.long.entry(id.into()).or_insert(position);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn packed_keys_are_equal_only_for_equal_text() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abc",
            "acb",
            "pm",
            "apm",
            "below",
            "senior-pm",
            "principal-pm",
            "not-assessed",
            "0123456789abcdef",
            "0123456789abcdeF",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    pack(a.as_bytes()) == pack(b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
        assert_eq!(pack(b"0123456789abcdefg"), None, "17 bytes is too long");
    }

    proptest! {
        #[test]
        fn packed_keys_match_text(a in "[ab-]{0,18}", b in "[ab-]{0,18}") {
            let (ka, kb) = (pack(a.as_bytes()), pack(b.as_bytes()));
            prop_assert_eq!(ka.is_some(), a.len() <= 16);
            if ka.is_some() && kb.is_some() {
                prop_assert_eq!(ka == kb, a == b);
            }
        }
    }
}
