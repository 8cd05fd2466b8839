//! Readiness for a rung: the measures of a gap, the tier they fit, and why in words.

use super::*;

impl Evaluator<'_> {
    pub(super) fn measures(
        &self,
        track: usize,
        codes: &[u8],
        target: LevelPos,
        open: usize,
        milestones: usize,
    ) -> Measures {
        let t = self.judging_track(track, target);
        let mut short = 0;
        let mut max_gap = 0;
        for (c, &code) in codes.iter().enumerate() {
            if code == NOT_ASSESSED {
                short += 1;
                continue;
            }
            let e = self.tables.eff
                [(t * self.tables.competencies + c) * self.tables.codes + usize::from(code)];
            let goal = self.bar(t, c, target);
            if e < goal {
                short += 1;
                max_gap = max_gap.max(goal - e);
            }
        }
        Measures {
            short,
            total: codes.len(),
            max_gap,
            open,
            milestones,
        }
    }

    /// The readiness tier (its position in the framework's list) for a target level, given how
    /// many of the milestones on the way are still open. Allocation-free.
    pub fn readiness_tier(
        &self,
        p: &Profile,
        target: LevelPos,
        open: usize,
        milestones: usize,
    ) -> usize {
        self.readiness_tier_codes(p.track, &p.codes, target, open, milestones)
    }

    /// [`Evaluator::readiness_tier`] on borrowed codes.
    pub fn readiness_tier_codes(
        &self,
        track: usize,
        codes: &[u8],
        target: LevelPos,
        open: usize,
        milestones: usize,
    ) -> usize {
        let m = self.measures(track, codes, target, open, milestones);
        let tiers = self.fw.readiness_tiers();
        tiers
            .iter()
            .position(|tier| m.fits(tier))
            .unwrap_or(tiers.len().saturating_sub(1))
    }

    pub(super) fn explain_readiness(
        &self,
        p: &Profile,
        target: LevelPos,
        open: usize,
        milestones: usize,
    ) -> Readiness {
        let m = self.measures(p.track, &p.codes, target, open, milestones);
        let tiers = self.fw.readiness_tiers();
        let index = self.readiness_tier(p, target, open, milestones);
        let tier = &tiers[index];
        let goal = &self.fw.level_at(target).short_title;
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let mut reasons = vec![
            format!(
                "{} of {} competencies {} below {goal} or not assessed ({}).",
                m.short,
                m.total,
                if m.short == 1 { "is" } else { "are" },
                pct(m.short_share())
            ),
            if m.short > 0 {
                format!(
                    "The largest gap is {}.",
                    count(usize::from(m.max_gap), "rank", "ranks")
                )
            } else {
                "No gap in any assessed competency.".to_owned()
            },
            if m.milestones == 0 {
                "No milestones are listed on the way.".to_owned()
            } else {
                format!(
                    "{} of {} milestones on the way still open ({}).",
                    m.open,
                    m.milestones,
                    pct(m.open_share())
                )
            },
        ];
        // Why not the tiers above: the first limit each one breaks.
        for higher in &tiers[..index] {
            let broken = if higher
                .max_short_share
                .is_some_and(|x| m.short_share() > x + 1e-9)
            {
                format!(
                    "{} short, where it allows {}",
                    pct(m.short_share()),
                    pct(higher.max_short_share.unwrap_or(0.0))
                )
            } else if higher.max_gap.is_some_and(|x| u32::from(m.max_gap) > x) {
                format!(
                    "a gap of {}, where it allows {}",
                    count(usize::from(m.max_gap), "rank", "ranks"),
                    higher.max_gap.unwrap_or(0)
                )
            } else {
                format!(
                    "{} of milestones open, where it allows {}",
                    pct(m.open_share()),
                    pct(higher.max_open_milestone_share.unwrap_or(0.0))
                )
            };
            reasons.push(format!("Not {}: {broken}.", higher.name.to_lowercase()));
        }
        Readiness {
            tier: tier.id.clone(),
            name: tier.name.clone(),
            short_share: m.short_share(),
            max_gap: m.max_gap,
            open_milestone_share: m.open_share(),
            reasons,
        }
    }
}
