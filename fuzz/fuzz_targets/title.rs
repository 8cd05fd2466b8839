//! The title leveller, on any text: every title gets a verdict, never a crash.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rungs_core::framework::builtin;
use rungs_core::titles::{Leveller, Scratch};

fn leveller() -> &'static Leveller<'static> {
    static LEVELLER: OnceLock<Leveller<'static>> = OnceLock::new();
    LEVELLER.get_or_init(|| Leveller::new(builtin(), None))
}

fuzz_target!(|data: &[u8]| {
    let title = String::from_utf8_lossy(data);
    let mut scratch = Scratch::default();
    let levelled = leveller().level(&title, &mut scratch);
    let _ = leveller().describe(&title, &levelled, &scratch);
});
