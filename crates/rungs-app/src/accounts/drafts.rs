//! Drafts: what a signed-in user has typed and not yet sent, kept for them alone.

use super::*;

impl crate::Accounts<'_> {
    /// The signed-in user's draft under a key (a self-assessment in progress).
    pub async fn draft(&self, actor: &Actor, key: &str) -> Result<Option<String>> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        Ok(self.store.draft(actor.org, user.id, key).await?)
    }

    /// Keeps the signed-in user's draft under a key.
    pub async fn put_draft(&self, actor: &Actor, key: &str, body: &str) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        if body.len() > MAX_DRAFT {
            return Err(AppError::field(
                "/draft",
                format!("the draft is more than {} KiB", MAX_DRAFT >> 10),
                Some("shorten the evidence"),
            ));
        }
        Ok(self.store.put_draft(actor.org, user.id, key, body).await?)
    }

    pub async fn delete_draft(&self, actor: &Actor, key: &str) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        Ok(self.store.delete_draft(actor.org, user.id, key).await?)
    }
}
