//! Bringing data stored by older versions of Rungs up to date, when the database opens.

use rungs_core::Format;

use crate::App;
use crate::assessments::new_assessment;
use crate::error::{AppError, Result};

/// How many old assessments are converted per round.
const BATCH: i64 = 500;

impl App {
    /// Gives assessments stored as JSON documents (before typed fields) their typed fields,
    /// each read against the framework version it was made with. One that no longer reads is
    /// an error that names it: nothing is dropped.
    pub(crate) async fn upgrade(&self) -> Result<()> {
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
