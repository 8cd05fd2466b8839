//! The parts of a career framework, as plain data.
//!
//! A [`super::Framework`] is only built by the loader, after every reference between these parts
//! has been checked, so code that holds one can follow any id in it without checking again.

use serde::Serialize;

mod pay;
mod titles;

pub use pay::*;
pub use titles::*;

/// Where the facts in a framework come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    /// The ladder the source describes, as chains of level ids each climbed in order: a route
    /// follows the source when every step of it joins two neighbours of one chain.
    pub ladders: Vec<Vec<String>>,
    /// What sets the source's ladder apart, in a phrase ("no Principal or Group rung: Senior PM
    /// leads straight to Director").
    pub ladder_note: Option<String>,
}

impl Source {
    /// Whether the source's ladder has the step from one level to the next.
    pub fn has_step(&self, from: &str, to: &str) -> bool {
        self.ladders
            .iter()
            .any(|chain| chain.windows(2).any(|w| w[0] == from && w[1] == to))
    }
}

/// A track of the ladder: the shared trunk, or one of the branches it splits into.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Track {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The trunk: the levels everyone climbs before the ladder splits.
    pub shared: bool,
    /// How people on this track are promoted.
    pub promotion_criteria: Vec<String>,
    /// What the track demands most.
    pub skills: Vec<String>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
}

/// A span of years, such as "2–3 years" or, with no `max`, "10+ years".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Years {
    #[serde(skip)]
    pub(crate) at: String,
    pub min: f64,
    pub max: Option<f64>,
    /// What the years are counted in, e.g. "in product or related fields".
    pub note: Option<String>,
    pub source: Option<String>,
}

impl Level {
    /// Where this level sits in its framework's list of levels.
    pub fn pos(&self) -> super::LevelPos {
        self.pos
    }
}

impl Years {
    /// "2–3 years", "1 year", "10+ years".
    pub fn text(&self) -> String {
        let n = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        };
        let unit = |v: f64| if v == 1.0 { "year" } else { "years" };
        match self.max {
            Some(max) if max == self.min => format!("{} {}", n(max), unit(max)),
            Some(max) => format!("{}–{} years", n(self.min), n(max)),
            None => format!("{}+ years", n(self.min)),
        }
    }

    /// The same, with the note that says what the years count: "5–8 years in product
    /// management".
    pub fn noted(&self) -> String {
        match &self.note {
            Some(note) => format!("{} {note}", self.text()),
            None => self.text(),
        }
    }
}

/// One rung of the ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Level {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    /// Where this sits in the framework's list of levels.
    #[serde(skip)]
    pub(crate) pos: super::LevelPos,
    pub id: String,
    pub title: String,
    /// The short form used in tables, e.g. "Senior PM".
    pub short_title: String,
    /// Other titles that mean this level; used to look a level up by name.
    pub aliases: Vec<String>,
    /// Height on the ladder; parallel levels on different tracks share a rank.
    pub rank: u32,
    pub track: String,
    /// The level at the same rank on another track, if any.
    pub parallel: Option<String>,
    pub summary: String,
    /// Typical experience when holding this level; the first entry is the primary figure.
    pub experience: Vec<Years>,
    /// Typical time spent on this rung before moving up.
    pub years_on_rung: Option<Years>,
    /// Typical time from the start of a career to reaching this level.
    pub years_to_reach: Option<Years>,
    pub duties: Vec<String>,
    /// Statements per responsibility dimension, in the framework's dimension order.
    pub responsibilities: Vec<Responsibility>,
    /// Statements per profile aspect (focus, influence style, …), where the framework has them.
    pub profile: Vec<AspectText>,
    /// How the working week is typically split at this level.
    pub time_allocation: Vec<TimeShare>,
    pub notes: Vec<String>,
}

/// A level's statements for one responsibility dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Responsibility {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub dimension: String,
    pub statements: Vec<String>,
}

/// A level's text for one profile aspect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AspectText {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub aspect: String,
    pub text: String,
}

/// A share of the working week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeShare {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub activity: String,
    pub percent: u32,
}

/// A named dimension or aspect that levels describe themselves along.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dimension {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
}

/// A group of competencies, such as "Leadership and influence".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    /// How much the area counts when ordering a development plan; 1 by default.
    pub weight: f64,
    pub competencies: Vec<Competency>,
}

/// One skill, with what is expected of it at every level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Competency {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    /// How to grow it: concrete things to do, for a development plan.
    pub actions: Vec<String>,
    /// What shows it: examples of evidence a person can point to.
    pub evidence: Vec<String>,
    /// Exactly one expectation per level, in the framework's level order.
    pub expectations: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expectation {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub level: String,
    pub text: String,
}

/// How ratings of competencies become the level a person operates at.
///
/// The rule is an *area floor*: within each area, a level counts as reached when enough of the
/// area's rated competencies meet it and none sits too far below it; overall, the person is at
/// the highest level that every area reaches. A strength in one area cannot hide a weakness in
/// another, and raising any rating never lowers the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelRule {
    /// The share (0–1] of an area's rated competencies that must meet a level.
    pub area_quorum: f64,
    /// How many ranks below the level any single competency may sit.
    pub max_shortfall: u32,
    /// The share (0–1] of an area's competencies that must be rated for the area to count.
    pub min_rated: f64,
    pub summary: Option<String>,
}

