//! The organization's framework and its versions: read in any format, replaced by an admin
//! (naming the version read), listed.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rungs_app::FrameworkSaved;
use rungs_app::answers::FrameworkVersion;
use rungs_core::Framework;
use rungs_core::VersionId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::formats::FrameworkFormat;
use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{Params, read};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_framework, put_framework))
        .routes(routes!(export_framework))
        .routes(routes!(framework_versions))
        .routes(routes!(preview_version))
        .routes(routes!(publish_version))
        .routes(routes!(map_levels))
}

/// Maps the levels people hold that a version does not have to levels it has (`{"pm":
/// "engineer-2"}`), kept with the version: its preview reads them at the levels mapped, and
/// publishing it moves them there. It replaces the version's map; a level mapped to `""` is
/// left unplaced. Admins only.
#[utoipa::path(put, path = "/api/v1/framework/versions/{version}/level-map", tag = "ladder",
    params(("version" = i64, Path, description = "The version the levels are mapped to")),
    request_body = std::collections::BTreeMap<String, String>,
    responses((status = 200, body = FrameworkVersion), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 422, response = Problems)))]
async fn map_levels(
    State(state): State<AppState>,
    Caller(actor): Caller,
    axum::extract::Path(version): axum::extract::Path<VersionId>,
    crate::extract::Body(map): crate::extract::Body<std::collections::BTreeMap<String, String>>,
) -> Result<Json<FrameworkVersion>> {
    Ok(Json(
        state
            .app
            .frameworks()
            .map_levels(&actor, version, map)
            .await?,
    ))
}

/// What publishing a version would change, before anyone sees it: the people it cannot place
/// (by name, with why), whose pay would sit differently against its bands, whose readiness
/// would read differently, and how many values of the file differ. Admins only.
#[utoipa::path(get, path = "/api/v1/framework/versions/{version}/preview", tag = "ladder",
    params(("version" = i64, Path, description = "The version to look at")),
    responses((status = 200, body = rungs_app::FrameworkPreview), (status = 403, response = Problems),
        (status = 404, response = Problems)))]
async fn preview_version(
    State(state): State<AppState>,
    Caller(actor): Caller,
    axum::extract::Path(version): axum::extract::Path<VersionId>,
) -> Result<Json<rungs_app::FrameworkPreview>> {
    Ok(Json(
        state
            .app
            .frameworks()
            .framework_preview(&actor, version)
            .await?,
    ))
}

/// Makes a version the one in use for everyone: a draft, or an earlier version again (a
/// rollback, in one step). Audited. Admins only.
#[utoipa::path(post, path = "/api/v1/framework/versions/{version}/publish", tag = "ladder",
    params(("version" = i64, Path, description = "The version to publish")),
    responses((status = 200, body = FrameworkVersion), (status = 403, response = Problems),
        (status = 404, response = Problems)))]
async fn publish_version(
    State(state): State<AppState>,
    Caller(actor): Caller,
    axum::extract::Path(version): axum::extract::Path<VersionId>,
) -> Result<Json<FrameworkVersion>> {
    Ok(Json(
        state
            .app
            .frameworks()
            .publish_framework(&actor, version)
            .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FrameworkInfo {
    #[serde(flatten)]
    version: FrameworkVersion,
    /// The whole framework, as `rungs framework export --format json` gives it.
    framework: Framework,
}

/// The organization's current framework, in full.
#[utoipa::path(get, path = "/api/v1/framework", tag = "ladder",
    responses((status = 200, body = FrameworkInfo), (status = 401, response = Problems)))]
async fn get_framework(State(state): State<AppState>, Caller(actor): Caller) -> Result<Response> {
    let (info, fw) = state.app.frameworks().framework_info(&actor).await?;
    let version = info.version;
    let mut response = Json(FrameworkInfo {
        version: info,
        framework: (*fw).clone(),
    })
    .into_response();
    response.headers_mut().insert(header::ETAG, etag(version.0));
    Ok(response)
}

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The version an update was read at, from `If-Match` (`"3"` or `3`).
pub(crate) fn if_match(headers: &HeaderMap) -> Result<i64> {
    let value = headers
        .get(header::IF_MATCH)
        .ok_or_else(|| {
            ApiError::PreconditionRequired(
                "say which version you changed: send If-Match with the ETag you read".into(),
            )
        })?
        .to_str()
        .unwrap_or_default();
    if value.trim() == "*" {
        return Err(ApiError::PreconditionRequired(
            "If-Match: * does not say which version you read: send the ETag you read (\"3\")"
                .into(),
        ));
    }
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("If-Match: \"{value}\" is not a version")))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExportQuery {
    /// `toml` (the file as stored, the default), `json`, or `xlsx` (a workbook that
    /// `PUT /api/v1/framework` reads back).
    #[param(inline)]
    format: Option<super::formats::FrameworkFormat>,
    /// A version other than the current one.
    #[param(minimum = 1)]
    version: Option<i64>,
}

