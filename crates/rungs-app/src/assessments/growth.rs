//! A person's growth from their assessments: the gap to the next rung, readiness, the plan, the promotion packet, and the evidence for milestones.

use super::*;
use rungs_core::PersonId;

impl crate::Assessments<'_> {
    /// The level a view aims at: the one named, or the next rung (refused at the split, with
    /// the branches to choose from).
    pub(super) fn aimed(v: &PersonView, aim: &Aim) -> Result<LevelPos> {
        Evaluator::new(&v.framework)
            .target(&v.assessment, aim.to.as_deref())
            .map_err(|e| target_error("?to", &e))
    }

    /// What stands between the person and the level aimed at, with the readiness tier; at the
    /// split, for someone who has not chosen a track, both branches side by side.
    pub async fn gap(&self, actor: &Actor, person: &PersonId, aim: &Aim) -> Result<Gaps> {
        let v = self.person_view(actor, person, aim).await?;
        Evaluator::new(&v.framework)
            .gaps(&v.assessment, aim.to.as_deref())
            .map_err(|e| target_error("?to", &e))
    }

    /// The readiness tier for the level aimed at (both branches at the split), with the
    /// milestones still open.
    pub async fn readiness(
        &self,
        actor: &Actor,
        person: &PersonId,
        aim: &Aim,
    ) -> Result<Readinesses> {
        Ok(self.gap(actor, person, aim).await?.readiness())
    }

    /// A development plan towards a level.
    pub async fn plan(&self, actor: &Actor, person: &PersonId, aim: &Aim) -> Result<Plan> {
        let v = self.person_view(actor, person, aim).await?;
        let target = Self::aimed(&v, aim)?;
        Ok(Evaluator::new(&v.framework).plan(&v.assessment, target))
    }

    /// A promotion packet from the person's latest assessment, set beside their latest one by
    /// the other kind of assessor (self and manager) on the same framework version.
    pub async fn packet(&self, actor: &Actor, person: &PersonId, aim: &Aim) -> Result<PacketView> {
        let v = self.person_view(actor, person, aim).await?;
        let target = Self::aimed(&v, aim)?;
        let other = self.other_kind(actor, &v).await?;
        let ev = Evaluator::new(&v.framework);
        let packet = ev
            .packet(&v.assessment, target, other.as_ref())
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(PacketView {
            packet,
            framework: v.framework.clone(),
        })
    }

    /// The gap (both branches at the split) and a competency chart for each target, from one
    /// reading of the person's assessments.
    pub async fn gap_with_charts(
        &self,
        actor: &Actor,
        person: &PersonId,
        aim: &Aim,
    ) -> Result<(Gaps, Vec<RatingChart>)> {
        let v = self.person_view(actor, person, aim).await?;
        let other = self.other_kind(actor, &v).await?;
        let ev = Evaluator::new(&v.framework);
        let gaps = ev
            .gaps(&v.assessment, aim.to.as_deref())
            .map_err(|e| target_error("?to", &e))?;
        // Self first, then the manager's: the series keep that order on every chart.
        let mut read: Vec<&Assessment> = vec![&v.assessment];
        read.extend(other.as_ref());
        read.sort_by_key(|a| a.assessor.kind != AssessorKind::Own);
        let charts = gaps
            .gaps
            .iter()
            .filter_map(|g| v.framework.level_pos(&g.target))
            .map(|t| ev.rating_chart(&read, t))
            .collect();
        Ok((gaps, charts))
    }

    /// Self beside manager: the latest of the other of the two kinds, on the same version.
    pub(super) async fn other_kind(
        &self,
        actor: &Actor,
        v: &PersonView,
    ) -> Result<Option<Assessment>> {
        let wanted = match v.record.fields.kind {
            AssessorKind::Manager => Some(AssessorKind::Own),
            AssessorKind::Own => Some(AssessorKind::Manager),
            AssessorKind::Peer => None,
        };
        let candidates: Vec<&AssessmentHead> = v
            .history
            .iter()
            .filter(|o| {
                Some(o.assessor_kind) == wanted && o.framework_version == v.record.framework_version
            })
            .collect();
        match latest_of(&candidates) {
            Some(o) => {
                let record = self.store.assessment(actor.org, o.id).await?;
                Ok(Some(self.on_current(actor, &record).await?.0))
            }
            None => Ok(None),
        }
    }

    /// The evidence recorded for a person's milestones.
    pub async fn evidence(&self, actor: &Actor, person: &PersonId) -> Result<Vec<Evidence>> {
        policy::see_person(self, actor, person).await?;
        Ok(answers::all(self.store.evidence(actor.org, person).await?))
    }

    /// Records evidence that a person met a milestone. Only ever added.
    pub async fn add_evidence(
        &self,
        actor: &Actor,
        person: &PersonId,
        milestone: &str,
        note: &str,
        link: Option<String>,
    ) -> Result<Evidence> {
        policy::see_person(self, actor, person).await?;
        let (_, fw) = self.framework(actor.org).await?;
        let ids = || {
            fw.moves()
                .iter()
                .flat_map(|m| m.milestones.iter().map(|x| x.id.as_str()))
        };
        if !ids().any(|id| id == milestone) {
            let help = rungs_core::suggest::did_you_mean(milestone, ids());
            return Err(AppError::field(
                "/milestone",
                format!("there is no milestone `{milestone}`"),
                help.as_deref(),
            ));
        }
        if note.trim().is_empty() {
            return Err(AppError::field("/note", "say what was done", None));
        }
        AppError::limited("/note", "the evidence note", note.trim(), limits::EVIDENCE)?;
        // A link is a web address: never `javascript:` or another scheme a page would run.
        if let Some(l) = &link {
            AppError::limited("/link", "the link", l.trim(), limits::LINK)?;
            let lower = l.trim().to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                return Err(AppError::field(
                    "/link",
                    "the link is not a web address",
                    Some("give an address starting with https:// or http://, or leave it out"),
                ));
            }
        }
        // Evidence is only ever added, so how much a person may gather is bounded too.
        if self.store.evidence(actor.org, person).await?.len() >= limits::EVIDENCE_PER_PERSON {
            return Err(AppError::Conflict(format!(
                "{person} has {} evidence notes already, as many as a person may have",
                limits::EVIDENCE_PER_PERSON
            )));
        }
        Ok(self
            .store
            .add_evidence(
                actor.org,
                &actor.author,
                NewEvidence {
                    person: person.to_owned(),
                    milestone: milestone.to_owned(),
                    note: note.to_owned(),
                    link,
                },
            )
            .await?
            .into())
    }
}
