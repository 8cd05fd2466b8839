//! The rung above a level, and the level an assessment aims at: one rule for every face.

use super::{Evaluator, Profile};
use crate::Unknown;
use crate::assessment::Assessment;
use crate::framework::LevelPos;

/// What comes after a level on a person's track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextRung {
    /// One rung: the lowest promotion from the level that stays on the person's ladder, or, where
    /// none does, the only promotion there is (Principal PM → Director crosses to the manager
    /// track).
    One(LevelPos),
    /// The ladder splits here and the person has not chosen a track: one rung per branch.
    Split(Vec<LevelPos>),
    /// No promotion leads on from the level.
    Top,
}

/// Why no target level could be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// The level named is not one of the framework's.
    #[error(transparent)]
    Unknown(#[from] Unknown),
    /// No promotion leads on from where the person is.
    #[error("{person} is at {level}, the top of the ladder: no promotion leads on from it")]
    AtTop { person: String, level: String },
    /// The person is where the ladder splits and has not chosen a track.
    #[error(
        "{person} is at {level}, where the ladder splits: the next rung is {} depending on the track",
        options.join(" or ")
    )]
    AtSplit {
        person: String,
        level: String,
        /// "Principal PM (IC track)", "Group PM (manager track)".
        options: Vec<String>,
        /// The level ids of the options, in the same order.
        ids: Vec<String>,
    },
}

impl Evaluator<'_> {
    /// The next rung from `level` for a person on `track`, by the framework's promotions.
    pub fn next_rung(&self, level: LevelPos, track: usize) -> NextRung {
        let fw = self.fw;
        let ups = &self.tables.ups[level.index()];
        if let Some(&on) = ups.iter().find(|&&l| self.on_ladder(track, l)) {
            return NextRung::One(on);
        }
        let shared = fw.tracks().get(track).is_some_and(|t| t.shared);
        match ups.as_slice() {
            [] => NextRung::Top,
            [one] => NextRung::One(*one),
            _ if shared => {
                // One rung per branch: the lowest promotion onto each track.
                let mut branches: Vec<LevelPos> = Vec::new();
                for &l in ups {
                    let t = &fw.level_at(l).track;
                    if !branches.iter().any(|&b| fw.level_at(b).track == *t) {
                        branches.push(l);
                    }
                }
                if branches.len() == 1 {
                    NextRung::One(branches[0])
                } else {
                    NextRung::Split(branches)
                }
            }
            [first, ..] => NextRung::One(*first),
        }
    }

    /// Where an assessment starts from: the level the person holds, else the level their
    /// ratings show, else the first rung of their ladder.
    pub fn start_level(&self, a: &Assessment) -> Option<LevelPos> {
        let held = a
            .current_level
            .as_deref()
            .and_then(|id| self.fw.level_pos(id));
        self.start_of(&self.profile(a), held)
    }

    /// [`Evaluator::start_level`] of a profile and the level held.
    pub fn start_of(&self, p: &Profile, held: Option<LevelPos>) -> Option<LevelPos> {
        held.or_else(|| self.shown_level(p))
            .or_else(|| self.ladder(p.track).next())
    }

    /// The level a profile's ratings show under the level rule; none below the first level or
    /// with too little rated.
    pub fn shown_level(&self, p: &Profile) -> Option<LevelPos> {
        self.rank(p).and_then(|r| self.level_at(p.track, r))
    }

    /// The level an assessment aims at: the one named (by id, title or alias), or else the next
    /// rung from where the person starts ([`Evaluator::start_level`]) on their track.
    pub fn target(&self, a: &Assessment, to: Option<&str>) -> Result<LevelPos, TargetError> {
        let fw = self.fw;
        if let Some(name) = to {
            return Ok(fw.find_level(name)?.pos());
        }
        let Some(start) = self.start_level(a) else {
            return Err(TargetError::AtTop {
                person: a.person.clone(),
                level: "no level".into(),
            });
        };
        let track = self.track_index(&a.track).unwrap_or_default();
        let level = fw.level_at(start).short_title.clone();
        match self.next_rung(start, track) {
            NextRung::One(next) => Ok(next),
            NextRung::Top => Err(TargetError::AtTop {
                person: a.person.clone(),
                level,
            }),
            NextRung::Split(options) => Err(TargetError::AtSplit {
                person: a.person.clone(),
                level,
                options: options
                    .iter()
                    .map(|&l| {
                        let l = fw.level_at(l);
                        let track = fw
                            .track(&l.track)
                            .map_or(l.track.clone(), |t| t.name.to_lowercase());
                        format!("{} ({track} track)", l.short_title)
                    })
                    .collect(),
                ids: options.iter().map(|&l| fw.level_at(l).id.clone()).collect(),
            }),
        }
    }
}
