//! The framework loader, on any bytes as TOML and as JSON: a problem is an error, never a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rungs_core::Format;
use rungs_core::framework::load_as;

fuzz_target!(|data: &[u8]| {
    let _ = load_as("framework.toml", data, Format::Toml);
    let _ = load_as("framework.json", data, Format::Json);
});
