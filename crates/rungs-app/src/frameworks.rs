//! The organization's framework: every version kept, each parsed once per process.

use rungs_core::VersionId;
use std::sync::Arc;

use rungs_core::framework::document;
use rungs_core::{FileKind, Format, Framework};
use serde::Serialize;

use crate::answers::{self, FrameworkVersion};
use crate::error::{AppError, Problem, Result};
use crate::{Actor, App, policy};

/// The largest framework file accepted.
pub const MAX_FRAMEWORK_UPLOAD: usize = rungs_core::framework::MAX_FRAMEWORK_BYTES;

/// What publishing a framework version would change, before anyone sees it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkPreview {
    /// The version looked at.
    pub version: FrameworkVersion,
    /// The version in use now.
    pub in_use: VersionId,
    /// How many values of the file differ from the version in use.
    pub changed_values: usize,
    /// The people and figures it would change: people it cannot place, pay and readiness.
    pub impact: rungs_core::team::VersionImpact,
    /// How many assessments were made against each version (oldest first): each is read
    /// against its own version, whichever is in use.
    pub assessments_per_version: Vec<(VersionId, i64)>,
    /// The levels people on the roster hold that the version does not have, each with how
    /// many hold it and the level of the version it is mapped to, if it is.
    pub unplaced_levels: Vec<UnplacedLevel>,
    /// The version's levels, to map to.
    pub levels: Vec<LevelChoice>,
}

/// A level held on the roster that a version does not have.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnplacedLevel {
    pub level: String,
    pub people: usize,
    /// The version's level the people at it move to when it is published.
    pub mapped_to: Option<String>,
}

/// A level to choose.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelChoice {
    pub id: String,
    pub title: String,
}

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
    pub async fn framework(&self, org: rungs_store::OrgId) -> Result<(VersionId, Arc<Framework>)> {
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
        version: VersionId,
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

    fn cached(&self, org: rungs_store::OrgId, version: VersionId) -> Option<Arc<Framework>> {
        self.frameworks.lock().ok()?.get(&(org, version)).cloned()
    }
}

