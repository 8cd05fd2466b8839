//! The words a job title is read with (see docs/titles.md).

use serde::Serialize;

/// The words a job title is read with (see docs/titles.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TitleVocabulary {
    /// Phrases that make a title one of this discipline's, such as "product manager".
    pub role_phrases: Vec<String>,
    /// Abbreviations and spellings, expanded before matching ("sr" → "senior").
    pub abbreviations: Vec<Abbreviation>,
    /// Words ignored when matching ("of", "the").
    pub stopwords: Vec<String>,
    /// Tags that say nothing about the role ("remote", "contract").
    pub noise: Vec<String>,
    /// Seniority words and the level each points to.
    pub seniority: Vec<SeniorityWords>,
    /// What grades (I, II, 3…) after a level's title mean.
    pub grades: Vec<GradeRule>,
    /// Phrases with a level of their own, and how sure that reading is.
    pub rules: Vec<PhraseRule>,
    /// Roles that are not this discipline, and the phrases that name them.
    pub other_roles: Vec<OtherRole>,
    /// Titles that mean different levels in different places.
    pub ambiguous: Vec<AmbiguousTitle>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Abbreviation {
    #[serde(skip)]
    pub(crate) at: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeniorityWords {
    #[serde(skip)]
    pub(crate) at: String,
    pub words: Vec<String>,
    pub level: String,
    /// Words of an entry programme ("graduate", "intern"): they set the level even where the
    /// role alone names a higher one ("Graduate Product Manager" is an APM).
    pub programme: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GradeRule {
    #[serde(skip)]
    pub(crate) at: String,
    /// The level whose title the grade follows.
    pub level: String,
    /// The level meant by grade 1, 2, 3, … (I, II, III, …).
    pub grades: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhraseRule {
    #[serde(skip)]
    pub(crate) at: String,
    pub phrase: String,
    pub level: String,
    pub confidence: f64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OtherRole {
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub phrases: Vec<String>,
    pub note: Option<String>,
}

/// A title that means different levels in different places.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmbiguousTitle {
    #[serde(skip)]
    pub(crate) at: String,
    pub title: String,
    /// Other ways of writing the same title.
    pub aliases: Vec<String>,
    pub summary: String,
    pub candidates: Vec<TitleCandidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TitleCandidate {
    #[serde(skip)]
    pub(crate) at: String,
    pub level: String,
    pub reason: String,
}
