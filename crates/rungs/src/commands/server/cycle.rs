//! `rungs cycle`: starting a review cycle and seeing where it stands.

use super::*;

/// Starts a review cycle.
pub(crate) fn cycle_start(input: rungs_app::CycleInput, db: &DbArgs, json: bool) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        // A mistake is named by the flag that gave it, not by the API's field.
        let flags = [
            ("/name", "NAME"),
            ("/under", "--under"),
            ("/self_assessment_due", "--self-due"),
            ("/manager_assessment_due", "--manager-due"),
            ("/calibration_due", "--calibration-due"),
            ("/shared_due", "--shared-due"),
        ];
        let c = app.cycles().create_cycle(&actor, input).await.map_err(|e| {
            said(match e {
                AppError::Invalid {
                    title,
                    mut problems,
                } => {
                    for p in &mut problems {
                        if let Some((_, flag)) = flags.iter().find(|(f, _)| *f == p.location) {
                            p.location = (*flag).to_owned();
                        }
                    }
                    AppError::Invalid { title, problems }
                }
                other => other,
            })
        })?;
        if json {
            return Output::json(&c);
        }
        Ok(Output::text(format!(
            "Started \"{}\" (cycle {}) at self-assessment: {} people, framework version {}.\nSee where it stands with: rungs cycle status {}\n",
            c.name, c.id, c.people, c.framework_version, c.id
        )))
    })
}

/// Where review cycles stand: every cycle in a line, or one in full.
pub(crate) fn cycle_status(
    id: Option<rungs_core::CycleId>,
    db: &DbArgs,
    json: bool,
) -> Result<Output> {
    let config = config(db, None)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
        let actor = Actor::cli(org);
        let Some(id) = id else {
            let cycles = app.cycles().cycles(&actor).await.map_err(said)?;
            if json {
                return Output::json(&cycles);
            }
            if cycles.is_empty() {
                return Ok(Output::text(
                    "No review cycles yet: an admin starts one on /cycles or with POST /api/v1/cycles.\n".into(),
                ));
            }
            let mut out = String::new();
            for c in &cycles {
                out += &format!(
                    "{:>4}  {}  —  {} ({} people, framework version {})\n",
                    c.id, c.name, c.stage_name, c.people, c.framework_version
                );
            }
            return Ok(Output::text(out));
        };
        let cycle = app.cycles().cycle(&actor, id).await.map_err(said)?;
        let progress = app.cycles().cycle_progress(&actor, id).await.map_err(said)?;
        if json {
            return Output::json(&serde_json::json!({ "cycle": cycle, "progress": progress }));
        }
        Ok(Output::text(crate::text::cycle_status(&cycle, &progress)))
    })
}