impl LevelRule {
    /// How many of an area's `competencies` must be rated for the area to count (at least one).
    pub fn rated_needed(&self, competencies: usize) -> usize {
        (((self.min_rated * competencies as f64) - 1e-9).ceil() as usize).max(1)
    }
}

/// The readiness tiers, checked in order: a person is in the first tier whose every limit holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadinessTier {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    /// Most of the competencies (as a share, 0–1) that may be below the target level.
    pub max_short_share: Option<f64>,
    /// Most ranks any one competency may be below the target.
    pub max_gap: Option<u32>,
    /// Most of the transition's milestones (as a share, 0–1) that may still be open.
    pub max_open_milestone_share: Option<f64>,
}

/// What a move between levels is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MoveKind {
    /// Up one or more ranks.
    Promotion,
    /// Across to the parallel level on another track.
    TrackSwitch,
    /// To another level of the same rank.
    Lateral,
}

impl MoveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Promotion => "promotion",
            MoveKind::TrackSwitch => "track-switch",
            MoveKind::Lateral => "lateral",
        }
    }
}

/// A way between levels, with the milestones that show readiness for it. A move from several
/// levels to several levels stands for every pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Move {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub kind: MoveKind,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub summary: Option<String>,
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    /// The criterion: what someone who has met the milestone has done, so it can be checked.
    pub text: String,
    /// The source's own words, kept as the source note beside the criterion.
    pub quote: Option<String>,
    /// Only for moves onto these tracks, when the move leads to more than one.
    pub tracks: Vec<String>,
    pub source: Option<String>,
}

/// How many direct reports a level should have.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpanRule {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub level: String,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub summary: String,
    pub source: Option<String>,
}

/// A factor in choosing a track, asked as a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Factor {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: String,
    pub question: String,
    pub options: Vec<FactorOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactorOption {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub label: String,
    /// The track this answer leans towards; none for a neutral answer.
    pub leans: Option<String>,
    pub reason: String,
}

/// A specialization within the discipline, and the words that signal it in a job title.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Specialization {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: String,
    pub signals: Vec<String>,
    pub points: Vec<String>,
}

/// The shape a team aims for, and how its checks are judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamShape {
    /// How far (as a share, 0–1) a band may stray from its target before it is flagged.
    pub tolerance: f64,
    pub bands: Vec<ShapeBand>,
    /// The share of people a track (usually the manager track) should hold.
    pub balance: Option<Balance>,
    pub calibration: Calibration,
}

impl Default for TeamShape {
    fn default() -> Self {
        Self {
            tolerance: 0.1,
            bands: Vec::new(),
            balance: None,
            calibration: Calibration::default(),
        }
    }
}

/// A band of the level pyramid: some levels, and the share of the team they should hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShapeBand {
    #[serde(skip)]
    pub(crate) at: String,
    pub name: String,
    pub levels: Vec<String>,
    pub share: f64,
}

/// The share of people a track should hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub track: String,
    pub min: f64,
    pub max: f64,
}

/// How lenient or harsh assessors are judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Calibration {
    /// Assessors with fewer assessments than this are not judged.
    pub min_assessments: u32,
    /// How far (in ranks) an assessor's average may stray from the team's before it is flagged.
    pub threshold: f64,
}

impl Default for Calibration {
    fn default() -> Self {
        Self {
            min_assessments: 5,
            threshold: 0.5,
        }
    }
}

/// A piece of career guidance: an adjacent role, an entry path, an industry, a strategy, ….
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Topic {
    /// Where this sits in the source document, e.g. `levels[2]`.
    #[serde(skip)]
    pub(crate) at: String,
    pub id: String,
    pub name: String,
    pub summary: String,
    pub points: Vec<String>,
    pub examples: Vec<String>,
    /// The levels it applies to or starts from; empty for all.
    pub levels: Vec<String>,
}

/// The framework's guidance beyond the ladder itself, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Guidance {
    pub adjacent_roles: Vec<Topic>,
    pub entrepreneurial_paths: Vec<Topic>,
    pub executive_paths: Vec<Topic>,
    pub industry_transitions: Vec<Topic>,
    pub industry_variations: Vec<Topic>,
    pub advancement_strategies: Vec<Topic>,
    pub entry_paths: Vec<Topic>,
    pub career_paths: Vec<Topic>,
    pub learning_resources: Vec<Topic>,
    pub future_skills: Vec<Topic>,
}

impl Guidance {
    /// Each kind of guidance with its name in the file, in file order.
    pub fn sections(&self) -> [(&'static str, &[Topic]); 10] {
        [
            ("adjacent_roles", &self.adjacent_roles),
            ("entrepreneurial_paths", &self.entrepreneurial_paths),
            ("executive_paths", &self.executive_paths),
            ("industry_transitions", &self.industry_transitions),
            ("industry_variations", &self.industry_variations),
            ("advancement_strategies", &self.advancement_strategies),
            ("entry_paths", &self.entry_paths),
            ("career_paths", &self.career_paths),
            ("learning_resources", &self.learning_resources),
            ("future_skills", &self.future_skills),
        ]
    }
}
