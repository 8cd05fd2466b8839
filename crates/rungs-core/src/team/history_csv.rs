//! Reading a bulk assessment-history CSV: one assessment per row (`person`, `date`,
//! `assessor_kind`, `assessor`, `track`, `level`, `milestones`, then one column per competency
//! id), every bad row reported with its line and column.
//!
//! A large file is read in parts, one thread each (see [`super::table::parts`]); the parts are
//! joined in file order, so the history and the problems are the same as from one pass.

use rustc_hash::FxHashMap;

use super::codes::{BELOW, RatingCodes};
use super::ids::{Packed, pack};
use super::table::{Columns, Problems, Row, field, next_record, parts, threads};
use super::{History, Roster};
use crate::assessment::AssessorKind;
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::eval::NOT_ASSESSED;
use crate::framework::{Framework, LoadError};
use crate::suggest::did_you_mean;

/// The columns of an assessment-history CSV before the competency columns.
pub const HISTORY_COLUMNS: [&str; 7] = [
    "person",
    "date",
    "assessor_kind",
    "assessor",
    "track",
    "level",
    "milestones",
];

/// The largest history file accepted.
pub const MAX_HISTORY_BYTES: usize = 2 << 30;

/// The least a part is worth a thread of its own.
const PART_BYTES: usize = 4 << 20;

/// Reads a bulk assessment-history CSV into `history`. Every bad row is reported with its line
/// and column; on any error nothing is added. Returns the warnings.
pub fn load_history_csv(
    file: &str,
    bytes: &[u8],
    fw: &Framework,
    roster: &Roster,
    history: &mut History,
) -> Result<Vec<Diagnostic>, LoadError> {
    load_in_parts(file, bytes, fw, roster, history, PART_BYTES, threads())
}

/// [`load_history_csv`] in parts of at least `part_bytes`, at most `most` of them (tests read
/// small files in several parts).
fn load_in_parts(
    file: &str,
    bytes: &[u8],
    fw: &Framework,
    roster: &Roster,
    history: &mut History,
    part_bytes: usize,
    most: usize,
) -> Result<Vec<Diagnostic>, LoadError> {
    let mut problems = Problems::new(file);
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "assessment history",
        diagnostics,
    };
    if bytes.len() > MAX_HISTORY_BYTES {
        problems.whole(format!(
            "the file is {} bytes, more than the {} MiB allowed",
            bytes.len(),
            MAX_HISTORY_BYTES >> 20
        ));
        return Err(fail(problems.into_sorted()));
    }
    let competencies: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    let mut known: Vec<&str> = HISTORY_COLUMNS.to_vec();
    known.extend(&competencies);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let Some(columns) = Columns::read(&mut reader, &known, &mut problems) else {
        return Err(fail(problems.into_sorted()));
    };
    // The rows start after the header's line break (the reader stops before the `\n` of a
    // `\r\n`).
    let mut data_start = reader.position().byte() as usize;
    if bytes.get(data_start) == Some(&b'\n') {
        data_start += 1;
    }
    let header_lines = memchr::memchr_iter(b'\n', &bytes[..data_start]).count();
    for required in ["person", "date", "assessor_kind", "assessor"] {
        if columns.get(required).is_none() {
            problems.at(
                1,
                None,
                format!("the history has no `{required}` column"),
                Some(format!(
                    "add a `{required}` column; docs/teams.md lists them"
                )),
            );
        }
    }
    let ratings: Vec<Option<usize>> = competencies.iter().map(|c| columns.get(c)).collect();
    let missing: Vec<&str> = competencies
        .iter()
        .zip(&ratings)
        .filter(|(_, c)| c.is_none())
        .map(|(c, _)| *c)
        .collect();
    if missing.len() == competencies.len() {
        problems.at(
            1,
            None,
            "the history has no competency columns",
            Some("add one column per competency id, e.g. technical-knowledge".into()),
        );
    } else if !missing.is_empty() {
        problems.warn(
            1,
            None,
            format!(
                "no column for {}: those competencies count as not assessed",
                missing.join(", ")
            ),
            None,
        );
    }
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }
    let mut values: Vec<(&str, u8)> = vec![("below", BELOW), ("not-assessed", NOT_ASSESSED)];
    values.extend(
        fw.levels()
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), (i + 1) as u8)),
    );
    let reading = Reading {
        file,
        fw,
        roster,
        columns: &columns,
        competencies,
        person: columns.get("person"),
        date: columns.get("date"),
        kind: columns.get("assessor_kind"),
        assessor: columns.get("assessor"),
        track: columns.get("track"),
        level: columns.get("level"),
        milestones_column: columns.get("milestones"),
        ratings,
        codes: RatingCodes::new(values),
        milestones: fw
            .moves()
            .iter()
            .flat_map(|m| m.milestones.iter().map(|x| x.id.as_str()))
            .enumerate()
            .map(|(i, id)| (id, i as u16))
            .collect(),
    };
    let parts = parts(bytes, data_start, part_bytes, most);
    let read: Vec<(History, Problems, usize)> = match parts.as_slice() {
        [one] => vec![reading.part(&bytes[one.clone()])],
        _ => std::thread::scope(|scope| {
            let reading = &reading;
            let handles: Vec<_> = parts
                .iter()
                .map(|part| scope.spawn(move || reading.part(&bytes[part.clone()])))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        }),
    };
    // Joined into an empty history, the first part is taken as it is.
    let mut joined = History::new(fw);
    let mut lines_before = header_lines;
    for (part, part_problems, lines) in read {
        problems.absorb(part_problems, lines_before);
        lines_before += lines;
        joined.append(part);
    }
    if problems.has_errors() {
        return Err(fail(problems.into_sorted()));
    }
    history.append(joined);
    Ok(problems.into_sorted())
}

