//! The assessment a growth command reads: a file, or a person's latest on a team's files.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use rungs_core::Framework;
use rungs_core::assessment::Assessment;

use super::team;
use crate::cli::PersonArgs;
use crate::source;

/// The assessment named by a file, or else the latest of `--person` in `--assessments` by the
/// one rule for "latest" (the same the server uses).
pub(super) fn assessment(
    fw: &Framework,
    file: Option<&Path>,
    from: &PersonArgs,
) -> Result<Assessment> {
    if let Some(f) = file {
        return source::assessment(f, fw);
    }
    let (Some(id), Some(roster), Some(dir)) = (&from.person, &from.roster, &from.assessments)
    else {
        bail!("give an assessment file, or --person <id> with --roster and --assessments");
    };
    let t = team::load(fw, roster, Some(dir))?;
    let p = t
        .roster
        .person(id)
        .ok_or_else(|| anyhow!("`{id}` is not on {}", roster.display()))?;
    let range = t
        .history
        .by_person(t.roster.len())
        .get(p)
        .cloned()
        .unwrap_or(0..0);
    let entries = &t.history.entries()[range.clone()];
    let latest =
        rungs_core::assessment::latest(entries, rungs_core::Date::today(), |e| (e.date, e.kind))
            .ok_or_else(|| anyhow!("{id} has no assessment yet in {}", dir.display()))?;
    let e = range.start + latest;
    let read = match t.files_read.get(e).cloned().flatten() {
        Some(full) => full,
        None => t.history.assessment(fw, &t.roster, e),
    };
    let now = &t.roster.people[p];
    Ok(read.held_now(fw, &fw.level_at(now.level).id, &fw.tracks()[now.track].id))
}
