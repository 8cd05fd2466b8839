//! No input makes the loader panic: broken encodings, huge or deep documents, random damage.

use proptest::prelude::*;
use rungs_core::framework::{self, BUILTIN_TOML, MAX_FRAMEWORK_BYTES};

use crate::support::{errors, load_err};

#[test]
fn a_file_that_is_not_utf8_is_located_to_its_first_bad_byte() {
    let mut bytes = b"[framework]\nid = \"x\"\nname = \"ab".to_vec();
    bytes.extend([0xFF, 0xFE]);
    bytes.extend(b"\"\n");
    let e = framework::load("bad.toml", &bytes).expect_err("not UTF-8");
    let d = &e.diagnostics[0];
    assert_eq!(
        d.message,
        "the file is not UTF-8 text: byte 0xFF at line 3, column 11 is not valid"
    );
    assert_eq!(d.start.map(|p| (p.line, p.column)), Some((3, 11)));
    assert_eq!(d.help.as_deref(), Some("save the file as UTF-8"));
}

#[test]
fn a_file_larger_than_the_limit_is_refused_without_parsing() {
    let bytes = vec![b'#'; MAX_FRAMEWORK_BYTES + 1];
    let e = framework::load("huge.toml", &bytes).expect_err("too large");
    assert!(
        e.diagnostics[0]
            .message
            .contains("more than the 8 MiB allowed"),
        "{}",
        e.diagnostics[0].message
    );
}

#[test]
fn a_deeply_nested_document_is_an_error_not_a_crash() {
    let text = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = load_err(&text);
    assert!(
        errors(&e).iter().any(|d| d.message.contains("recursion")),
        "{:?}",
        e.diagnostics[0].message
    );
}

#[test]
fn an_empty_file_names_the_sections_it_needs() {
    let e = load_err("");
    let messages: Vec<&str> = errors(&e).iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the file is missing `framework`",
            "the file is missing `level_rule`",
            "the file is missing `readiness`"
        ]
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{BUILTIN_TOML}");
    assert!(framework::load("bom.toml", text.as_bytes()).is_ok());
}

/// Checks one load result: no panic got here, and every place named lies inside the text.
fn check(bytes: &[u8]) {
    if let Err(e) = framework::load("fuzz.toml", bytes) {
        let lines = bytes.split(|&b| b == b'\n').count();
        assert!(!e.diagnostics.is_empty());
        for d in &e.diagnostics {
            if let Some(p) = d.start {
                assert!(p.line >= 1 && p.line <= lines, "line {} of {lines}", p.line);
                assert!(p.column >= 1);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn damaging_the_default_framework_never_panics(
        cut_at in 0..BUILTIN_TOML.len(),
        cut_len in 0usize..400,
        insert in "[\\[\\]{}=\",.#a-z0-9 \n\t\u{e9}-]{0,12}",
    ) {
        let mut bytes = BUILTIN_TOML.as_bytes().to_vec();
        let end = (cut_at + cut_len).min(bytes.len());
        bytes.splice(cut_at..end, insert.bytes());
        check(&bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }
}
