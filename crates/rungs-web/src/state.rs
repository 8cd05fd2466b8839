//! What every handler shares: the store, the settings, and parsed frameworks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rungs_core::Framework;
use rungs_store::OrgId;
use rungs_store::prelude::*;

use crate::config::Config;
use crate::error::{ApiError, Result};

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
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> AppState {
        AppState(Arc::new(Inner {
            store,
            config,
            frameworks: Mutex::new(HashMap::new()),
        }))
    }

    /// The organization's current framework and its version.
    pub async fn framework(&self, org: OrgId) -> Result<(i64, Arc<Framework>)> {
        let version = self.store.current_framework(org).await?;
        Ok((version, self.framework_at(org, version).await?))
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
