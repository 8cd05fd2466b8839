//! A history from files: history CSVs and assessment files (TOML or JSON), each read against
//! the framework version it was made with. The command line reads a directory of them, the
//! server an upload; both read each file here, so a file means the same to both.

use std::ops::Range;

use super::{History, Roster, load_history_csv};
use crate::assessment::{Assessment, load_as};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Format;
use crate::framework::Framework;

/// What one file of a history held.
#[derive(Debug, Clone)]
pub enum HistoryFile {
    /// A history CSV: its rows were added to the history, at these positions.
    Rows(Range<usize>),
    /// An assessment file of a person on the roster, read against `versions[version]`.
    Assessment {
        version: usize,
        assessment: Box<Assessment>,
    },
}

/// Whether a file's name is one a history is read from: `.csv`, `.toml` or `.json`, any case.
pub fn is_history_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".csv", ".toml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Reads one file of a history. `versions` are the framework's versions, the current one
/// first: a history CSV is read against it, its rows added to `history` (which must be of
/// that version); an assessment file against the version whose name it gives, else the
/// current one. Notes (warnings, and what changed from the file's version) go to `notes`;
/// problems come back in their places, and nothing of the file is added.
pub fn read_history_file(
    name: &str,
    bytes: &[u8],
    versions: &[&Framework],
    roster: &Roster,
    history: &mut History,
    notes: &mut Vec<Diagnostic>,
) -> Result<HistoryFile, Vec<Diagnostic>> {
    let problem = |message: String, hint: &str| {
        vec![Diagnostic::in_table(
            Severity::Error,
            name,
            0,
            None,
            message,
            Some(hint.to_owned()),
        )]
    };
    let Some(current) = versions.first() else {
        return Err(problem(
            "there is no framework to read the file against".into(),
            "publish a framework first",
        ));
    };
    if !is_history_file(name) {
        return Err(problem(
            "this is not a history CSV or an assessment file".into(),
            "import .csv, .toml and .json files",
        ));
    }
    if name.to_ascii_lowercase().ends_with(".csv") {
        let from = history.len();
        let warnings =
            load_history_csv(name, bytes, current, roster, history).map_err(|e| e.diagnostics)?;
        notes.extend(warnings);
        return Ok(HistoryFile::Rows(from..history.len()));
    }
    let format = Format::from_name(name);
    // A file made against another version (by the framework's own version name) is read
    // again against that one.
    let mut version = 0;
    if let Ok(first) = load_as(name, bytes, format, current) {
        let named = &first.assessment.framework_version;
        if let Some(other) = versions.iter().position(|f| f.version() == named) {
            version = other;
        }
    }
    let loaded = load_as(name, bytes, format, versions[version]).map_err(|e| e.diagnostics)?;
    let assessment = loaded.assessment;
    match assessment.person_id.as_deref() {
        Some(id) if roster.person(id).is_some() => {}
        Some(id) => {
            return Err(problem(
                format!("the assessment is of `{id}`, who is not on the roster"),
                "set person_id to the person's id on the roster",
            ));
        }
        None => {
            return Err(problem(
                "the assessment has no `person_id` to match it to the roster".into(),
                "set person_id to the person's id on the roster",
            ));
        }
    }
    notes.extend(loaded.warnings);
    if let Some(changes) = &loaded.changes {
        notes.extend(
            changes
                .describe()
                .into_iter()
                .map(|line| Diagnostic::in_table(Severity::Note, name, 0, None, line, None)),
        );
    }
    Ok(HistoryFile::Assessment {
        version,
        assessment: Box::new(assessment),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{BUILTIN_TOML, builtin, load};
    use crate::team::load_roster;

    const ADA: &str = include_str!("../../../../examples/ada-self.toml");

    fn roster(fw: &Framework) -> Roster {
        load_roster(
            "roster.csv",
            b"id,name,level,track,manager\nada,Ada Lovelace,senior-pm,ic,\n",
            fw,
        )
        .expect("a roster")
        .roster
    }

    fn read_one(
        name: &str,
        bytes: &[u8],
        versions: &[&Framework],
    ) -> (Result<HistoryFile, Vec<Diagnostic>>, History) {
        let r = roster(versions[0]);
        let mut history = History::new(versions[0]);
        let mut notes = Vec::new();
        let read = read_history_file(name, bytes, versions, &r, &mut history, &mut notes);
        (read, history)
    }

    fn message(read: Result<HistoryFile, Vec<Diagnostic>>) -> String {
        match read {
            Err(d) => d[0].message.clone(),
            Ok(other) => panic!("expected a problem, read {other:?}"),
        }
    }

    #[test]
    fn a_history_csv_adds_its_rows_and_says_where() {
        let fw = builtin();
        let csv = "person,date,assessor_kind,assessor,track,level,technical-knowledge\n\
                   ada,2026-01-10,manager,Lin,ic,senior-pm,senior-pm\n\
                   ada,2026-07-10,manager,Lin,ic,senior-pm,principal-pm\n";
        let (read, history) = read_one("h.CSV", csv.as_bytes(), &[fw]);
        assert!(matches!(read, Ok(HistoryFile::Rows(r)) if r == (0..2)));
        assert_eq!(history.len(), 2);
    }

    #[test]
    fn an_assessment_file_is_read_against_the_version_it_names() {
        let current = load(
            "fw.toml",
            BUILTIN_TOML
                .replace("version = \"2025.1\"", "version = \"2026.1\"")
                .as_bytes(),
        )
        .expect("a framework")
        .framework;
        let older = builtin();
        let (read, history) = read_one("ada.toml", ADA.as_bytes(), &[&current, older]);
        match read {
            Ok(HistoryFile::Assessment {
                version,
                assessment,
            }) => {
                assert_eq!(version, 1, "2025.1 is the second version given");
                assert_eq!(assessment.person_id.as_deref(), Some("ada"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(history.len(), 0, "files are the caller's to place");
        let (read, _) = read_one("ada.toml", ADA.as_bytes(), &[&current]);
        assert!(matches!(
            read,
            Ok(HistoryFile::Assessment { version: 0, .. })
        ));
    }

    #[test]
    fn a_file_of_someone_off_the_roster_or_of_another_kind_is_refused() {
        let fw = builtin();
        let bob = ADA.replace("person_id = \"ada\"", "person_id = \"bob\"");
        let (read, _) = read_one("bob.toml", bob.as_bytes(), &[fw]);
        assert_eq!(
            message(read),
            "the assessment is of `bob`, who is not on the roster"
        );
        let nobody = ADA.replace("person_id = \"ada\"\n", "");
        let (read, _) = read_one("x.toml", nobody.as_bytes(), &[fw]);
        assert!(message(read).contains("no `person_id`"));
        let (read, _) = read_one("notes.txt", b"hello", &[fw]);
        assert!(message(read).contains("not a history CSV or an assessment file"));
    }
}
