//! An organization's assessment history in and out: the formats of docs/teams.md (a history
//! CSV, assessment files in TOML or JSON), all or nothing, every bad row with its line and
//! column. What is exported imports back unchanged.

use rungs_core::{LevelId, PersonId, VersionId};
use std::sync::Arc;

use rungs_core::assessment::AssessorKind;
use rungs_core::assessment::StoredFields;
use rungs_core::diag::Severity;
use rungs_core::team::{
    HISTORY_COLUMNS, History, HistoryFile, PersonRecord, Roster, read_history_file,
};
use rungs_core::{Diagnostic, Framework};
use rungs_store::NewAssessment;
use serde::Serialize;

use crate::assessments::new_assessment;
use crate::csv_out::CsvOut;
use crate::error::{AppError, Problem, Result};
use crate::{Actor, policy};

/// Where assessments to import come from: files by name (a `.csv` history, or `.toml` and
/// `.json` assessment files), as a directory holds them.
#[derive(Debug, Clone, Default)]
pub struct HistorySource {
    pub files: Vec<(String, Vec<u8>)>,
}

/// What an import of assessments did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentsImported {
    pub assessments: usize,
    /// By kind of assessor: kept as what they are.
    #[serde(rename = "self")]
    pub own: usize,
    pub manager: usize,
    pub peer: usize,
    pub files: usize,
    /// What the import says without refusing anything (warnings, changes between framework
    /// versions).
    pub notes: Vec<Problem>,
}

/// An organization's history as files: one history CSV for every assessment a row can hold
/// exactly (made against the current framework version, with no evidence or notes), and one
/// JSON assessment file for each of the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryExport {
    pub csv: String,
    /// (file name, JSON).
    pub files: Vec<(String, String)>,
    pub assessments: usize,
}

/// A history's entry as the store keeps it.
fn entry_row(
    fw: &Framework,
    version: VersionId,
    roster: &Roster,
    history: &History,
    e: usize,
) -> NewAssessment {
    let entry = &history.entries()[e];
    NewAssessment {
        framework_version: version,
        fields: StoredFields {
            person: PersonId::from(roster.people[entry.person].id.to_string()),
            date: entry.date,
            kind: entry.kind,
            assessor: history.assessor(entry.assessor).to_owned(),
            track: fw.tracks()[entry.track].id.clone(),
            level: entry
                .held
                .map(|l| LevelId::from(fw.level_at(l).id.as_str())),
            ratings: history.codes(e).to_vec(),
            rating_evidence: Vec::new(),
            milestones: history
                .milestones(e)
                .map(|m| (m.to_owned(), None))
                .collect(),
            notes: None,
        },
    }
}

