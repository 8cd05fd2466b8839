//! An assessment as a store keeps it: plain fields, and its ratings as one code per competency
//! of the framework version it was made against. Built from an [`Assessment`] and back, with
//! no document text in between.

use super::{Assessment, Assessor, AssessorKind, MilestoneMet, Rated, Rating};
use crate::date::Date;
use crate::framework::{Framework, LevelPos};
use crate::ids::{CompetencyId, LevelId, PersonId};

/// The code of a rating below the first level.
pub const BELOW: u8 = 0;

/// The code of a competency not assessed.
pub const NOT_ASSESSED: u8 = u8::MAX;

/// An assessment's fields as a store keeps them.
///
/// `ratings` holds one byte per competency of the framework version the assessment was made
/// against, in that version's order: [`BELOW`] (0), `n` for the version's `n`-th level (from
/// 1), or [`NOT_ASSESSED`] (255).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFields {
    pub person: PersonId,
    pub date: Date,
    pub kind: AssessorKind,
    pub assessor: String,
    pub track: String,
    /// The level the person held, if recorded.
    pub level: Option<LevelId>,
    pub ratings: Vec<u8>,
    /// Evidence for ratings, by competency id.
    pub rating_evidence: Vec<(CompetencyId, String)>,
    /// Milestones met, with evidence where there is some.
    pub milestones: Vec<(String, Option<String>)>,
    pub notes: Option<String>,
}

/// How ratings stored against one framework version read on another: each competency at its
/// place in the other (one it no longer has is set aside), each level's code as the other's
/// (a level it no longer has is set aside as not assessed). The one rule for placing an older
/// assessment on the version in use: the team report and a person's own pages both use it.
#[derive(Debug, Clone)]
pub struct Translation {
    /// For each competency of the version, its place in the other.
    competencies: Vec<Option<usize>>,
    /// For each rating code of the version, the code on the other.
    codes: Vec<u8>,
    /// How many competencies the other has.
    stride: usize,
}

impl Translation {
    pub fn new(from: &Framework, to: &Framework) -> Translation {
        let mut codes = vec![NOT_ASSESSED; usize::from(NOT_ASSESSED) + 1];
        codes[usize::from(BELOW)] = BELOW;
        for (i, level) in from.levels().iter().enumerate() {
            codes[i + 1] = to
                .level_pos(&level.id)
                .map_or(NOT_ASSESSED, |l| (l.index() + 1) as u8);
        }
        Translation {
            competencies: from
                .competencies()
                .map(|(_, c)| to.competency_position(&c.id))
                .collect(),
            codes,
            stride: to.competencies().count(),
        }
    }

    /// `ratings` (codes of the version translated from) placed on the other, into `out`.
    pub fn place(&self, ratings: &[u8], out: &mut Vec<u8>) {
        out.clear();
        out.resize(self.stride, NOT_ASSESSED);
        for (c, &code) in ratings.iter().enumerate() {
            if let (Some(Some(to)), Some(&placed)) =
                (self.competencies.get(c), self.codes.get(usize::from(code)))
            {
                out[*to] = placed;
            }
        }
    }
}

/// The code of one rating in a framework.
pub fn rating_code(fw: &Framework, rating: &Rating) -> u8 {
    match rating {
        Rating::Below => BELOW,
        Rating::NotAssessed => NOT_ASSESSED,
        Rating::Level(id) => fw.level_pos(id).map_or(NOT_ASSESSED, level_code),
    }
}

