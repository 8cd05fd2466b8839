//! Signing in and out: passwords checked and throttled, sessions and tokens read back.

use super::*;

impl crate::Accounts<'_> {
    /// Signs in with email and password. Failed attempts are limited per account and per
    /// address (`addr`).
    pub async fn sign_in(
        &self,
        address: &str,
        pass: String,
        addr: &str,
        organization: Option<OrgId>,
    ) -> Result<SignedIn> {
        let keys = self.note_attempt(address, addr).await?;
        // An address has at most one account per organization; the password picks among them.
        let candidates: Vec<(rungs_store::User, String)> = self
            .store
            .users_by_email(address)
            .await?
            .into_iter()
            .filter(|(u, _)| organization.is_none_or(|o| u.org == o))
            .take(ACCOUNTS_PER_ADDRESS)
            .collect();
        if candidates.is_empty() {
            // Spend the same time as for a real account, so timing does not tell which exist.
            let _ = secret::hash_password(pass).await;
            return Err(AppError::Unauthorized);
        }
        let mut matched = Vec::new();
        for (u, hash) in candidates {
            // A disabled account is refused in the same words as a wrong password.
            if secret::verify_password(pass.clone(), hash).await && !u.disabled {
                matched.push(u);
            }
        }
        let user = match matched.len() {
            0 => return Err(AppError::Unauthorized),
            1 => matched.remove(0),
            n => {
                // Only someone who knows the password of each account learns of them.
                let mut names = Vec::new();
                for u in &matched {
                    names.push(format!(
                        "{} ({})",
                        u.org.0,
                        self.store.org(u.org).await?.name
                    ));
                }
                return Err(AppError::field(
                    "/organization",
                    format!("this address and password sign in to {n} organizations: say which"),
                    Some(&format!(
                        "give the organization's id: {}",
                        names.join(" or ")
                    )),
                ));
            }
        };
        self.attempt_succeeded(&keys).await?;
        let now = rungs_store::now();
        let token = secret::random_token("rs_")?;
        let csrf_token = secret::random_token("")?;
        let expires_at = now + self.settings.session_hours as i64 * 3600 * 1000;
        self.store
            .create_session(NewSession {
                token_hash: secret::digest(&token),
                user: user.id,
                csrf_token: csrf_token.clone(),
                created_at: now,
                expires_at,
            })
            .await?;
        Ok(SignedIn {
            user: user.into(),
            token,
            csrf_token,
            expires_at,
        })
    }

    /// Notes an attempt at an account's password from a client address, before the password is
    /// checked, and refuses it (429) once the account or the address has had too many within the
    /// window. Sign-in and the current-password check of a password change count together.
    /// Returns the keys the attempt was counted under.
    async fn note_attempt(&self, account: &str, addr: &str) -> Result<[String; 2]> {
        let now = rungs_store::now();
        let keys = [
            format!("account:{}", account.trim().to_lowercase()),
            format!("address:{addr}"),
        ];
        // The attempt is noted before the password is checked, and counted with it: of any
        // number of guesses made at once, only the first few are checked at all.
        let counts = self
            .store
            .record_attempt(&keys, now, now - WINDOW_MS)
            .await?;
        if counts[0] > ACCOUNT_LIMIT || counts[1] > ADDRESS_LIMIT {
            return Err(AppError::TooManyRequests {
                retry_after: (WINDOW_MS / 1000) as u64,
            });
        }
        Ok(keys)
    }

    /// A right password wipes the account's failures and does not count against the address.
    async fn attempt_succeeded(&self, keys: &[String; 2]) -> Result<()> {
        self.store.clear_failures(&keys[0]).await?;
        self.store
            .forget_attempt(&keys[1], rungs_store::now())
            .await?;
        Ok(())
    }

    /// Changes the signed-in user's own password, given the current one (a guess counted as a
    /// sign-in is, from the client address `addr`). The new one is held to the one password
    /// rule; their other sessions end and their API tokens are revoked, the session in use
    /// (`session_token`) stays.
    pub async fn change_password(
        &self,
        actor: &Actor,
        session_token: Option<&str>,
        current: String,
        new: String,
        addr: &str,
    ) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        let keys = self.note_attempt(&user.email, addr).await?;
        let hash = self.store.password_hash(actor.org, user.id).await?;
        if !secret::verify_password(current, hash).await {
            return Err(AppError::field(
                "/current",
                "that is not your current password",
                Some("type the password you signed in with"),
            ));
        }
        self.attempt_succeeded(&keys).await?;
        secret::check_password(&new, &[&user.name, &user.email])
            .map_err(|(message, help)| AppError::field("/new", message, Some(&help)))?;
        let hashed = secret::hash_password(new).await?;
        let keep = session_token.map(secret::digest);
        self.store
            .set_password(actor.org, &actor.author, user.id, &hashed, keep.as_deref())
            .await?;
        Ok(())
    }

    /// Ends a session.
    pub async fn sign_out(&self, session_token: &str) -> Result<()> {
        let digest = secret::digest(session_token);
        self.store.delete_session(&digest).await?;
        Ok(())
    }

    /// The sign-in behind a session's or an API token's secret, if it is live. Read from the
    /// database every time, never kept: a change that ends access (a new password, a disabled
    /// account, a revoked token, a changed role) holds at once on every server sharing it.
    pub async fn signed_in(&self, via: Via, secret_text: &str) -> Result<Option<SignIn>> {
        let now = rungs_store::now();
        let digest = secret::digest(secret_text.trim());
        Ok(match via {
            Via::Token => self
                .store
                .token_user(&digest, now)
                .await?
                .map(|user| SignIn {
                    user: user.into(),
                    csrf: None,
                    expires_at: None,
                }),
            Via::Session => self.store.session(&digest, now).await?.map(|s| SignIn {
                user: s.user.into(),
                csrf: Some(s.csrf_token),
                expires_at: Some(s.expires_at),
            }),
        })
    }
}
