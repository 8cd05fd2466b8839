//! Writing an assessment as a TOML file a person can read and edit.

use std::fmt::Write as _;

use super::Assessment;
use crate::framework::Framework;

/// A TOML basic string, with the escapes TOML requires.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The assessment as a TOML file: the header fields, then every competency grouped by area with
/// its name as a comment, then the milestones met. Loading the result gives the same assessment.
pub fn to_toml(a: &Assessment, fw: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Assessment of {} by {} ({}), {}.",
        a.person,
        a.assessor.name,
        a.assessor.kind.as_str(),
        a.date
    );
    let _ = writeln!(
        out,
        "# Framework: {}, version {}. Check it with `rungs assess <this file>`.",
        fw.name(),
        fw.version()
    );
    let _ = writeln!(out, "person = {}", quoted(&a.person));
    if let Some(id) = &a.person_id {
        let _ = writeln!(out, "person_id = {}", quoted(id));
    }
    let _ = writeln!(out, "framework = {}", quoted(&a.framework));
    let _ = writeln!(out, "framework_version = {}", quoted(&a.framework_version));
    let _ = writeln!(out, "date = {}", a.date);
    let _ = writeln!(out, "track = {}", quoted(&a.track));
    if let Some(level) = &a.current_level {
        let _ = writeln!(out, "level = {}", quoted(level));
    }
    let _ = writeln!(
        out,
        "assessor = {{ kind = {}, name = {} }}",
        quoted(a.assessor.kind.as_str()),
        quoted(&a.assessor.name)
    );
    if let Some(notes) = &a.notes {
        let _ = writeln!(out, "notes = {}", quoted(notes));
    }
    out.push_str("\n# Each rating is a level id, \"below\" (not yet at the first level) or \"not-assessed\".\n[ratings]\n");
    for area in fw.areas() {
        let _ = writeln!(out, "# {}", area.name);
        for c in &area.competencies {
            let Some(rated) = a.rating(&c.id) else {
                continue;
            };
            let value = quoted(rated.rating.as_str());
            match &rated.evidence {
                Some(evidence) => {
                    let _ = writeln!(
                        out,
                        "{} = {{ level = {value}, evidence = {} }}  # {}",
                        c.id,
                        quoted(evidence),
                        c.name
                    );
                }
                None => {
                    let _ = writeln!(out, "{} = {value}  # {}", c.id, c.name);
                }
            }
        }
    }
    for m in &a.milestones {
        let _ = writeln!(out, "\n[[milestones]]\nid = {}", quoted(&m.id));
        if let Some(evidence) = &m.evidence {
            let _ = writeln!(out, "evidence = {}", quoted(evidence));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_toml() {
        assert_eq!(
            quoted("a \"b\" \\ c\nd\u{1}"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u0001\""
        );
    }
}
