//! Reading an assessment file (TOML or JSON) and checking it against a framework.

mod parts;
use parts::*;
use serde::Serialize;

use super::{Assessment, Assessor, AssessorKind, MilestoneMet, Rated, Rating};
use crate::diag::{Diagnostic, resolve_all};
use crate::doc::{self, Format, Node, Sink, Table, join};
use crate::framework::{Framework, LoadError};
use crate::ids::{CompetencyId, LevelId, PersonId};
use crate::limits;
use crate::suggest::did_you_mean;

/// The largest assessment file accepted.
pub const MAX_ASSESSMENT_BYTES: usize = 4 * 1024 * 1024;

/// An assessment that loaded, with any warnings, and what changed in the framework if it was
/// made against another version.
#[derive(Debug, Clone)]
pub struct LoadedAssessment {
    pub assessment: Assessment,
    pub warnings: Vec<Diagnostic>,
    pub changes: Option<Changes>,
}

/// How the framework differs from the version an assessment was made against, as far as the
/// assessment can see: what it rates that no longer exists, and what exists that it never rated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changes {
    pub assessed_version: String,
    pub current_version: String,
    /// Competencies in the framework now that the assessment does not rate.
    pub added_competencies: Vec<String>,
    /// Competencies the assessment rates that the framework no longer has; their ratings are set aside.
    pub removed_competencies: Vec<String>,
    /// Levels the assessment uses that the framework no longer has; those ratings are set aside.
    pub removed_levels: Vec<String>,
    /// Milestones the assessment records that the framework no longer has.
    pub removed_milestones: Vec<String>,
}

impl Changes {
    /// One sentence per change, for people.
    pub fn describe(&self) -> Vec<String> {
        let mut out = vec![format!(
            "This assessment was made against version {} of the framework; it is now version {}.",
            self.assessed_version, self.current_version
        )];
        let list = |ids: &[String]| {
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.added_competencies.is_empty() {
            out.push(format!(
                "New since then, and not rated here: {}.",
                list(&self.added_competencies)
            ));
        }
        if !self.removed_competencies.is_empty() {
            out.push(format!(
                "No longer in the framework, so their ratings are set aside: {}.",
                list(&self.removed_competencies)
            ));
        }
        if !self.removed_levels.is_empty() {
            out.push(format!(
                "Levels no longer in the framework, so ratings at them are set aside: {}.",
                list(&self.removed_levels)
            ));
        }
        if !self.removed_milestones.is_empty() {
            out.push(format!(
                "Milestones no longer in the framework: {}.",
                list(&self.removed_milestones)
            ));
        }
        if out.len() == 1 {
            out.push("Nothing the assessment uses has changed.".to_owned());
        }
        out
    }
}

/// Loads an assessment against `fw`; `.json` files are read as JSON, others as TOML.
pub fn load(file: &str, bytes: &[u8], fw: &Framework) -> Result<LoadedAssessment, LoadError> {
    load_as(file, bytes, Format::from_name(file), fw)
}

/// Loads an assessment written in the given format: every problem and warning, each in its
/// place.
pub fn load_as(
    file: &str,
    bytes: &[u8],
    format: Format,
    fw: &Framework,
) -> Result<LoadedAssessment, LoadError> {
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "assessment",
        diagnostics,
    };
    let text = doc::text(file, bytes, MAX_ASSESSMENT_BYTES).map_err(fail)?;
    let tree =
        doc::parse(text, format).map_err(|problems| fail(resolve_all(file, text, problems)))?;
    read_tree(file, text, &tree, fw)
}

