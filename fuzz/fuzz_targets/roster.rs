//! The roster CSV reader, on any bytes, against the built-in ladder.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rungs_core::framework::builtin;
use rungs_core::team::load_roster;

fuzz_target!(|data: &[u8]| {
    let _ = load_roster("roster.csv", data, builtin());
});