/// The framework as a file: TOML as stored, JSON, or an XLSX workbook (docs/spreadsheets.md).
#[utoipa::path(get, path = "/api/v1/framework/export", tag = "ladder", params(ExportQuery),
    responses((status = 200, description = "The framework file (TOML), with format=json the framework, with format=xlsx a workbook",
            content((String = "application/toml"), (Framework = "application/json"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 404, response = Problems), (status = 422, response = Problems)))]
async fn export_framework(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Params(q): Params<ExportQuery>,
) -> Result<Response> {
    match q.format.unwrap_or_default() {
        FrameworkFormat::Toml => {
            let (_, source) = state
                .app
                .frameworks()
                .framework_source(&actor, q.version.map(VersionId))
                .await?;
            Ok((
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/toml; charset=utf-8"),
                )],
                source,
            )
                .into_response())
        }
        FrameworkFormat::Json => {
            let (version, _) = state
                .app
                .frameworks()
                .framework_source(&actor, q.version.map(VersionId))
                .await?;
            let fw = state.app.framework_at(actor.org, version).await?;
            Ok(Json(&*fw).into_response())
        }
        FrameworkFormat::Xlsx => {
            let (_, bytes) = state
                .app
                .frameworks()
                .framework_xlsx(&actor, q.version.map(VersionId))
                .await?;
            Ok((
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(rungs_app::sheets::XLSX_TYPE),
                )],
                bytes,
            )
                .into_response())
        }
    }
}

/// Makes a new **draft** version of the framework from its TOML file, or from a spreadsheet
/// (XLSX, ODS, or a CSV competency matrix) whose sheets replace their parts of the newest
/// version; the file's kind is read from its bytes. Send `If-Match` with the newest version (a
/// draft or not). Nothing changes for anyone until the draft is published: see
/// `GET /api/v1/framework/versions/{version}/preview` and
/// `POST /api/v1/framework/versions/{version}/publish`. Every problem is a 422 with its line
/// and column (in a spreadsheet, its sheet, row and column); assessments keep the version they
/// were made against.
#[utoipa::path(put, path = "/api/v1/framework", tag = "ladder",
    request_body(description = "The framework file, or a spreadsheet (docs/spreadsheets.md)", content(
        (String = "application/toml"), (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"))),
    params(("If-Match" = String, Header, description = "The version being replaced, e.g. \"1\"",
        pattern = r#"^"?[0-9]{1,18}"?$"#)),
    responses((status = 201, body = FrameworkSaved), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems), (status = 428, response = Problems)))]
async fn put_framework(
    State(state): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    req: Request,
) -> Result<Response> {
    rungs_app::policy::admin(&actor, "change the framework")?;
    let after = if_match(&headers)?;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if json {
        // Kept as the TOML file people edit, so an export gives back what was sent.
        return Err(ApiError::BadRequest(
            "send the framework as its TOML file (Content-Type: application/toml)".into(),
        ));
    }
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_lowercase();
    // The kind is read from the bytes; the Content-Type only names the file in what is said.
    let name = if kind.starts_with("text/csv") {
        "framework.csv"
    } else if kind.starts_with(rungs_app::sheets::XLSX_TYPE) {
        "framework.xlsx"
    } else if kind.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
        "framework.ods"
    } else {
        ""
    };
    let limit = if name.is_empty() {
        rungs_app::MAX_FRAMEWORK_UPLOAD
    } else {
        rungs_app::sheets::MAX_SPREADSHEET
    };
    let bytes = read(req, &state, limit).await?;
    let saved = state
        .app
        .frameworks()
        .upload_framework(&actor, VersionId(after), name, Vec::from(bytes))
        .await?;
    let version = saved.version.version;
    let mut response = (StatusCode::CREATED, Json(saved)).into_response();
    response.headers_mut().insert(header::ETAG, etag(version.0));
    Ok(response)
}

/// Every version of the framework, newest first.
#[utoipa::path(get, path = "/api/v1/framework/versions", tag = "ladder",
    responses((status = 200, body = Vec<FrameworkVersion>), (status = 401, response = Problems)))]
async fn framework_versions(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<FrameworkVersion>>> {
    Ok(Json(
        state.app.frameworks().framework_versions(&actor).await?,
    ))
}