/// Checks an assessment given as typed values (a form's answers, a body the API read) by the
/// same rules as a file, every problem at its path in the document (`ratings.discovery`):
/// nothing is written out as text to be read again.
pub fn check(doc: &super::Document, fw: &Framework) -> Result<LoadedAssessment, LoadError> {
    let unplaced = |mut d: Diagnostic| {
        // Typed values have no line or column; their path says where.
        d.start = None;
        d.end = None;
        d.line_text = None;
        d
    };
    let tree = tree_of(doc);
    read_tree("the assessment", "", &tree, fw)
        .map(|mut l| {
            l.warnings = l.warnings.into_iter().map(unplaced).collect();
            l
        })
        .map_err(|mut e| {
            e.diagnostics = e.diagnostics.into_iter().map(unplaced).collect();
            e
        })
}

/// A document as the tree a file is read into (with no places in any text).
fn tree_of(d: &super::Document) -> doc::Item {
    use super::document::{MilestoneEntry, RatingEntry};
    use doc::{Entry, Item, Value};
    let item = |value| Item { span: 0..0, value };
    let text = |t: &str| item(Value::Str(t.to_owned()));
    let table = |entries: Vec<(&str, Item)>| {
        item(Value::Table(
            entries
                .into_iter()
                .map(|(k, value)| Entry {
                    key: k.to_owned(),
                    key_span: 0..0,
                    item: value,
                })
                .collect(),
        ))
    };
    let mut root = vec![
        ("person", text(&d.person)),
        ("framework", text(&d.framework)),
        ("framework_version", text(&d.framework_version)),
        ("date", text(&d.date.to_string())),
        ("track", text(&d.track)),
        (
            "assessor",
            table(vec![
                ("kind", text(d.assessor.kind.as_str())),
                ("name", text(&d.assessor.name)),
            ]),
        ),
    ];
    if let Some(p) = &d.person_id {
        root.push(("person_id", text(p)));
    }
    if let Some(l) = &d.level {
        root.push(("level", text(l)));
    }
    let ratings = item(Value::Table(
        d.ratings
            .iter()
            .map(|(c, r)| Entry {
                key: c.to_string(),
                key_span: 0..0,
                item: match r {
                    RatingEntry::Level(l) => text(l),
                    RatingEntry::WithEvidence { level, evidence } => {
                        table(vec![("level", text(level)), ("evidence", text(evidence))])
                    }
                },
            })
            .collect(),
    ));
    root.push(("ratings", ratings));
    let milestones = d
        .milestones
        .iter()
        .map(|m| match m {
            MilestoneEntry::Id(id) => text(id),
            MilestoneEntry::WithEvidence { id, evidence } => {
                table(vec![("id", text(id)), ("evidence", text(evidence))])
            }
        })
        .collect();
    root.push(("milestones", item(Value::Array(milestones))));
    if let Some(n) = &d.notes {
        root.push(("notes", text(n)));
    }
    table(root)
}

/// The assessment a tree holds, read against `fw` (`text` is what the tree was read from, for
/// placing problems; empty for typed values).
fn read_tree(
    file: &str,
    text: &str,
    tree: &doc::Item,
    fw: &Framework,
) -> Result<LoadedAssessment, LoadError> {
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "assessment",
        diagnostics,
    };
    let sink = Sink::for_text(text);
    let decoded = Node::root(&sink, tree).table().and_then(|root| {
        let decoded = decode(&root, fw);
        root.finish();
        decoded
    });
    let Some((mut assessment, changes)) = decoded.filter(|_| !sink.has_errors()) else {
        return Err(fail(resolve_all(file, text, sink.into_problems())));
    };
    // Every competency of the framework, in its order; unrated ones are not assessed.
    let mut ordered = Vec::new();
    let mut unrated = Vec::new();
    for (_, c) in fw.competencies() {
        match assessment.ratings.iter().position(|r| r.competency == c.id) {
            Some(i) => ordered.push(assessment.ratings.swap_remove(i)),
            None => {
                unrated.push(c.id.clone());
                ordered.push(Rated {
                    competency: CompetencyId::from(c.id.as_str()),
                    rating: Rating::NotAssessed,
                    evidence: None,
                });
            }
        }
    }
    assessment.ratings = ordered;
    if !unrated.is_empty() && changes.is_none() {
        sink.warn_at(
            "ratings",
            format!(
                "{} of {} competencies are not rated: {}",
                unrated.len(),
                fw.competencies().count(),
                unrated.join(", ")
            ),
            Some(
                "they count as not assessed; rate them, or write \"not-assessed\" to say so".into(),
            ),
        );
    }
    let changes = changes.map(|mut c| {
        c.added_competencies = unrated;
        c
    });
    Ok(LoadedAssessment {
        assessment,
        warnings: resolve_all(file, text, sink.into_problems()),
        changes,
    })
}

