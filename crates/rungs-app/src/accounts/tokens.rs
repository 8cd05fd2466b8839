//! API tokens: made, listed and revoked; the token itself is shown once.

use super::*;

impl crate::Accounts<'_> {
    /// A user's API tokens (never the tokens themselves), or with `all` everyone's (admins).
    pub async fn tokens(&self, actor: &Actor, all: bool) -> Result<Vec<ApiToken>> {
        let user = if all {
            policy::admin(actor, "list everyone's tokens")?;
            None
        } else {
            Some(self.acting_user(actor)?.id)
        };
        Ok(answers::all(self.store.tokens(actor.org, user).await?))
    }

    fn acting_user<'a>(&self, actor: &'a Actor) -> Result<&'a User> {
        actor
            .user
            .as_ref()
            .ok_or_else(|| AppError::Forbidden("tokens belong to a signed-in user".into()))
    }

    /// Makes an API token for scripts, acting as the user. Returns the token, shown once.
    pub async fn create_token(&self, actor: &Actor, name: &str) -> Result<(String, ApiToken)> {
        if name.trim().is_empty() {
            return Err(AppError::field(
                "/name",
                "the token needs a name",
                Some("say what it is for"),
            ));
        }
        AppError::limited("/name", "the token's name", name.trim(), limits::TOKEN_NAME)?;
        let user = self.acting_user(actor)?;
        let token = secret::random_token("rungs_")?;
        let details = self
            .store
            .create_token(
                actor.org,
                &actor.author,
                NewToken {
                    user: user.id,
                    name: name.trim().to_owned(),
                    prefix: token.chars().take(12).collect(),
                    token_hash: secret::digest(&token),
                },
            )
            .await?;
        Ok((token, details.into()))
    }

    /// Revokes a token: one's own, or anyone's for an admin.
    pub async fn revoke_token(&self, actor: &Actor, id: i64) -> Result<ApiToken> {
        let token = self.store.token(actor.org, id).await?;
        let own = actor.user.as_ref().is_some_and(|u| u.id == token.user);
        if !own && actor.role != Role::Admin {
            return Err(AppError::NotFound("token"));
        }
        let revoked = self
            .store
            .revoke_token(actor.org, &actor.author, id)
            .await?;
        Ok(revoked.into())
    }
}
