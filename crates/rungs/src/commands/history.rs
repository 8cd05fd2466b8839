//! A bulk assessment-history CSV as assessments the server keeps, one JSON body each, in the
//! assessment-file format.

use anyhow::{Context, Result};
use rungs_core::Framework;
use rungs_store::NewAssessment;
use serde_json::{Map, Value, json};

/// Every row of a history CSV (checked already: the demo's, or one `rungs team check` passed).
pub(super) fn assessments(fw: &Framework, csv: &str) -> Result<Vec<NewAssessment>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .context("the history has no header")?
        .iter()
        .map(str::to_owned)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (person, date, kind, assessor, track, level, milestones) = (
        col("person"),
        col("date"),
        col("assessor_kind"),
        col("assessor"),
        col("track"),
        col("level"),
        col("milestones"),
    );
    let competencies: Vec<(usize, &str)> = fw
        .competencies()
        .filter_map(|(_, c)| Some((col(&c.id)?, c.id.as_str())))
        .collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let r = record.context("a history row cannot be read")?;
        let get = |c: Option<usize>| c.and_then(|i| r.get(i)).map(str::trim).unwrap_or("");
        let ratings: Map<String, Value> = competencies
            .iter()
            .filter_map(|&(i, id)| {
                let v = r.get(i)?.trim();
                (!v.is_empty()).then(|| (id.to_owned(), Value::from(v)))
            })
            .collect();
        let met: Vec<&str> = get(milestones)
            .split(';')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .collect();
        let mut body = json!({
            "person": get(person),
            "person_id": get(person),
            "framework": fw.id(),
            "framework_version": fw.version(),
            "date": get(date),
            "track": get(track),
            "assessor": { "kind": get(kind), "name": get(assessor) },
            "ratings": ratings,
            "milestones": met,
        });
        if !get(level).is_empty() {
            body["level"] = Value::from(get(level));
        }
        out.push(NewAssessment {
            person: get(person).to_owned(),
            framework_version: 1,
            date: get(date).to_owned(),
            assessor_kind: get(kind).to_owned(),
            assessor: get(assessor).to_owned(),
            body,
        });
    }
    Ok(out)
}
