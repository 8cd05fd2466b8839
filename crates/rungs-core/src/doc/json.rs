//! JSON into the spanned tree. serde_json does not say where a value was, and every problem
//! Rungs reports names its line and column, so this is a small parser of its own (RFC 8259).

use super::{Entry, Item, Value};
use crate::diag::Problem;

/// How deeply arrays and objects may nest; real documents stay far below this.
const MAX_DEPTH: usize = 128;

pub(super) fn parse(text: &str) -> Result<Item, Problem> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    p.space();
    let item = p.value()?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.fail(
            "unexpected text after the end of the document",
            "a JSON file holds one value",
        ));
    }
    Ok(item)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn fail(&self, message: &str, help: &str) -> Problem {
        let end = (self.at + 1).min(self.bytes.len());
        Problem::error(Some(self.at..end), "", format!("JSON syntax: {message}")).help(help)
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Item, Problem> {
        let start = self.at;
        let value = match self.bytes.get(self.at) {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => {
                return Err(self.fail(
                    "`null` is not allowed here",
                    "leave the key out instead of writing null",
                ));
            }
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => {
                return Err(self.fail(
                    "expected a value",
                    "a value is a string, number, true/false, list or object",
                ));
            }
            None => {
                return Err(self.fail(
                    "the document ends where a value should be",
                    "complete the document",
                ));
            }
        };
        Ok(Item {
            span: start..self.at,
            value,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Problem> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail(
                "unknown word",
                "did you mean true or false? strings need double quotes",
            ))
        }
    }

    fn nest(&mut self) -> Result<(), Problem> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail(
                "lists and objects are nested too deeply",
                "a Rungs document needs only a few levels",
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value, Problem> {
        self.nest()?;
        self.at += 1;
        let mut entries: Vec<Entry> = Vec::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Table(entries));
        }
        loop {
            self.space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.fail(
                    "expected a key in double quotes",
                    "object keys are strings: \"key\": value",
                ));
            }
            let key_start = self.at;
            let key = self.string()?;
            let key_span = key_start..self.at;
            if entries.iter().any(|e| e.key == key) {
                self.at = key_start;
                return Err(self.fail(
                    &format!("the key \"{key}\" appears twice in this object"),
                    "keep one of them",
                ));
            }
            self.space();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(self.fail("expected `:` after the key", "write \"key\": value"));
            }
            self.at += 1;
            self.space();
            let item = self.value()?;
            entries.push(Entry {
                key,
                key_span,
                item,
            });
            self.space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Ok(Value::Table(entries));
                }
                _ => {
                    return Err(self.fail(
                        "expected `,` or `}`",
                        "separate entries with commas, and close the object",
                    ));
                }
            }
        }
    }

    fn array(&mut self) -> Result<Value, Problem> {
        self.nest()?;
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.space();
            items.push(self.value()?);
            self.space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                _ => {
                    return Err(self.fail(
                        "expected `,` or `]`",
                        "separate items with commas, and close the list",
                    ));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, Problem> {
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the plain run up to the next quote, backslash or control character at once.
            // Each of those is ASCII, which never falls inside a UTF-8 character, so the run
            // ends on a character boundary.
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(self.fail("this string is not closed", "end it with a double quote"));
            };
            match b {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            return Err(self.fail(
                                "unknown escape",
                                "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                            ));
                        }
                    };
                    out.push(escaped);
                    self.at += 1;
                }
                0..=0x1F => {
                    return Err(self.fail(
                        "a control character inside a string",
                        "write a newline as \\n and a tab as \\t",
                    ));
                }
                _ => {}
            }
        }
    }

    /// `\uXXXX`, with surrogate pairs; leaves `at` on the last hex digit.
    fn unicode_escape(&mut self) -> Result<char, Problem> {
        let hex = |p: &Parser<'_>, from: usize| -> Option<u32> {
            let digits = p.text.get(from..from + 4)?;
            u32::from_str_radix(digits, 16).ok()
        };
        let Some(first) = hex(self, self.at + 1) else {
            return Err(self.fail("`\\u` needs four hex digits", "e.g. \\u00e9"));
        };
        self.at += 4;
        if (0xD800..0xDC00).contains(&first) {
            if self.text.get(self.at + 1..self.at + 3) == Some("\\u") {
                if let Some(second) =
                    hex(self, self.at + 3).filter(|s| (0xDC00..0xE000).contains(s))
                {
                    self.at += 6;
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return char::from_u32(code)
                        .ok_or_else(|| self.fail("invalid character code", "check the escape"));
                }
            }
            return Err(self.fail(
                "an unpaired surrogate in a \\u escape",
                "write the character itself instead",
            ));
        }
        char::from_u32(first).ok_or_else(|| self.fail("invalid character code", "check the escape"))
    }

    fn number(&mut self) -> Result<Value, Problem> {
        let start = self.at;
        let mut float = false;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = |p: &mut Parser<'_>| {
            let from = p.at;
            while matches!(p.bytes.get(p.at), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at > from
        };
        if !digits(self) {
            return Err(self.fail("expected digits", "write numbers like 3, -2 or 0.5"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            float = true;
            self.at += 1;
            if !digits(self) {
                return Err(self.fail(
                    "expected digits after the decimal point",
                    "write 0.5, not 0.",
                ));
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            float = true;
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.fail("expected digits in the exponent", "e.g. 1e3"));
            }
        }
        let literal = &self.text[start..self.at];
        if float {
            Ok(Value::Float(literal.parse().unwrap_or(f64::NAN)))
        } else {
            // Integers too large for i64 become non-finite floats, which readers refuse as out of range.
            Ok(literal
                .parse::<i64>()
                .map_or(Value::Float(f64::INFINITY), Value::Int))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        match parse(text) {
            Ok(item) => item.value,
            Err(p) => panic!("{text}: {}", p.message),
        }
    }

    #[test]
    fn objects_arrays_and_scalars_parse_with_their_spans() {
        let item = parse(r#"{"a": [1, 2.5, "x\u00e9\n"], "b": true}"#)
            .unwrap_or_else(|p| panic!("{}", p.message));
        let Value::Table(entries) = item.value else {
            panic!("an object")
        };
        assert_eq!(entries[0].key, "a");
        assert_eq!(entries[0].key_span, 1..4);
        let Value::Array(items) = &entries[0].item.value else {
            panic!("a list")
        };
        assert_eq!(items[0].value, Value::Int(1));
        assert_eq!(items[1].value, Value::Float(2.5));
        assert_eq!(items[2].value, Value::Str("xé\n".into()));
        assert_eq!(items[2].span, 15..26);
        assert_eq!(entries[1].item.value, Value::Bool(true));
    }

    #[test]
    fn strings_keep_every_character_between_escapes() {
        assert_eq!(
            value(r#""Zoë \"Ω\" 北京\tend""#),
            Value::Str("Zoë \"Ω\" 北京\tend".into())
        );
        assert_eq!(value(r#""""#), Value::Str(String::new()));
        let e = parse("\"tab\there\"").expect_err("a raw control character");
        assert_eq!(e.span, Some(4..5));
    }

    #[test]
    fn surrogate_pairs_make_one_character() {
        assert_eq!(value(r#""\ud83d\ude00""#), Value::Str("😀".into()));
    }

    #[test]
    fn mistakes_are_located() {
        for (text, at, message) in [
            (r#"{"a": 1,}"#, 8, "expected a key in double quotes"),
            (r#"{"a" 1}"#, 5, "expected `:` after the key"),
            (r#"[1 2]"#, 3, "expected `,` or `]`"),
            (r#"{"a": nul}"#, 6, "`null` is not allowed here"),
            (r#""open"#, 5, "this string is not closed"),
            (
                r#"{"a": 1, "a": 2}"#,
                9,
                "the key \"a\" appears twice in this object",
            ),
            ("1 2", 2, "unexpected text after the end of the document"),
        ] {
            let p = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text} should fail"));
            assert_eq!(p.span.map(|s| s.start), Some(at), "{text}");
            assert_eq!(p.message, format!("JSON syntax: {message}"), "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&text).is_err());
    }
}