/// What reading a row needs: the framework, the roster and where each column is.
struct Reading<'a> {
    file: &'a str,
    fw: &'a Framework,
    roster: &'a Roster,
    columns: &'a Columns,
    competencies: Vec<&'a str>,
    person: Option<usize>,
    date: Option<usize>,
    kind: Option<usize>,
    assessor: Option<usize>,
    track: Option<usize>,
    level: Option<usize>,
    milestones_column: Option<usize>,
    /// The column of each competency's rating, in framework order.
    ratings: Vec<Option<usize>>,
    codes: RatingCodes<'a>,
    milestones: FxHashMap<&'a str, u16>,
}

impl Reading<'_> {
    /// Reads the rows of one part of the file into a history of its own, with the problems
    /// (their lines counted from the start of the part) and the number of lines read.
    fn part(&self, bytes: &[u8]) -> (History, Problems, usize) {
        let mut problems = Problems::new(self.file);
        let mut history = History::new(self.fw);
        // Rows run to about 10 bytes per competency: reserve room once instead of growing.
        let rows = bytes.len() / (10 * self.competencies.len() + 40);
        history.entries.reserve(rows);
        history.codes.reserve(rows * history.stride);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(bytes);
        // A person's assessments usually sit together, by themselves and one manager: remember
        // the last few looked up.
        let mut recent = Recent::default();
        let mut record = csv::StringRecord::new();
        while next_record(&mut reader, bytes, &mut record, self.columns, &mut problems).is_some() {
            if let Some(row) = Row::new(&record, self.columns, bytes, &mut problems) {
                self.row(&row, &mut history, &mut recent, &mut problems);
            }
        }
        let lines = reader.position().line() as usize - 1;
        (history, problems, lines)
    }

    fn row(&self, row: &Row, history: &mut History, recent: &mut Recent, problems: &mut Problems) {
        let (fw, roster) = (self.fw, self.roster);
        let required = |name: &str, c: Option<usize>, problems: &mut Problems| {
            let v = field(row, c);
            if v.is_none() {
                problems.at(
                    row.line,
                    row.column(name),
                    format!("`{name}` is empty"),
                    Some(format!("every row needs a {name}")),
                );
            }
            v
        };
        let person = required("person", self.person, problems).and_then(|id| {
            let key = pack(id.as_bytes());
            let p = match recent.person {
                (Some(k), p) if key == Some(k) => Some(p),
                _ => roster.person(id),
            };
            match (key, p) {
                (_, None) => row.error(
                    problems,
                    "person",
                    format!("`{id}` is not on the roster"),
                    "assessments are of people in the roster; check the id",
                ),
                (Some(k), Some(p)) => recent.person = (Some(k), p),
                (None, Some(_)) => {}
            }
            p
        });
        let date = required("date", self.date, problems).and_then(|d| match d.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                row.error(
                    problems,
                    "date",
                    format!("\"{d}\" is not a date: {e}"),
                    "write a date as YYYY-MM-DD",
                );
                None
            }
        });
        let kind = required("assessor_kind", self.kind, problems).and_then(|k| {
            let kind = AssessorKind::parse(k);
            if kind.is_none() {
                row.error(
                    problems,
                    "assessor_kind",
                    format!("\"{k}\" is not a kind of assessor"),
                    "use self, manager or peer",
                );
            }
            kind
        });
        let assessor = required("assessor", self.assessor, problems).filter(|a| {
            match crate::limits::check("the assessor's name", a, crate::limits::NAME) {
                Ok(()) => true,
                Err(r) => {
                    row.error(problems, "assessor", r.message, r.help);
                    false
                }
            }
        });
        let track = match (field(row, self.track), person) {
            (Some(t), _) => {
                let i = fw.track_index(t);
                if i.is_none() {
                    let help = did_you_mean(t, fw.tracks().iter().map(|x| x.id.as_str()))
                        .unwrap_or_else(|| "use a track id of the framework".into());
                    row.error(problems, "track", format!("unknown track `{t}`"), &help);
                }
                i
            }
            (None, Some(p)) => Some(roster.people[p].track),
            (None, None) => None,
        };
        let held = field(row, self.level).and_then(|l| {
            let i = fw.level_pos(l);
            if i.is_none() {
                let help = did_you_mean(l, fw.levels().iter().map(|x| x.id.as_str()))
                    .unwrap_or_else(|| "use a level id".into());
                row.error(problems, "level", format!("unknown level `{l}`"), &help);
            }
            i
        });
        let start = history.met.len() as u32;
        if let Some(list) = field(row, self.milestones_column) {
            for id in list.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                match self.milestones.get(id) {
                    Some(&m) => history.met.push(m),
                    None => {
                        let help = did_you_mean(id, self.milestones.keys().copied())
                            .unwrap_or_else(|| "separate milestone ids with ;".into());
                        row.error(
                            problems,
                            "milestones",
                            format!("unknown milestone `{id}`"),
                            &help,
                        );
                    }
                }
            }
        }
        let milestones = (start, (history.met.len() as u32 - start) as u16);
        let mut ok = true;
        for (c, column) in self.ratings.iter().enumerate() {
            let code = match column.and_then(|i| row.bytes(i)) {
                None => NOT_ASSESSED,
                Some(value) => self.codes.get(value).unwrap_or_else(|| {
                    let name = self.competencies[c];
                    let value = String::from_utf8_lossy(value);
                    let help = did_you_mean(&value, self.codes.values())
                        .unwrap_or_else(|| "rate with a level id, below or not-assessed".into());
                    row.error(
                        problems,
                        name,
                        format!("unknown level `{value}` in the rating of `{name}`"),
                        &help,
                    );
                    ok = false;
                    NOT_ASSESSED
                }),
            };
            history.codes.push(code);
        }
        match (person, date, kind, assessor, track) {
            (Some(person), Some(date), Some(kind), Some(assessor), Some(track)) if ok => {
                let assessor = recent.assessor(assessor, history);
                history.entries.push(super::Entry {
                    person,
                    date,
                    kind,
                    assessor,
                    track,
                    held,
                    milestones,
                });
            }
            _ => {
                // Keep codes and milestones aligned with entries.
                history
                    .codes
                    .truncate(history.entries.len() * history.stride);
                history.met.truncate(start as usize);
            }
        }
    }
}

/// The last person and the last two assessors looked up, by packed id.
#[derive(Default)]
struct Recent {
    person: (Option<Packed>, usize),
    assessors: [(Option<Packed>, u32); 2],
}

impl Recent {
    fn assessor(&mut self, name: &str, history: &mut History) -> u32 {
        let key = pack(name.as_bytes());
        if let Some(&(_, a)) = self
            .assessors
            .iter()
            .find(|(k, _)| key.is_some() && *k == key)
        {
            return a;
        }
        let a = history.intern_assessor(name);
        self.assessors = [(key, a), self.assessors[0]];
        a
    }
}

#[cfg(test)]
mod tests;