impl crate::Reports<'_> {
    /// Everyone on the organization's roster, read against its current framework.
    async fn whole_roster(&self, actor: &Actor, fw: &Arc<Framework>) -> Result<Roster> {
        let people = self.store.roster_rows(actor.org, None).await?;
        let fw = fw.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let records = people.iter().map(|p| {
                let f = &p.fields;
                PersonRecord {
                    id: &p.id,
                    name: &f.name,
                    level: &f.level,
                    track: &f.track,
                    manager: f.manager.as_deref(),
                    ..PersonRecord::default()
                }
            });
            Roster::from_records(&fw, records).0
        })
        .await?)
    }

    /// Imports assessments (the history CSVs and assessment files of a directory): all of them
    /// or, if any row or file is bad, none, with every problem in its place. Self, manager and
    /// peer assessments are kept as what they are; the actor is recorded as the importer.
    /// Admins only. `progress` hears how many are written so far.
    pub async fn import_assessments(
        &self,
        actor: &Actor,
        source: HistorySource,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<AssessmentsImported> {
        policy::admin(actor, "import assessments")?;
        let (version, fw) = self.framework(actor.org).await?;
        let roster = self.whole_roster(actor, &fw).await?;
        // Assessment files name the framework version (the file's own) they were made
        // against: match each to the newest stored version with that name.
        let mut versions: Vec<(VersionId, Arc<Framework>)> = vec![(version, fw.clone())];
        for v in self.store.framework_versions(actor.org).await? {
            if v.version != version {
                versions.push((v.version, self.framework_at(actor.org, v.version).await?));
            }
        }
        let files = source.files.len();
        let (rows, notes) =
            tokio::task::spawn_blocking(move || read_history(&versions, &roster, source)).await??;
        let count = |kind: AssessorKind| rows.iter().filter(|r| r.fields.kind == kind).count();
        let imported = AssessmentsImported {
            assessments: rows.len(),
            own: count(AssessorKind::Own),
            manager: count(AssessorKind::Manager),
            peer: count(AssessorKind::Peer),
            files,
            notes: notes.iter().map(Problem::from).collect(),
        };
        self.store
            .import_assessments(actor.org, &actor.author, &rows, progress)
            .await?;
        Ok(imported)
    }

    /// The organization's whole assessment history as files that import back unchanged.
    /// Admins only.
    pub async fn export_history(&self, actor: &Actor) -> Result<HistoryExport> {
        policy::admin(actor, "export assessments")?;
        let (current, fw) = self.framework(actor.org).await?;
        let records = self.store.assessments(actor.org, None).await?;
        let names: std::collections::HashMap<PersonId, String> = self
            .store
            .roster_rows(actor.org, None)
            .await?
            .into_iter()
            .map(|p| (p.id, p.fields.name))
            .collect();
        let mut header: Vec<&str> = HISTORY_COLUMNS.to_vec();
        header.extend(fw.competencies().map(|(_, c)| c.id.as_str()));
        let mut csv = CsvOut::new(&header, records.len())?;
        let mut files = Vec::new();
        for r in &records {
            let stored = &r.fields;
            if r.framework_version == current && stored.fits_a_history_row() {
                let ratings: Vec<String> = stored
                    .ratings
                    .iter()
                    .map(
                        |&code| match rungs_core::assessment::stored::rating_of(&fw, code) {
                            Some(rating) => rating.as_str().to_owned(),
                            None => String::new(),
                        },
                    )
                    .collect();
                let milestones: Vec<&str> =
                    stored.milestones.iter().map(|(m, _)| m.as_str()).collect();
                let milestones = milestones.join(";");
                let date = r.fields.date.to_string();
                let mut cells: Vec<&str> = vec![
                    &r.fields.person,
                    &date,
                    r.fields.kind.as_str(),
                    &r.fields.assessor,
                    &stored.track,
                    stored.level.as_deref().unwrap_or_default(),
                    &milestones,
                ];
                cells.extend(ratings.iter().map(String::as_str));
                csv.row(cells)?;
            } else {
                let version = self.framework_at(actor.org, r.framework_version).await?;
                let name = names
                    .get(r.fields.person.as_str())
                    .cloned()
                    .unwrap_or_else(|| r.fields.person.to_string());
                let a = stored.to_assessment(&version, &name).map_err(|e| {
                    AppError::Internal(format!("stored assessment {} does not read: {e}", r.id))
                })?;
                let json = serde_json::to_string_pretty(&a.to_document())
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                files.push((format!("assessment-{:08}.json", r.id), json + "\n"));
            }
        }
        Ok(HistoryExport {
            csv: csv.finish()?,
            files,
            assessments: records.len(),
        })
    }
}

/// Reads every file of an import against the stored framework versions (the current one
/// first): the rows to write, and the notes; or every error of every file.
fn read_history(
    versions: &[(VersionId, Arc<Framework>)],
    roster: &Roster,
    source: HistorySource,
) -> Result<(Vec<NewAssessment>, Vec<Diagnostic>)> {
    let (current, fw) = (&versions[0].0, &versions[0].1);
    let frameworks: Vec<&Framework> = versions.iter().map(|(_, f)| f.as_ref()).collect();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut history = History::new(fw);
    for (name, bytes) in &source.files {
        match read_history_file(name, bytes, &frameworks, roster, &mut history, &mut notes) {
            Ok(HistoryFile::Rows(at)) => {
                rows.extend(at.map(|e| entry_row(fw, *current, roster, &history, e)));
            }
            Ok(HistoryFile::Assessment {
                version,
                assessment,
            }) => {
                let (number, vfw) = &versions[version];
                if let Some(id) = assessment.person_id.as_ref() {
                    rows.push(new_assessment(vfw, *number, id, &assessment));
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.iter().any(|d| d.severity == Severity::Error) {
        let count = errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        return Err(AppError::invalid(
            format!(
                "{} in the assessments: nothing was imported",
                if count == 1 {
                    "1 problem".to_owned()
                } else {
                    format!("{count} problems")
                }
            ),
            &errors,
        ));
    }
    Ok((rows, notes))
}
