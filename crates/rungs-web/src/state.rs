//! What every handler shares: the store, the settings, and parsed frameworks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rungs_core::Framework;
use rungs_store::prelude::*;
use rungs_store::{OrgId, User, UserId};

use crate::auth::Via;
use crate::config::Config;
use crate::error::{ApiError, Result};
use crate::recent::Recent;

/// A sign-in as read from the database: the user, and for a session its CSRF token and end.
#[derive(Debug, Clone)]
pub(crate) struct SignIn {
    pub(crate) user: User,
    pub(crate) csrf: Option<String>,
    pub(crate) expires_at: Option<i64>,
}

/// The application's state; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub store: Arc<dyn Store>,
    pub config: Config,
    /// Frameworks parsed from their stored versions. A version never changes once written, so
    /// this holds nothing another server would need to know: each parses its own.
    frameworks: Mutex<HashMap<(OrgId, i64), Arc<Framework>>>,
    /// Sign-ins by how they came and the digest of their secret (see `recent`).
    sign_ins: Recent<(Via, String), SignIn>,
    /// Each organization's current framework version (see `recent`).
    current: Recent<OrgId, i64>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> AppState {
        let ttl = Duration::from_secs(config.cache_seconds);
        AppState(Arc::new(Inner {
            store,
            config,
            frameworks: Mutex::new(HashMap::new()),
            sign_ins: Recent::new(ttl),
            current: Recent::new(ttl),
        }))
    }

    /// The organization's current framework and its version.
    pub async fn framework(&self, org: OrgId) -> Result<(i64, Arc<Framework>)> {
        let version = match self.current.get(&org) {
            Some(v) => v,
            None => {
                let v = self.store.current_framework(org).await?;
                self.current.put(org, v);
                v
            }
        };
        Ok((version, self.framework_at(org, version).await?))
    }

    /// Notes a new framework version saved through this server.
    pub(crate) fn framework_saved(&self, org: OrgId, version: i64) {
        self.current.put(org, version);
    }

    /// The sign-in behind a session cookie or an API token (by its digest), if it is live.
    pub(crate) async fn sign_in(
        &self,
        via: Via,
        digest: String,
        now: i64,
    ) -> Result<Option<SignIn>> {
        let key = (via, digest);
        if let Some(s) = self.sign_ins.get(&key) {
            if s.expires_at.is_none_or(|end| now < end) {
                return Ok(Some(s));
            }
        }
        let found = match via {
            Via::Token => self
                .store
                .token_user(&key.1, now)
                .await?
                .map(|user| SignIn {
                    user,
                    csrf: None,
                    expires_at: None,
                }),
            Via::Session => self.store.session(&key.1, now).await?.map(|s| SignIn {
                user: s.user,
                csrf: Some(s.csrf_token),
                expires_at: Some(s.expires_at),
            }),
        };
        match &found {
            Some(s) => self.sign_ins.put(key, s.clone()),
            None => self.sign_ins.remove(&key),
        }
        Ok(found)
    }

    /// Forgets one sign-in (a session that ended here).
    pub(crate) fn signed_out(&self, via: Via, digest: String) {
        self.sign_ins.remove(&(via, digest));
    }

    /// Forgets every sign-in of a user whose role or tokens changed here.
    pub(crate) fn user_changed(&self, user: UserId) {
        self.sign_ins.forget(|s| s.user.id == user);
    }

    /// One version of the organization's framework.
    pub async fn framework_at(&self, org: OrgId, version: i64) -> Result<Arc<Framework>> {
        if let Some(fw) = self.cached(org, version) {
            return Ok(fw);
        }
        let stored = self.store.framework_version(org, version).await?;
        let source = stored.source;
        let parsed = tokio::task::spawn_blocking(move || {
            rungs_core::framework::load_as(
                "framework.toml",
                source.as_bytes(),
                rungs_core::Format::Toml,
            )
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(format!("a stored framework does not load: {e}")))?;
        let fw = Arc::new(parsed.framework);
        if let Ok(mut cache) = self.frameworks.lock() {
            cache.insert((org, version), fw.clone());
        }
        Ok(fw)
    }

    fn cached(&self, org: OrgId, version: i64) -> Option<Arc<Framework>> {
        self.frameworks.lock().ok()?.get(&(org, version)).cloned()
    }
}
