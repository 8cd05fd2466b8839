//! The organization's framework: every version kept, each parsed once per process.

use std::sync::Arc;

use rungs_core::framework::document;
use rungs_core::{Format, Framework};
use serde::Serialize;

use crate::answers::{self, FrameworkVersion};
use crate::error::{AppError, Problem, Result};
use crate::{Actor, App, policy};

/// The largest framework file accepted.
pub const MAX_FRAMEWORK_UPLOAD: usize = rungs_core::framework::MAX_FRAMEWORK_BYTES;

/// A framework version saved, with what its file does that is allowed but probably not meant.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkSaved {
    #[serde(flatten)]
    pub version: FrameworkVersion,
    pub warnings: Vec<Problem>,
}

impl App {
    /// The organization's current framework and its version.
    pub async fn framework(&self, org: rungs_store::OrgId) -> Result<(i64, Arc<Framework>)> {
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

    /// One version of the organization's framework.
    pub async fn framework_at(
        &self,
        org: rungs_store::OrgId,
        version: i64,
    ) -> Result<Arc<Framework>> {
        if let Some(fw) = self.cached(org, version) {
            return Ok(fw);
        }
        let stored = self.store.framework_version(org, version).await?;
        let source = stored.source;
        let parsed = tokio::task::spawn_blocking(move || {
            let format = Format::sniff(source.as_bytes());
            rungs_core::framework::load_as(
                &format.file_name("framework"),
                source.as_bytes(),
                format,
            )
        })
        .await?
        .map_err(|e| {
            AppError::Internal(format!(
                "stored framework version {version} does not load: {e}"
            ))
        })?;
        let fw = Arc::new(parsed.framework);
        if let Ok(mut cache) = self.frameworks.lock() {
            cache.insert((org, version), fw.clone());
        }
        Ok(fw)
    }

    fn cached(&self, org: rungs_store::OrgId, version: i64) -> Option<Arc<Framework>> {
        self.frameworks.lock().ok()?.get(&(org, version)).cloned()
    }

    /// The current version's record (without its source).
    pub async fn framework_info(
        &self,
        actor: &Actor,
    ) -> Result<(FrameworkVersion, Arc<Framework>)> {
        let (version, fw) = self.framework(actor.org).await?;
        let info = self.store.framework_version(actor.org, version).await?;
        Ok((info.into(), fw))
    }

    /// Every version, newest first.
    pub async fn framework_versions(&self, actor: &Actor) -> Result<Vec<FrameworkVersion>> {
        Ok(answers::all(
            self.store.framework_versions(actor.org).await?,
        ))
    }

    /// A version's file as stored (the current one when `version` is none).
    pub async fn framework_source(
        &self,
        actor: &Actor,
        version: Option<i64>,
    ) -> Result<(i64, String)> {
        let version = match version {
            Some(v) => v,
            None => self.store.current_framework(actor.org).await?,
        };
        let stored = self.store.framework_version(actor.org, version).await?;
        Ok((version, stored.source))
    }

    /// Makes a new version from a framework file (TOML, or JSON when it starts with `{`),
    /// replacing version `after`. Every problem in the file is refused with its line and
    /// column, and then nothing changes; assessments keep the version they were made against.
    pub async fn put_framework(
        &self,
        actor: &Actor,
        after: i64,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let format = Format::sniff(&bytes);
        let file = format.file_name("framework");
        let name = file.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            rungs_core::framework::load_as(&name, &bytes, format).map(|l| (l, bytes))
        })
        .await?
        .map_err(|e| {
            AppError::invalid(format!("{file} is not a valid framework"), &e.diagnostics)
        })?;
        let (loaded, bytes) = loaded;
        // The loader accepted the bytes, so they are UTF-8. Every version is kept as TOML, so a
        // download is always a file to edit the same way.
        let mut source = String::from_utf8_lossy(&bytes).into_owned();
        if format == Format::Json {
            source = document::tree(&source)
                .and_then(|t| document::to_toml(&t))
                .map_err(|e| {
                    AppError::field(
                        "",
                        format!("the JSON file could not be kept as TOML: {e}"),
                        Some("leave out values that are null"),
                    )
                })?;
        }
        let saved = self
            .store
            .put_framework(
                actor.org,
                &actor.author,
                after,
                loaded.framework.name(),
                &source,
            )
            .await?;
        self.current.put(actor.org, saved.version);
        Ok(FrameworkSaved {
            version: saved.into(),
            warnings: loaded.warnings.iter().map(Problem::from).collect(),
        })
    }

    /// Makes a new version from the one at `after` with some values changed, each named by the
    /// path the loader's problems use (`levels[2].title`). The result is loaded like any
    /// uploaded file: a problem is refused at its path, and then nothing changes.
    pub async fn edit_framework(
        &self,
        actor: &Actor,
        after: i64,
        changes: Vec<(String, document::Value)>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let (_, source) = self.framework_source(actor, Some(after)).await?;
        let mut tree = document::tree(&source).map_err(AppError::Internal)?;
        for (path, value) in changes {
            document::set(&mut tree, &path, value).map_err(|e| AppError::field(&path, e, None))?;
        }
        let text = document::to_toml(&tree).map_err(AppError::Internal)?;
        self.put_framework(actor, after, text.into_bytes()).await
    }

    /// Every value that differs between two versions.
    pub async fn framework_diff(
        &self,
        actor: &Actor,
        before: i64,
        after: i64,
    ) -> Result<Vec<document::Change>> {
        let (_, a) = self.framework_source(actor, Some(before)).await?;
        let (_, b) = self.framework_source(actor, Some(after)).await?;
        tokio::task::spawn_blocking(move || document::diff(&a, &b))
            .await?
            .map_err(AppError::Internal)
    }

    /// How many assessments were made against each version, oldest version first.
    pub async fn assessments_per_version(&self, actor: &Actor) -> Result<Vec<(i64, i64)>> {
        policy::admin(actor, "see the framework's versions")?;
        Ok(self.store.assessment_version_counts(actor.org).await?)
    }
}
