//! What a server may keep in memory for a few seconds instead of asking the database on every
//! request: which framework version is current. (Never who a session or token belongs to: an
//! ended sign-in must end at once on every server.)
//!
//! Changes made through this server drop what they touch at once. Changes made through another
//! server process on the same database are seen here after at most the configured time
//! (`cache_seconds`, 0 to always ask). docs/server.md says so to operators.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most this many entries; past it the stale ones go, and if none are stale, all.
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug)]
pub(crate) struct Recent<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Recent<K, V> {
    pub(crate) fn new(ttl: Duration) -> Self {
        Recent {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value, if it was put less than the time-to-live ago.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (at.elapsed() < self.ttl).then(|| value.clone())
    }

    pub(crate) fn put(&self, key: K, value: V) {
        if self.ttl.is_zero() {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_last_their_time() {
        let r = Recent::new(Duration::from_millis(50));
        r.put("a", 1);
        assert_eq!(r.get(&"a"), Some(1));
        r.put("c", 3);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(r.get(&"c"), None, "older than its time");
    }

    #[test]
    fn zero_time_keeps_nothing() {
        let r = Recent::new(Duration::ZERO);
        r.put("a", 1);
        assert_eq!(r.get(&"a"), None);
    }
}
