//! Calibration within a cycle: the levels the managers' ratings show, readiness per level,
//! each manager's lift and where people see themselves differently from their managers.
//!
//! What is shown obeys one rule: no figure is about a group of fewer than
//! [`MIN_GROUP`] people, and nothing ranks one team or manager against another (managers are
//! listed by name). Levels with fewer people are folded together, and left out when even
//! together they are fewer than the minimum.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::assessment::Assessment;
use crate::assessment::stored::{BELOW, hex, level_code, unhex_into};
use crate::eval::{Evaluator, NOT_ASSESSED, Profile};
use crate::framework::LevelPos;
use crate::team::{GAP_RANKS, MIN_GROUP};

/// One person's record in a cycle, as calibration reads it: the manager's (calibrated)
/// rating, and the person's self-assessment when they submitted one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationRow {
    pub person: String,
    /// Who rated: the manager's name.
    pub assessor: String,
    /// The level the manager's rating shows (id); none below the first level or with too
    /// little rated.
    pub shown: Option<String>,
    /// The readiness tier for the next rung (its id); none at the top of the ladder. At a
    /// split without a chosen track, the nearer of the branches.
    pub readiness: Option<String>,
    /// The next rung the readiness is for (its id).
    pub next: Option<String>,
    /// The mean rank of the manager's ratings minus the rank of the level held.
    pub lift: Option<f64>,
    /// Self minus manager, in ranks, over the competencies both rated.
    pub self_minus_manager: Option<f64>,
}

/// What calibration reads of one part of a record: who rated, the track, the ratings as
/// codes, the level held and the milestones met.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedPart {
    pub assessor: String,
    pub profile: Profile,
    pub held: Option<LevelPos>,
    pub met: Vec<String>,
}

impl RatedPart {
    /// The part of an assessment loaded against the evaluator's framework.
    pub fn of(ev: &Evaluator<'_>, a: &Assessment) -> RatedPart {
        RatedPart {
            assessor: a.assessor.name.clone(),
            profile: ev.profile(a),
            held: a
                .current_level
                .as_deref()
                .and_then(|l| ev.framework().find_level(l).ok())
                .map(|l| l.pos()),
            met: a.milestones.iter().map(|m| m.id.clone()).collect(),
        }
    }

    /// The part from a stored body (an assessment document in JSON, as a cycle keeps it),
    /// read straight into codes: about a tenth of loading it. `None` when the body is not
    /// exactly in the stored form (an id the framework does not know, a title for a level,
    /// anything the loader would read differently): read it with the loader then.
    pub fn from_stored(ev: &Evaluator<'_>, body: &str) -> Option<RatedPart> {
        let fw = ev.framework();
        let doc: StoredBody<'_> = serde_json::from_str(body).ok()?;
        let mut codes = vec![NOT_ASSESSED; fw.competencies().count()];
        for (competency, rating) in &doc.ratings.0 {
            let c = fw.competencies().position(|(_, c)| c.id == **competency)?;
            codes[c] = match &*rating.0 {
                "below" => BELOW,
                "not-assessed" => NOT_ASSESSED,
                id => level_code(fw.level_pos(id)?),
            };
        }
        let held = match doc.level.as_deref() {
            Some(id) => Some(fw.level_pos(id)?),
            None => None,
        };
        Some(RatedPart {
            assessor: doc.assessor.name.into_owned(),
            profile: Profile {
                track: ev.track_index(&doc.track)?,
                codes,
            },
            held,
            met: doc
                .milestones
                .into_iter()
                .map(|m| m.0.into_owned())
                .collect(),
        })
    }

    /// The part in a few bytes, to keep beside its body: what calibration reads of each
    /// record, so that a review of 100,000 is calibrated without reading every body. The
    /// track, the level held, the codes in hex and the milestones met (ids, which hold no
    /// `|` or `;`), then who rated: `manager|senior-pm|0304…|ships;leads|Ana Diaz`.
    pub fn summary(&self, ev: &Evaluator<'_>) -> String {
        let fw = ev.framework();
        let track = fw
            .tracks()
            .get(self.profile.track)
            .map_or("", |t| t.id.as_str());
        let level = self.held.map_or("", |l| fw.level_at(l).id.as_str());
        format!(
            "{track}|{level}|{}|{}|{}",
            hex(&self.profile.codes),
            self.met.join(";"),
            self.assessor
        )
    }

