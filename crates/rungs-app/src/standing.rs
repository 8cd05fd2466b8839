//! Where a person stands: the one view the start page shows a signed-in product manager, built
//! from the same use cases as the API's gap, readiness and plan.

use rungs_core::PersonId;
use std::sync::Arc;

use crate::answers::Person;
use rungs_core::Framework;
use rungs_core::eval::{Evaluator, Gaps, Outcome, Plan};

use crate::error::{AppError, Result};
use crate::{Actor, Aim, AssessmentView, PersonView};

/// A person's place on the ladder, as far as their assessments say.
#[derive(Debug, Clone)]
pub struct Standing {
    pub person: Person,
    /// The framework the person's latest assessment is read against (the current one when
    /// there is no assessment yet).
    pub framework: Arc<Framework>,
    /// Their latest assessment, by the one rule for "latest"; none before the first.
    pub latest: Option<AssessmentView>,
    pub outcome: Option<Outcome>,
    /// The gap to the next rung (both branches at the split).
    pub gaps: Option<Gaps>,
    /// The plan towards the next rung, when there is one next rung.
    pub plan: Option<Plan>,
}

impl crate::Assessments<'_> {
    /// Where someone stands: the held level, what their latest assessment shows, the gap and
    /// the plan for the next rung.
    pub async fn standing(&self, actor: &Actor, person: &PersonId) -> Result<Standing> {
        let record = self.people().person(actor, person).await?;
        let view = match self.person_view(actor, person, &Aim::default()).await {
            Ok(v) => Some(v),
            Err(AppError::Missing(_)) => None,
            Err(e) => return Err(e),
        };
        let Some(PersonView {
            record: stored,
            assessment,
            framework,
            ..
        }) = view
        else {
            let (_, framework) = self.framework(actor.org).await?;
            return Ok(Standing {
                person: record,
                framework,
                latest: None,
                outcome: None,
                gaps: None,
                plan: None,
            });
        };
        let ev = Evaluator::new(&framework);
        let outcome = ev.outcome(&assessment);
        let gaps = ev.gaps(&assessment, None).ok();
        let plan = match ev.target(&assessment, None) {
            Ok(t) => Some(ev.plan(&assessment, t)),
            Err(_) => None,
        };
        let latest = self.view(actor, stored).await?;
        Ok(Standing {
            person: record,
            framework,
            latest: Some(latest),
            outcome: Some(outcome),
            gaps,
            plan,
        })
    }
}