/// Bytes as two hex digits each: how codes are kept as text.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// [`hex`] digits back to bytes, into `out`; false (with `out` unspecified) when the text is
/// not pairs of hex digits.
pub fn unhex_into(text: &str, out: &mut Vec<u8>) -> bool {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let b = text.as_bytes();
    out.clear();
    if b.len() % 2 != 0 {
        return false;
    }
    for p in b.chunks(2) {
        match (digit(p[0]), digit(p[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return false,
        }
    }
    true
}

/// The code of a rating at a level.
pub fn level_code(level: LevelPos) -> u8 {
    (level.index() + 1) as u8
}

/// The rating a code stands for in a framework; `None` for a code the framework has no level
/// for.
pub fn rating_of(fw: &Framework, code: u8) -> Option<Rating> {
    match code {
        BELOW => Some(Rating::Below),
        NOT_ASSESSED => Some(Rating::NotAssessed),
        c => fw
            .levels()
            .get(usize::from(c) - 1)
            .map(|l| Rating::Level(l.id.clone())),
    }
}

impl StoredFields {
    /// The fields of an assessment loaded against `fw` (the framework it is stored with).
    pub fn from_assessment(fw: &Framework, a: &Assessment, person: &str) -> StoredFields {
        StoredFields {
            person: PersonId::from(person),
            date: a.date,
            kind: a.assessor.kind,
            assessor: a.assessor.name.clone(),
            track: a.track.clone(),
            level: a.current_level.clone(),
            ratings: fw
                .competencies()
                .map(|(_, c)| {
                    a.rating(&c.id)
                        .map_or(NOT_ASSESSED, |r| rating_code(fw, &r.rating))
                })
                .collect(),
            rating_evidence: a
                .ratings
                .iter()
                .filter_map(|r| Some((r.competency.clone(), r.evidence.clone()?)))
                .collect(),
            milestones: a
                .milestones
                .iter()
                .map(|m| (m.id.clone(), m.evidence.clone()))
                .collect(),
            notes: a.notes.clone(),
        }
    }

    /// These fields, stored against `from`, placed on `to` ([`Translation`]): ratings of what
    /// `to` no longer has set aside; the level, track, evidence and milestones kept where `to`
    /// has them (a track it lacks becomes the shared ladder's).
    pub fn placed_on(&self, from: &Framework, to: &Framework) -> StoredFields {
        let mut ratings = Vec::new();
        Translation::new(from, to).place(&self.ratings, &mut ratings);
        let shared = to
            .tracks()
            .first()
            .map_or_else(String::new, |t| t.id.clone());
        StoredFields {
            ratings,
            track: if to.track(&self.track).is_some() {
                self.track.clone()
            } else {
                shared
            },
            level: self.level.clone().filter(|l| to.level(l).is_some()),
            rating_evidence: self
                .rating_evidence
                .iter()
                .filter(|(c, _)| to.competency_position(c).is_some())
                .cloned()
                .collect(),
            milestones: self
                .milestones
                .iter()
                .filter(|(m, _)| to.milestone(m).is_some())
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The assessment again, read against `fw`, the framework version it was stored with;
    /// `name` is the person's name. An error says what does not fit that version.
    pub fn to_assessment(&self, fw: &Framework, name: &str) -> Result<Assessment, String> {
        let count = fw.competencies().count();
        if self.ratings.len() != count {
            return Err(format!(
                "it holds {} ratings where its framework version has {count} competencies",
                self.ratings.len()
            ));
        }
        if fw.track(&self.track).is_none() {
            return Err(format!(
                "its track `{}` is not in its framework version",
                self.track
            ));
        }
        if let Some(l) = self.level.as_deref().filter(|l| fw.level(l).is_none()) {
            return Err(format!("its level `{l}` is not in its framework version"));
        }
        let evidence = |id: &str| {
            self.rating_evidence
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, e)| e.clone())
        };
        let mut ratings = Vec::with_capacity(count);
        for ((_, c), &code) in fw.competencies().zip(&self.ratings) {
            let rating = rating_of(fw, code).ok_or_else(|| {
                format!(
                    "its rating of `{}` is code {code}, which names no level",
                    c.id
                )
            })?;
            ratings.push(Rated {
                competency: CompetencyId::from(c.id.as_str()),
                rating,
                evidence: evidence(&c.id),
            });
        }
        Ok(Assessment {
            person: name.to_owned(),
            person_id: Some(self.person.clone()),
            framework: fw.id().to_owned(),
            framework_version: fw.version().to_owned(),
            date: self.date,
            assessor: Assessor {
                kind: self.kind,
                name: self.assessor.clone(),
            },
            track: self.track.clone(),
            current_level: self.level.clone(),
            ratings,
            milestones: self
                .milestones
                .iter()
                .map(|(id, evidence)| MilestoneMet {
                    id: id.clone(),
                    evidence: evidence.clone(),
                })
                .collect(),
            notes: self.notes.clone(),
        })
    }

    /// Whether a history CSV row can hold everything this assessment says (it has no column
    /// for evidence or notes).
    pub fn fits_a_history_row(&self) -> bool {
        self.rating_evidence.is_empty()
            && self.notes.is_none()
            && self.milestones.iter().all(|(_, e)| e.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assessment_comes_back_from_its_stored_fields_unchanged() {
        let fw = crate::framework::builtin();
        let text = include_str!("../../../../examples/ada-manager.json");
        let a = super::super::load("a.json", text.as_bytes(), fw)
            .expect("the example loads")
            .assessment;
        let stored = StoredFields::from_assessment(fw, &a, "ada");
        assert_eq!(stored.ratings.len(), 20);
        assert!(!stored.fits_a_history_row(), "it has evidence");
        let back = stored.to_assessment(fw, &a.person).expect("reads back");
        assert_eq!(back, a);
    }

    #[test]
    fn fields_that_do_not_fit_their_version_are_named() {
        let fw = crate::framework::builtin();
        let mut s = StoredFields {
            person: "p".into(),
            date: Date::from_days(0),
            kind: AssessorKind::Own,
            assessor: "P".into(),
            track: "ic".into(),
            level: None,
            ratings: vec![1; 19],
            rating_evidence: Vec::new(),
            milestones: Vec::new(),
            notes: None,
        };
        let e = s.to_assessment(fw, "P").expect_err("too few");
        assert_eq!(
            e,
            "it holds 19 ratings where its framework version has 20 competencies"
        );
        s.ratings = vec![40; 20];
        let e = s.to_assessment(fw, "P").expect_err("no level 40");
        assert!(e.contains("code 40, which names no level"), "{e}");
    }
}
