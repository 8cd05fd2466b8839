//! What the framework knows beyond the ladder itself: the specializations, the generalist and
//! specialist paths, how the career differs by industry, and the ways into product management
//! (APM programmes among them). One view for `rungs explore` and the API.

use serde::Serialize;

use crate::framework::{Framework, Topic};

/// The sections `rungs explore` shows, in order: (id, name, what it is).
pub const SECTIONS: [(&str, &str, &str); 4] = [
    (
        "specializations",
        "Specializations",
        "Kinds of product manager, by the product or the skills they centre on.",
    ),
    (
        "paths",
        "Generalist or specialist",
        "Two ways to build a career, and where each tends to lead.",
    ),
    (
        "industries",
        "Industry variations",
        "How the role and its ladder differ from one industry to another.",
    ),
    (
        "entry",
        "Ways in",
        "How people come to product management, APM programmes among them.",
    ),
];

/// One section of what the framework knows, or one entry of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explored {
    /// The section's id (`specializations`, `paths`, `industries`, `entry`).
    pub section: String,
    pub name: String,
    pub summary: String,
    pub entries: Vec<Entry>,
}

/// One entry: a specialization, a path, an industry or a way in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ExploredEntry))]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub points: Vec<String>,
    pub examples: Vec<String>,
    /// Words in a job title that mark it (specializations only).
    pub title_words: Vec<String>,
}

impl From<&Topic> for Entry {
    fn from(t: &Topic) -> Entry {
        Entry {
            id: t.id.clone(),
            name: t.name.clone(),
            summary: t.summary.clone(),
            points: t.points.clone(),
            examples: t.examples.clone(),
            title_words: Vec::new(),
        }
    }
}

/// Why nothing could be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no section or entry `{given}`; {help}")]
pub struct NotFound {
    pub given: String,
    pub help: String,
}

fn section(fw: &Framework, id: &str) -> Option<Explored> {
    let (_, name, summary) = SECTIONS.iter().find(|(s, ..)| *s == id)?;
    let g = fw.guidance();
    let entries: Vec<Entry> = match id {
        "specializations" => fw
            .specializations()
            .iter()
            .map(|s| Entry {
                id: s.id.clone(),
                name: s.name.clone(),
                summary: s.summary.clone(),
                points: s.points.clone(),
                examples: Vec::new(),
                title_words: s.signals.clone(),
            })
            .collect(),
        "paths" => g
            .career_paths
            .iter()
            .filter(|t| t.id == "generalist" || t.id == "specialist")
            .map(Entry::from)
            .collect(),
        "industries" => g.industry_variations.iter().map(Entry::from).collect(),
        "entry" => g.entry_paths.iter().map(Entry::from).collect(),
        _ => return None,
    };
    Some(Explored {
        section: id.to_owned(),
        name: (*name).to_owned(),
        summary: (*summary).to_owned(),
        entries,
    })
}

/// Every section, or the one named, or the section holding the entry named (with only that
/// entry): `paths`, `apm-programs`, `growth`.
pub fn explore(fw: &Framework, what: Option<&str>) -> Result<Vec<Explored>, NotFound> {
    let all: Vec<Explored> = SECTIONS
        .iter()
        .filter_map(|(id, ..)| section(fw, id))
        .collect();
    let Some(what) = what else {
        return Ok(all);
    };
    let key = crate::doc::slug(what);
    if let Some(s) = all.iter().find(|s| s.section == key) {
        return Ok(vec![s.clone()]);
    }
    for s in &all {
        if let Some(e) = s
            .entries
            .iter()
            .find(|e| e.id == key || crate::doc::slug(&e.name) == key)
        {
            return Ok(vec![Explored {
                entries: vec![e.clone()],
                ..s.clone()
            }]);
        }
    }
    let mut ids: Vec<&str> = SECTIONS.iter().map(|(id, ..)| *id).collect();
    ids.extend(
        all.iter()
            .flat_map(|s| s.entries.iter().map(|e| e.id.as_str())),
    );
    let help = crate::suggest::did_you_mean(&key, ids.iter().copied()).unwrap_or_else(|| {
        format!(
            "the sections are {}; `rungs explore` lists every entry",
            crate::words::and_list(&SECTIONS.iter().map(|(id, ..)| *id).collect::<Vec<_>>())
        )
    });
    Err(NotFound {
        given: what.to_owned(),
        help,
    })
}