impl crate::Frameworks<'_> {
    /// The current version's record (without its source).
    pub async fn framework_info(
        &self,
        actor: &Actor,
    ) -> Result<(FrameworkVersion, Arc<Framework>)> {
        let (version, fw) = self.framework(actor.org).await?;
        let mut info: FrameworkVersion = self
            .store
            .framework_version(actor.org, version)
            .await?
            .into();
        info.in_use = true;
        Ok((info, fw))
    }

    /// Every version, newest first, the one in use marked.
    pub async fn framework_versions(&self, actor: &Actor) -> Result<Vec<FrameworkVersion>> {
        let (in_use, _) = self.framework(actor.org).await?;
        let mut all: Vec<FrameworkVersion> =
            answers::all(self.store.framework_versions(actor.org).await?);
        for v in &mut all {
            v.in_use = v.version == in_use;
        }
        Ok(all)
    }

    /// The newest version, a draft or not: the one a change is made on top of.
    pub async fn newest_framework(&self, actor: &Actor) -> Result<VersionId> {
        let versions = self.store.framework_versions(actor.org).await?;
        Ok(versions
            .iter()
            .map(|v| v.version)
            .max()
            .unwrap_or(VersionId(1)))
    }

    /// What publishing `version` would change: the whole team read against it beside the
    /// version in use. Admins only.
    pub async fn framework_preview(
        &self,
        actor: &Actor,
        version: VersionId,
    ) -> Result<FrameworkPreview> {
        policy::admin(actor, "see what a framework version would change")?;
        let info: FrameworkVersion = self
            .store
            .framework_version(actor.org, version)
            .await?
            .into();
        let (in_use, _) = self.framework(actor.org).await?;
        let (now_report, now_rows) = self.reports().team_at(actor, in_use).await?;
        let (then_report, then_rows) = self.reports().team_at(actor, version).await?;
        let mut impact =
            rungs_core::team::impact((&now_report, &now_rows), (&then_report, &then_rows));
        // Read as if it were in use: said of the version itself.
        for u in &mut impact.unplaced {
            u.reason = u
                .reason
                .replace("the current framework", &format!("version {version}"));
        }
        let changed_values = self.framework_diff(actor, in_use, version).await?.len();
        let mut info = info;
        info.in_use = version == in_use;
        let fw = self.framework_at(actor.org, version).await?;
        let map = self
            .store
            .framework_version(actor.org, version)
            .await?
            .level_map;
        let mut held: std::collections::BTreeMap<String, usize> = Default::default();
        for p in self.store.roster_rows(actor.org, None).await? {
            if fw.level(&p.fields.level).is_none() {
                *held.entry(p.fields.level.into_string()).or_default() += 1;
            }
        }
        let unplaced_levels = held
            .into_iter()
            .map(|(level, people)| UnplacedLevel {
                mapped_to: map.get(&level).cloned(),
                level,
                people,
            })
            .collect();
        Ok(FrameworkPreview {
            version: info,
            in_use,
            changed_values,
            impact,
            assessments_per_version: self.store.assessment_version_counts(actor.org).await?,
            unplaced_levels,
            levels: fw
                .levels()
                .iter()
                .map(|l| LevelChoice {
                    id: l.id.clone(),
                    title: l.short_title.clone(),
                })
                .collect(),
        })
    }

    /// Maps levels the roster holds that `version` does not have to levels it has, kept with
    /// the version: its preview reads the people at each as at the level mapped, and
    /// publishing it moves them there. A level mapped to nothing is left unplaced. Each
    /// problem at `/level_map/<level>`. Admins only.
    pub async fn map_levels(
        &self,
        actor: &Actor,
        version: VersionId,
        map: std::collections::BTreeMap<String, String>,
    ) -> Result<FrameworkVersion> {
        policy::admin(actor, "map levels to a framework version")?;
        let fw = self.framework_at(actor.org, version).await?;
        let mut problems = Vec::new();
        let mut kept = std::collections::BTreeMap::new();
        for (from, to) in map {
            let to = to.trim();
            if to.is_empty() {
                continue;
            }
            let at = format!("/level_map/{from}");
            if fw.level(&from).is_some() {
                problems.push(Problem::at(
                    &at,
                    format!("`{from}` is a level of version {version}: it needs no mapping"),
                    None,
                ));
            } else if let Some(l) = fw.level(to) {
                kept.insert(from, l.id.clone());
            } else {
                problems.push(Problem::at(
                    &at,
                    format!("`{to}` is not a level of version {version}"),
                    Some(&format!(
                        "its levels are: {}",
                        fw.levels()
                            .iter()
                            .map(|l| l.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                title: "the levels could not be mapped".into(),
                problems,
            });
        }
        Ok(self
            .store
            .set_level_map(actor.org, &actor.author, version, &kept)
            .await?
            .into())
    }

    /// Makes `version` the one in use: a draft once previewed, or an earlier version again (a
    /// rollback, in one step). Audited. Admins only.
    pub async fn publish_framework(
        &self,
        actor: &Actor,
        version: VersionId,
    ) -> Result<FrameworkVersion> {
        policy::admin(actor, "publish a framework version")?;
        // It must load, as every version does, before anyone reads against it.
        self.framework_at(actor.org, version).await?;
        let v = self
            .store
            .publish_framework(actor.org, &actor.author, version)
            .await?;
        self.current.put(actor.org, v.version);
        let mut v: FrameworkVersion = v.into();
        v.in_use = true;
        Ok(v)
    }

    /// A version's file as stored (the current one when `version` is none).
    pub async fn framework_source(
        &self,
        actor: &Actor,
        version: Option<VersionId>,
    ) -> Result<(VersionId, String)> {
        let version = match version {
            Some(v) => v,
            None => self.store.current_framework(actor.org).await?,
        };
        let stored = self.store.framework_version(actor.org, version).await?;
        Ok((version, stored.source))
    }

    /// Makes a new draft version from a framework file (TOML, or JSON when it starts with `{`),
    /// on top of version `after` (the newest); nothing changes for anyone until it is
    /// published ([`App::publish_framework`]). Every problem in the file is refused with its line and
    /// column, and then nothing changes; assessments keep the version they were made against.
    pub async fn put_framework(
        &self,
        actor: &Actor,
        after: VersionId,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        self.put_framework_as(actor, after, None, bytes).await
    }

    /// A new version from a file of any kind Rungs reads, its kind read from its bytes and
    /// never from its name: an XLSX, ODS or CSV ladder is imported as a spreadsheet, TOML or
    /// JSON loaded as the framework file; anything else is refused saying what it is. `name` is
    /// the file's name as sent (problems name it); when it claims another kind than the bytes
    /// hold, the refusal says so.
    pub async fn upload_framework(
        &self,
        actor: &Actor,
        after: VersionId,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let kind = FileKind::of(&bytes);
        let claimed = FileKind::claimed_by(name).filter(|c| *c != kind);
        let file = if name.trim().is_empty() {
            format!("framework.{}", kind.extension())
        } else {
            name.trim().to_owned()
        };
        let saved = if kind.is_sheet() {
            self.import_framework_sheet(actor, after, &file, bytes)
                .await
        } else if kind.is_document() {
            self.put_framework_as(actor, after, Some(&file), bytes)
                .await
        } else {
            return Err(AppError::field(
                "/file",
                format!(
                    "{file} is {}: Rungs reads a ladder from an Excel workbook (.xlsx), an \
                     OpenDocument spreadsheet (.ods), CSV, or the framework file (TOML or JSON)",
                    kind.words()
                ),
                Some(if kind == FileKind::OldExcel {
                    "open it in Excel and save it as an Excel Workbook (.xlsx), then upload that"
                } else {
                    "download the ladder as XLSX or TOML from this page to start from a file that reads"
                }),
            ));
        };
        match (saved, claimed) {
            (Err(AppError::Invalid { title, problems }), Some(c)) => Err(AppError::Invalid {
                title: format!(
                    "{file} is named as {} but holds {}, and was read as such: {title}",
                    c.words(),
                    kind.words()
                ),
                problems,
            }),
            (other, _) => other,
        }
    }

    /// [`App::put_framework`], with the file named as sent.
    async fn put_framework_as(
        &self,
        actor: &Actor,
        after: VersionId,
        name: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let format = Format::sniff(&bytes);
        let file = name.map_or_else(|| format.file_name("framework"), str::to_owned);
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
        after: VersionId,
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
        before: VersionId,
        after: VersionId,
    ) -> Result<Vec<document::Change>> {
        let (_, a) = self.framework_source(actor, Some(before)).await?;
        let (_, b) = self.framework_source(actor, Some(after)).await?;
        tokio::task::spawn_blocking(move || document::diff(&a, &b))
            .await?
            .map_err(AppError::Internal)
    }

    /// How many assessments were made against each version, oldest version first.
    pub async fn assessments_per_version(&self, actor: &Actor) -> Result<Vec<(VersionId, i64)>> {
        policy::admin(actor, "see the framework's versions")?;
        Ok(self.store.assessment_version_counts(actor.org).await?)
    }
}
