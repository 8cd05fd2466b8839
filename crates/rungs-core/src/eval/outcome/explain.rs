//! The level rule's reasons, line by line: ratings that count for less on this track, each area, the overall level, what is below the level held and what stands before the next rung.

use super::*;

impl Evaluator<'_> {
    /// Ratings at a level off this ladder that count for less here.
    pub(super) fn off_ladder_lines(
        &self,
        r: &Read<'_>,
        codes: &[u8],
        track_name: &str,
        lines: &mut Vec<String>,
    ) {
        let (fw, t, comps, eff) = (self.fw, r.t, r.comps, r.eff);
        for (c, (_, comp)) in comps.iter().enumerate() {
            let code = codes[c];
            if code == NOT_ASSESSED || code == 0 {
                continue;
            }
            let rated = LevelPos::at(usize::from(code - 1));
            let worth = eff[c].unwrap_or(0);
            if !self.on_ladder(t, rated) && worth < self.rank_of(rated) {
                let here = self
                    .ladder(t)
                    .find(|&l| self.rank_of(l) == self.rank_of(rated));
                let why = match here {
                    Some(h) => format!(
                        ", because the {} expectation differs (\"{}\")",
                        self.name(Some(h)),
                        fw.expectation_at(comp, h)
                    ),
                    None => format!(", the top of {}", ladder_phrase(track_name)),
                };
                lines.push(format!(
                    "{} is rated {}; on this track that counts as {}{why}.",
                    comp.name,
                    self.name(Some(rated)),
                    self.name(self.level_at(t, worth))
                ));
            }
        }
    }

    /// Each area: the level it reaches and why, or why it is not counted.
    pub(super) fn area_lines(&self, r: &Read<'_>, areas: &[AreaResult], lines: &mut Vec<String>) {
        let (t, comps, eff) = (r.t, r.comps, r.eff);
        for (area, info) in areas.iter().zip(&self.tables.areas) {
            let Some(r) = area.rank else {
                lines.push(format!(
                    "{}: not counted: {} of {} competencies rated, {} needed.",
                    area.name, area.rated, area.total, info.min_rated
                ));
                continue;
            };
            let at = (info.start..info.start + info.len)
                .filter(|&c| eff[c].is_some_and(|e| e >= r))
                .count();
            let lowest = (info.start..info.start + info.len)
                .filter(|&c| eff[c].is_some())
                .min_by_key(|&c| eff[c]);
            let lowest_note = lowest
                .filter(|&c| eff[c].is_some_and(|e| e < r))
                .map(|c| {
                    format!(
                        "; the lowest, {} ({}), is within {}",
                        comps[c].1.name,
                        self.name(self.level_at(t, eff[c].unwrap_or(0))),
                        count(usize::from(self.tables.max_shortfall), "rank", "ranks")
                    )
                })
                .unwrap_or_default();
            if r == 0 {
                lines.push(format!(
                    "{}: {}: too few competencies reach the first level.",
                    area.name,
                    self.name(None)
                ));
            } else {
                lines.push(format!(
                    "{}: {}, with {} of {} rated competencies at {} or above ({} needed){lowest_note}.",
                    area.name,
                    self.name(self.level_at(t, r)),
                    at,
                    area.rated,
                    self.name(self.level_at(t, r)),
                    area.needed
                ));
            }
        }
    }

    /// The level every area reaches, in a line.
    pub(super) fn overall_line(&self, rank: Option<u8>, level: Option<LevelPos>) -> String {
        match rank {
            None => "Overall: not enough of the profile is rated to place a level.".to_owned(),
            Some(0) => format!("Overall: {}.", self.name(None)),
            Some(_) => format!(
                "Overall: {}, the highest level every area reaches.",
                self.name(level)
            ),
        }
    }

    /// The competencies below the bar of the level held.
    pub(super) fn below_held(&self, r: &Read<'_>, held: Option<LevelPos>) -> Vec<BelowBar> {
        let (t, comps, eff) = (r.t, r.comps, r.eff);
        let mut below_held = Vec::new();
        if let Some(h) = held {
            for (c, (area, comp)) in comps.iter().enumerate() {
                let bar = self.bar(t, c, h);
                if eff[c].is_none_or(|e| e < bar) {
                    below_held.push(BelowBar {
                        competency: comp.id.clone(),
                        name: comp.name.clone(),
                        area: area.id.clone(),
                        level: eff[c].and_then(|e| self.id(self.level_at(t, e))),
                        not_assessed: eff[c].is_none(),
                    });
                }
            }
        }
        below_held
    }

    /// What stands between the ratings and the next rung (or the split, or the top), in lines;
    /// and the competencies holding the person below it and those already reaching it.
    pub(super) fn next_rung_lines(
        &self,
        r: &Read<'_>,
        areas: &[AreaResult],
        nexts: &[LevelPos],
        start: Option<LevelPos>,
        lines: &mut Vec<String>,
    ) -> (Vec<String>, Vec<String>) {
        let (fw, t, comps, eff) = (self.fw, r.t, r.comps, r.eff);
        let next = match nexts {
            [one] => Some(*one),
            _ => None,
        };
        let mut holding = Vec::new();
        let mut reaching_next = Vec::new();
        if let Some(n) = next {
            let next_name = self.name(Some(n));
            let short: Vec<usize> = (0..comps.len())
                .filter(|&c| eff[c].is_none_or(|e| e < self.bar(t, c, n)))
                .collect();
            let ahead: Vec<usize> = (0..comps.len())
                .filter(|&c| eff[c].is_some_and(|e| e >= self.bar(t, c, n)))
                .collect();
            if short.is_empty() {
                lines.push(format!(
                    "Every competency already meets the {next_name} expectation; the milestones of the step and the other differences (the gap) say what is left."
                ));
            } else {
                let now = |c: usize| -> String {
                    match eff[c] {
                        None => "not assessed".to_owned(),
                        Some(e) => self.name(self.level_at(t, e)).into_owned(),
                    }
                };
                let listed = |cs: &[usize]| -> String {
                    cs.iter()
                        .map(|&c| format!("{} ({})", comps[c].1.name, now(c)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut named = listed(&short[..short.len().min(6)]);
                if short.len() > 6 {
                    let _ = write!(named, " and {} more", short.len() - 6);
                }
                lines.push(format!(
                    "Next rung, {next_name}: {} of {} competencies are below its bar: {named}.",
                    short.len(),
                    comps.len()
                ));
                // The level rule, area by area: an area reaches the next rung when enough
                // competencies meet its bar and none is too far below it.
                let shortfall = self.tables.max_shortfall;
                for (area, info) in areas.iter().zip(&self.tables.areas) {
                    let range = info.start..info.start + info.len;
                    let at = range
                        .clone()
                        .filter(|&c| eff[c].is_some_and(|e| e >= self.bar(t, c, n)))
                        .count();
                    let below: Vec<usize> = range
                        .clone()
                        .filter(|&c| eff[c].is_some_and(|e| e < self.bar(t, c, n)))
                        .collect();
                    let far: Vec<usize> = below
                        .iter()
                        .copied()
                        .filter(|&c| {
                            eff[c].is_some_and(|e| e.saturating_add(shortfall) < self.bar(t, c, n))
                        })
                        .collect();
                    if area.rank.is_none() || (at >= area.needed && far.is_empty()) {
                        continue;
                    }
                    let mut sentence = format!(
                        "Holding the ratings below {next_name}: in {}, {at} of {} rated competencies meet its bar and {} are needed; below it: {}.",
                        area.name,
                        area.rated,
                        area.needed,
                        listed(&below)
                    );
                    if !far.is_empty() {
                        let _ = write!(
                            sentence,
                            " More than {} below {next_name}: {}.",
                            count(usize::from(shortfall), "rank", "ranks"),
                            listed(&far)
                        );
                    }
                    lines.push(sentence);
                    holding.extend(below.iter().map(|&c| comps[c].1.id.clone()));
                }
            }
            reaching_next = ahead.iter().map(|&c| comps[c].1.id.clone()).collect();
        } else if nexts.len() > 1 {
            let names: Vec<String> = nexts
                .iter()
                .map(|&n| {
                    let l = fw.level_at(n);
                    let track = fw
                        .track(&l.track)
                        .map_or(l.track.clone(), |t| t.name.to_lowercase());
                    format!("{} ({track} track)", l.short_title)
                })
                .collect();
            lines.push(format!(
                "Next rung: the ladder splits here, to {}; no track is chosen yet. The gap shows both side by side, and the track questions help choose.",
                names.join(" or ")
            ));
        } else if let Some(s) = start {
            lines.push(format!(
                "{} is the top of the ladder: no promotion leads on from it.",
                self.name(Some(s))
            ));
        }
        (holding, reaching_next)
    }
}
