//! The amount parser ("$185K", "185,000", "1.2m"), on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rungs_core::pay::parse_amount;

fuzz_target!(|data: &[u8]| {
    let _ = parse_amount(&String::from_utf8_lossy(data));
});
