//! Bringing data stored by older versions of Rungs up to date, when the database opens.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rungs_core::Format;
use rungs_core::cycle::{Part, RatedPart};
use rungs_core::eval::Evaluator;

use crate::App;
use crate::assessments::new_assessment;
use crate::error::{AppError, Result};

/// How many old assessments are converted per round.
const BATCH: i64 = 500;

impl App {
    /// Brings what older versions stored up to date: assessments stored as JSON documents
    /// (before typed fields) get their typed fields, each read against the framework version
    /// it was made with (one that no longer reads is an error that names it: nothing is
    /// dropped); review records' submitted parts get their summaries.
    pub async fn upgrade(&self) -> Result<()> {
        self.upgrade_assessments().await?;
        self.summarize_parts(Part::Own).await?;
        self.summarize_parts(Part::Manager).await
    }

    /// Gives submitted parts of review records stored before summaries were kept their
    /// summaries, so calibration reads them without the bodies. One whose body does not read
    /// is left as it is (calibration reads its body, and says what is wrong with it there).
    async fn summarize_parts(&self, part: Part) -> Result<()> {
        let mut after = None;
        let mut count = 0;
        loop {
            let batch = self.store.unsummed_parts(part, after.clone(), 2000).await?;
            let Some(last) = batch.last() else {
                break;
            };
            after = Some((last.cycle, last.person.clone()));
            let mut kept = Vec::with_capacity(batch.len());
            let mut fws = HashMap::new();
            for p in &batch {
                if let Entry::Vacant(e) = fws.entry((p.org, p.framework_version)) {
                    e.insert(self.framework_at(p.org, p.framework_version).await?);
                }
            }
            let evs: HashMap<_, _> = fws.iter().map(|(k, fw)| (*k, Evaluator::new(fw))).collect();
            for p in &batch {
                let fw = &fws[&(p.org, p.framework_version)];
                let ev = &evs[&(p.org, p.framework_version)];
                let read = RatedPart::from_stored(ev, &p.body).or_else(|| {
                    rungs_core::assessment::load_as("record", p.body.as_bytes(), Format::Json, fw)
                        .ok()
                        .map(|l| RatedPart::of(ev, &l.assessment))
                });
                match read {
                    Some(r) => kept.push((p.cycle, p.person.clone(), r.summary(ev))),
                    None => tracing::warn!(
                        cycle = p.cycle.0,
                        person = %p.person,
                        "a review record's part does not read; calibration reads it whole"
                    ),
                }
            }
            count += kept.len();
            self.store.keep_summaries(part, &kept).await?;
        }
        if count > 0 {
            tracing::info!(
                count,
                part = part.as_str(),
                "kept summaries of review records"
            );
        }
        Ok(())
    }

    /// Assessments stored as JSON documents get their typed fields.
    async fn upgrade_assessments(&self) -> Result<()> {
        loop {
            let batch = self.store.legacy_assessments(BATCH).await?;
            if batch.is_empty() {
                return Ok(());
            }
            for old in &batch {
                let fw = self.framework_at(old.org, old.framework_version).await?;
                let a = rungs_core::assessment::load_as(
                    "stored assessment",
                    old.body.as_bytes(),
                    Format::Json,
                    &fw,
                )
                .map_err(|e| {
                    let first = e.errors().next().map_or(String::new(), |d| d.message.clone());
                    AppError::Internal(format!(
                        "assessment {} (of {}) was stored by an older version and does not read: {first}",
                        old.id, old.person
                    ))
                })?
                .assessment;
                let new = new_assessment(&fw, old.framework_version, &old.person, &a);
                self.store.convert_legacy(old.id, &new.fields).await?;
            }
            tracing::info!(
                count = batch.len(),
                "converted assessments stored by an older version"
            );
        }
    }
}
