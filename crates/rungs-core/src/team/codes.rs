//! The code of a rating, found in one step: a history holds millions of ratings, each a level
//! id, `below` or `not-assessed`.

use super::ids::{Packed, pack};

/// A rating of `below`.
pub(crate) const BELOW: u8 = 0;

/// A slot that no value lands in, and one that several do.
const EMPTY: u8 = u8::MAX;
const SHARED: u8 = u8::MAX - 1;

/// The rating values of a framework with their codes.
#[derive(Debug)]
pub(crate) struct RatingCodes<'f> {
    /// Every value and its code, for a value that is long or lands in a shared slot.
    values: Vec<(&'f str, u8)>,
    /// The packed value and code of each slot's one value.
    keys: Vec<(Packed, u8)>,
    /// By a hash of the value: its position in `keys`, or [`EMPTY`] or [`SHARED`].
    slots: [u8; 256],
}

/// Where a value's slot is: from its length and three of its bytes.
fn slot(b: &[u8]) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    (n * 7 + usize::from(b[0]) * 3 + usize::from(b[n / 2]) + usize::from(b[n - 1]) * 13) & 255
}

impl<'f> RatingCodes<'f> {
    pub(crate) fn new(values: Vec<(&'f str, u8)>) -> RatingCodes<'f> {
        let mut slots = [EMPTY; 256];
        let mut keys = Vec::new();
        for &(value, code) in &values {
            let s = &mut slots[slot(value.as_bytes())];
            *s = match (*s, pack(value.as_bytes())) {
                (EMPTY, Some(key)) if keys.len() < usize::from(SHARED) => {
                    keys.push((key, code));
                    (keys.len() - 1) as u8
                }
                _ => SHARED,
            };
        }
        RatingCodes {
            values,
            keys,
            slots,
        }
    }

    /// Every value, for suggestions.
    pub(crate) fn values(&self) -> impl Iterator<Item = &'f str> + '_ {
        self.values.iter().map(|&(v, _)| v)
    }

    /// The code of a value; `None` when it is not a rating.
    pub(crate) fn get(&self, value: &[u8]) -> Option<u8> {
        match self.slots[slot(value)] {
            EMPTY => None,
            SHARED => self
                .values
                .iter()
                .find(|&&(v, _)| v.as_bytes() == value)
                .map(|&(_, code)| code),
            i => {
                let (key, code) = self.keys[usize::from(i)];
                (pack(value) == Some(key)).then_some(code)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_found_and_nothing_else() {
        // Many values, so that slots are shared.
        let owned: Vec<String> = (0..400).map(|i| format!("level-{i}")).collect();
        let values: Vec<(&str, u8)> = owned
            .iter()
            .enumerate()
            .map(|(i, v)| (v.as_str(), (i % 250) as u8))
            .chain([("a-very-long-level-id-indeed", 251), ("pm", 252)])
            .collect();
        let codes = RatingCodes::new(values.clone());
        for (v, code) in values {
            assert_eq!(codes.get(v.as_bytes()), Some(code), "{v}");
        }
        for v in [
            "",
            "p",
            "mp",
            "level-400",
            "level-1 ",
            "a-very-long-level-id-indeeD",
        ] {
            assert_eq!(codes.get(v.as_bytes()), None, "{v}");
        }
    }
}