fn decode(root: &Table<'_>, fw: &Framework) -> Option<(Assessment, Option<Changes>)> {
    let sink = root.sink();
    let person = root.need_text_max("person", "the person's name", limits::NAME);
    let person_id = root.id("person_id");
    let framework = root.need_id("framework");
    let version = root.need_text("framework_version");
    let date = root.need("date", "2026-11-01").and_then(|n| n.date());
    let assessor = root.need_table("assessor").and_then(|t| {
        let kind = t.need("kind", "\"self\"").and_then(|n| {
            let text = n.text()?;
            let kind = AssessorKind::parse(&text);
            if kind.is_none() {
                sink.error_at(
                    n.path(),
                    format!("\"{text}\" is not a kind of assessor"),
                    Some("use \"self\", \"manager\" or \"peer\"".into()),
                );
            }
            kind
        });
        let name = t.need_text_max("name", "the assessor's name", limits::NAME);
        t.finish();
        Some(Assessor {
            kind: kind?,
            name: name?,
        })
    });
    let track = root.need_id("track");
    // The level held: an id, or a level's title or alias ("Senior PM"), as the CLI accepts.
    let current_level = root.text("level");
    let notes = root.text_max("notes", "the notes", limits::NOTES);

    if let Some(id) = framework.as_deref().filter(|id| *id != fw.id()) {
        sink.error_at(
            "framework",
            format!(
                "this assessment is for the `{id}` framework, but the framework in use is `{}`",
                fw.id()
            ),
            Some(format!("pass the `{id}` framework file with --framework")),
        );
        // The rest is read against that framework, not this one: no more to say about it.
        root.get("ratings");
        root.get("milestones");
        return None;
    }
    // Against another version, ids that no longer resolve are changes to report, not mistakes.
    let changes = version
        .as_deref()
        .filter(|v| *v != fw.version())
        .map(|v| Changes {
            assessed_version: v.to_owned(),
            current_version: fw.version().to_owned(),
            ..Changes::default()
        });
    let mut changes = changes;
    let lenient = changes.is_some();

    if let Some(t) = &track {
        if fw.track(t).is_none() {
            let ids: Vec<&str> = fw.tracks().iter().map(|t| t.id.as_str()).collect();
            let help = did_you_mean(t, ids.iter().copied())
                .unwrap_or_else(|| format!("the tracks are: {}", ids.join(", ")));
            sink.error_at("track", format!("unknown track `{t}`"), Some(help));
        }
    }
    let current_level = match current_level {
        Some(l) => match fw.find_level(&l) {
            Ok(level) => Some(level.id.clone()),
            Err(_) => {
                check_level(sink, "level", &l, fw);
                None
            }
        },
        None => None,
    };

    let ratings = root
        .need_table("ratings")
        .map(|t| ratings(&t, fw, lenient, changes.as_mut()))
        .unwrap_or_default();
    let milestones = milestones(root, fw, lenient, changes.as_mut());
    let assessment = Assessment {
        person: person?,
        person_id: person_id.map(PersonId::from),
        framework: framework?,
        framework_version: version?,
        date: date?,
        assessor: assessor?,
        track: track?,
        current_level: current_level.map(LevelId::from),
        ratings,
        milestones,
        notes,
    };
    Some((assessment, changes))
}
