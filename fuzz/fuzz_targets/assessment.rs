//! The assessment reader, on any bytes as TOML and as JSON, against the built-in ladder.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rungs_core::Format;
use rungs_core::assessment::load_as;
use rungs_core::framework::builtin;

fuzz_target!(|data: &[u8]| {
    let fw = builtin();
    let _ = load_as("assessment.toml", data, Format::Toml, fw);
    let _ = load_as("assessment.json", data, Format::Json, fw);
});
