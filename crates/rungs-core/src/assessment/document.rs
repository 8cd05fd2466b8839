//! An assessment written out in the assessment-file format (docs/growth.md): what the API
//! answers for a stored assessment and what `rungs export` writes. Loading it back with
//! [`super::load`] gives the same assessment.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{Assessment, Assessor, Rating};
use crate::date::Date;
use crate::ids::{CompetencyId, LevelId, PersonId};

/// An assessment in the file format.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub person: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<PersonId>,
    /// The framework's id.
    pub framework: String,
    /// The framework's own version (from its file).
    pub framework_version: String,
    pub date: Date,
    pub track: String,
    /// The level the person held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<LevelId>,
    pub assessor: Assessor,
    /// A rating per competency id: a level id, `below` or `not-assessed`, alone or with evidence.
    #[serde(serialize_with = "ratings_as_map")]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, RatingEntry>))]
    pub ratings: Vec<(CompetencyId, RatingEntry)>,
    /// Milestones met: an id alone, or with evidence.
    pub milestones: Vec<MilestoneEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One rating: `"senior-pm"`, or `{ "level": "senior-pm", "evidence": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RatingEntry {
    Level(String),
    WithEvidence { level: String, evidence: String },
}

impl RatingEntry {
    /// The level id, `below` or `not-assessed`.
    pub fn level(&self) -> &str {
        match self {
            RatingEntry::Level(l) | RatingEntry::WithEvidence { level: l, .. } => l,
        }
    }
}

/// One milestone met: `"an-id"`, or `{ "id": "an-id", "evidence": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum MilestoneEntry {
    Id(String),
    WithEvidence { id: String, evidence: String },
}

fn ratings_as_map<S: Serializer>(
    ratings: &[(CompetencyId, RatingEntry)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(ratings.len()))?;
    for (competency, entry) in ratings {
        map.serialize_entry(competency, entry)?;
    }
    map.end()
}

impl Assessment {
    /// The assessment in the file format, every competency in the framework's order.
    pub fn to_document(&self) -> Document {
        Document {
            person: self.person.clone(),
            person_id: self.person_id.clone(),
            framework: self.framework.clone(),
            framework_version: self.framework_version.clone(),
            date: self.date,
            track: self.track.clone(),
            level: self.current_level.clone(),
            assessor: self.assessor.clone(),
            ratings: self
                .ratings
                .iter()
                .map(|r| {
                    let level = match &r.rating {
                        Rating::Level(id) => id.clone(),
                        other => other.as_str().to_owned(),
                    };
                    let entry = match &r.evidence {
                        Some(evidence) => RatingEntry::WithEvidence {
                            level,
                            evidence: evidence.clone(),
                        },
                        None => RatingEntry::Level(level),
                    };
                    (r.competency.clone(), entry)
                })
                .collect(),
            milestones: self
                .milestones
                .iter()
                .map(|m| match &m.evidence {
                    Some(evidence) => MilestoneEntry::WithEvidence {
                        id: m.id.clone(),
                        evidence: evidence.clone(),
                    },
                    None => MilestoneEntry::Id(m.id.clone()),
                })
                .collect(),
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RatingEntry;
    use crate::assessment::{check, load};

    #[test]
    fn typed_values_are_checked_by_the_rules_a_file_is_read_by() {
        let fw = crate::framework::builtin();
        let text = include_str!("../../../../examples/ada-manager.json");
        let a = load("a.json", text.as_bytes(), fw)
            .expect("the example loads")
            .assessment;
        let same = check(&a.to_document(), fw).expect("the same, typed");
        assert_eq!(same.assessment, a);
        let mut bad = a.to_document();
        bad.ratings[0].1 = RatingEntry::Level("seniorpm".into());
        let e = check(&bad, fw).expect_err("refused");
        let d = &e.diagnostics[0];
        assert_eq!(d.path, format!("ratings.{}", bad.ratings[0].0));
        assert!(
            d.message.contains("unknown level `seniorpm`"),
            "{}",
            d.message
        );
        assert!(d.start.is_none(), "typed values have no line");
    }

    #[test]
    fn a_document_loads_back_as_the_same_assessment() {
        let fw = crate::framework::builtin();
        let text = include_str!("../../../../examples/ada-manager.json");
        let a = load("a.json", text.as_bytes(), fw)
            .expect("the example loads")
            .assessment;
        let json = serde_json::to_vec_pretty(&a.to_document()).expect("JSON");
        let back = load("b.json", &json, fw).expect("the document loads");
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.assessment, a);
    }
}