    /// A part from its [`RatedPart::summary`]; `None` when it does not fit the evaluator's
    /// framework (then read the body).
    pub fn from_summary(ev: &Evaluator<'_>, text: &str) -> Option<RatedPart> {
        let fw = ev.framework();
        let mut fields = text.splitn(5, '|');
        let (track, level, codes, met, assessor) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        let mut profile = Profile {
            track: ev.track_index(track)?,
            codes: Vec::with_capacity(codes.len() / 2),
        };
        let levels = fw.levels().len();
        let fits = |&c: &u8| c == BELOW || c == NOT_ASSESSED || usize::from(c) <= levels;
        if !unhex_into(codes, &mut profile.codes)
            || profile.codes.len() != fw.competencies().count()
            || !profile.codes.iter().all(fits)
        {
            return None;
        }
        let held = match level {
            "" => None,
            id => Some(fw.level_pos(id)?),
        };
        Some(RatedPart {
            assessor: assessor.to_owned(),
            profile,
            held,
            met: met
                .split(';')
                .filter(|m| !m.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// The fields of a stored assessment document calibration reads, borrowed where they can be.
#[derive(Deserialize)]
struct StoredBody<'a> {
    #[serde(borrow)]
    track: Cow<'a, str>,
    #[serde(borrow, default)]
    level: Option<Cow<'a, str>>,
    #[serde(borrow)]
    assessor: StoredAssessor<'a>,
    #[serde(borrow)]
    ratings: Pairs<'a>,
    #[serde(borrow, default)]
    milestones: Vec<StoredEntry<'a>>,
}

#[derive(Deserialize)]
struct StoredAssessor<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
}

/// The ratings table as its pairs, in the order written.
struct Pairs<'a>(Vec<(Cow<'a, str>, StoredEntry<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Pairs<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Pairs<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of ratings")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Pairs<'a>, M::Error> {
                let mut out = Vec::with_capacity(m.size_hint().unwrap_or(24));
                while let Some(pair) = m.next_entry()? {
                    out.push(pair);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A rating or a milestone: an id alone, or a table with the id (`level` or `id`) and
/// evidence.
struct StoredEntry<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for StoredEntry<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = StoredEntry<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an id, or a table with one")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(StoredEntry(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StoredEntry(Cow::Owned(v.to_owned())))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut id = None;
                while let Some(key) = m.next_key::<Cow<'de, str>>()? {
                    if key == "level" || key == "id" {
                        id = Some(m.next_value::<Cow<'de, str>>()?);
                    } else {
                        m.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                id.map(StoredEntry)
                    .ok_or_else(|| serde::de::Error::missing_field("level"))
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

impl CalibrationRow {
    /// One record from its parts: the manager's, and the person's own when submitted.
    pub fn of_parts(
        ev: &Evaluator<'_>,
        person: &str,
        manager: &RatedPart,
        own: Option<&RatedPart>,
    ) -> CalibrationRow {
        let fw = ev.framework();
        let profile = &manager.profile;
        let shown = ev.shown_level(profile);
        let lift = manager.held.and_then(|h| {
            ev.mean_rank(profile.track, &profile.codes)
                .map(|m| m - f64::from(ev.rank_of(h)))
        });
        let best = ev.next_readiness(profile, manager.held, |m| {
            manager.met.iter().any(|x| x == m)
        });
        let self_minus_manager = own.and_then(|o| {
            ev.mean_difference(profile.track, &o.profile.codes, &profile.codes)
                .map(|(m, _)| m)
        });
        CalibrationRow {
            person: person.to_owned(),
            assessor: manager.assessor.clone(),
            shown: shown.map(|l| fw.level_at(l).id.clone()),
            readiness: best.map(|(t, _)| fw.readiness_tiers()[t].id.clone()),
            next: best.map(|(_, l)| fw.level_at(l).id.clone()),
            lift,
            self_minus_manager,
        }
    }
}

/// How many people the ratings put at one level, and their readiness for the next rung.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CycleLevelCount))]
pub struct LevelCount {
    /// The level's id; none for the group folded from levels of fewer people.
    pub level: Option<String>,
    /// The level's title, or "Other levels (fewer than 5 people each)".
    pub name: String,
    pub people: usize,
    /// People per readiness tier, in the framework's order of tiers (tier id, count).
    pub readiness: Vec<(String, usize)>,
}

/// The distribution of shown levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Distribution {
    pub levels: Vec<LevelCount>,
    /// People at levels left out because even together they are fewer than the minimum.
    pub withheld_levels: usize,
}

/// One manager's lift, listed by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lift {
    pub assessor: String,
    pub people: usize,
    pub mean_lift: f64,
}

/// Self against manager, as counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapCount {
    /// People compared (both parts submitted).
    pub compared: usize,
    /// Rate themselves half a rank or more above their manager.
    pub self_higher: usize,
    /// Within half a rank.
    pub in_line: usize,
    /// Rate themselves half a rank or more below their manager.
    pub self_lower: usize,
    pub mean_self_minus_manager: f64,
}

/// What calibration shows of a cycle, or of the part of it a manager leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CycleCalibration {
    /// People with a submitted manager's rating.
    pub rated: usize,
    /// The smallest group shown.
    pub min_group: usize,
    /// None when fewer than the minimum are rated: then nothing is shown.
    pub distribution: Option<Distribution>,
    /// Managers who rated at least the minimum, by name; never ranked.
    pub lifts: Vec<Lift>,
    /// Managers of fewer people, not shown on their own.
    pub withheld_assessors: usize,
    /// None when fewer than the minimum were compared.
    pub gaps: Option<GapCount>,
}

impl CycleCalibration {
    pub fn new(ev: &Evaluator<'_>, rows: &[CalibrationRow]) -> CycleCalibration {
        let fw = ev.framework();
        let tiers: Vec<&str> = fw.readiness_tiers().iter().map(|t| t.id.as_str()).collect();
        let count = |group: &[&CalibrationRow]| -> Vec<(String, usize)> {
            tiers
                .iter()
                .map(|&t| {
                    let n = group
                        .iter()
                        .filter(|r| r.readiness.as_deref() == Some(t))
                        .count();
                    (t.to_owned(), n)
                })
                .collect()
        };
        let distribution = (rows.len() >= MIN_GROUP).then(|| {
            let mut levels = Vec::new();
            let mut small: Vec<&CalibrationRow> = Vec::new();
            // In the ladder's order, then below the first level (or too little rated).
            let mut ids: Vec<Option<&str>> =
                fw.levels().iter().map(|l| Some(l.id.as_str())).collect();
            ids.push(None);
            for id in ids {
                let group: Vec<&CalibrationRow> =
                    rows.iter().filter(|r| r.shown.as_deref() == id).collect();
                if group.is_empty() {
                    continue;
                }
                if group.len() < MIN_GROUP {
                    small.extend(group);
                    continue;
                }
                let name = match id {
                    Some(id) => fw
                        .find_level(id)
                        .map_or_else(|_| id.to_owned(), |l| l.title.clone()),
                    None => "Below the first level, or too little rated".to_owned(),
                };
                levels.push(LevelCount {
                    level: id.map(str::to_owned),
                    name,
                    people: group.len(),
                    readiness: count(&group),
                });
            }
            let mut withheld_levels = 0;
            if small.len() >= MIN_GROUP {
                levels.push(LevelCount {
                    level: None,
                    name: format!("Other levels (fewer than {MIN_GROUP} people each)"),
                    people: small.len(),
                    readiness: count(&small),
                });
            } else {
                withheld_levels = small.len();
            }
            Distribution {
                levels,
                withheld_levels,
            }
        });

        let mut by_assessor: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
        let mut assessors: std::collections::BTreeSet<&str> = Default::default();
        for r in rows {
            assessors.insert(&r.assessor);
            if let Some(l) = r.lift {
                by_assessor.entry(&r.assessor).or_default().push(l);
            }
        }
        // By name (the map's order), never by lift.
        let lifts: Vec<Lift> = by_assessor
            .iter()
            .filter(|(_, l)| l.len() >= MIN_GROUP)
            .map(|(a, l)| Lift {
                assessor: (*a).to_owned(),
                people: l.len(),
                mean_lift: l.iter().sum::<f64>() / l.len() as f64,
            })
            .collect();
        let withheld_assessors = assessors.len() - lifts.len();

        let diffs: Vec<f64> = rows.iter().filter_map(|r| r.self_minus_manager).collect();
        let gaps = (diffs.len() >= MIN_GROUP).then(|| GapCount {
            compared: diffs.len(),
            self_higher: diffs.iter().filter(|&&d| d >= GAP_RANKS).count(),
            in_line: diffs.iter().filter(|&&d| d.abs() < GAP_RANKS).count(),
            self_lower: diffs.iter().filter(|&&d| d <= -GAP_RANKS).count(),
            mean_self_minus_manager: diffs.iter().sum::<f64>() / diffs.len() as f64,
        });
        CycleCalibration {
            rated: rows.len(),
            min_group: MIN_GROUP,
            distribution,
            lifts,
            withheld_assessors,
            gaps,
        }
    }
}
