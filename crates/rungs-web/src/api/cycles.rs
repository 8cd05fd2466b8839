//! Review cycles: starting one, moving it on, each person's record, calibration, to-dos and
//! the export. Every answer and refusal comes from the application layer, as on the pages and
//! in `rungs cycle`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rungs_app::{
    CalibrationView, CycleExport, CycleInput, CycleTodo, CycleView, HandOver, PartInput, Progress,
    RatingChange, RecordView, Reopen,
};
use rungs_core::cycle::Part;
use rungs_core::{CycleId, PersonId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::formats::TableFormat;
use crate::auth::Caller;
use crate::error::{ApiError, Problems, Result};
use crate::extract::{Body, Params};
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cycles, create_cycle))
        .routes(routes!(get_cycle))
        .routes(routes!(advance))
        .routes(routes!(records))
        .routes(routes!(record))
        .routes(routes!(write_self))
        .routes(routes!(write_manager))
        .routes(routes!(reopen))
        .routes(routes!(hand_over))
        .routes(routes!(calibrate))
        .routes(routes!(correct))
        .routes(routes!(progress))
        .routes(routes!(calibration))
        .routes(routes!(export))
        .routes(routes!(todos))
}

/// The organization's cycles, newest first, with their stages.
#[utoipa::path(get, path = "/api/v1/cycles", tag = "cycles",
    responses((status = 200, body = Vec<CycleView>), (status = 401, response = Problems)))]
async fn list_cycles(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<CycleView>>> {
    Ok(Json(state.app.cycles().cycles(&actor).await?))
}

/// Starts a cycle at self-assessment, on the current framework version (kept for the whole
/// cycle), with everyone or everyone under one person. Admins only.
#[utoipa::path(post, path = "/api/v1/cycles", tag = "cycles", request_body = CycleInput,
    responses((status = 201, body = CycleView), (status = 403, response = Problems),
        (status = 422, response = Problems)))]
async fn create_cycle(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Body(input): Body<CycleInput>,
) -> Result<Response> {
    let c = state.app.cycles().create_cycle(&actor, input).await?;
    Ok((axum::http::StatusCode::CREATED, Json(c)).into_response())
}

/// One cycle: its stage, the dates, the framework version it uses.
#[utoipa::path(get, path = "/api/v1/cycles/{id}", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle's id")),
    responses((status = 200, body = CycleView), (status = 404, response = Problems)))]
async fn get_cycle(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
) -> Result<Json<CycleView>> {
    Ok(Json(state.app.cycles().cycle(&actor, id).await?))
}

/// The stage to move a cycle on to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Advance {
    /// The next stage's id: `manager-assessment`, `calibration`, `shared` or `closed`.
    #[schema(value_type = rungs_core::cycle::Stage)]
    to: String,
    /// Move on even though parts are not submitted. Without it, a move that would leave
    /// anything undone is refused (409) with what it would leave.
    #[serde(default)]
    confirm: bool,
}

/// Moves a cycle on to its next stage (one at a time, never back). Moving to `shared` shares
/// every record with a submitted manager's rating. A refused move is a 409 with the reason;
/// a move that would leave parts unsubmitted is refused, saying what, unless `confirm` is true.
/// Admins only.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/stage", tag = "cycles", request_body = Advance,
    params(("id" = i64, Path, description = "The cycle's id")),
    responses((status = 200, body = CycleView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn advance(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
    Body(body): Body<Advance>,
) -> Result<Json<CycleView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .advance_cycle(&actor, id, &body.to, body.confirm)
            .await?,
    ))
}

/// Which of the records to answer with.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct RecordsQuery {
    /// At most this many (default 100, at most 1,000).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<i64>,
    /// Skip this many first (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
}

/// The records you may see, by person id, a page at a time (`limit`, `offset`): every one
/// for an admin, your people's and your own for a manager, your own for a member. Parts you
/// may not see yet say their state only.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/records", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle's id"), RecordsQuery),
    responses((status = 200, body = Vec<RecordView>), (status = 404, response = Problems),
        (status = 422, response = Problems)))]
async fn records(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
    Params(q): Params<RecordsQuery>,
) -> Result<Json<Vec<RecordView>>> {
    let offset = usize::try_from(q.offset.unwrap_or(0)).map_err(|_| {
        ApiError::field(
            "?offset",
            format!("{} is below 0", q.offset.unwrap_or(0)),
            None,
        )
    })?;
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field(
            "?limit",
            format!("{limit} is outside 1 to 1,000"),
            None,
        ));
    }
    let limit = usize::try_from(limit).unwrap_or(100);
    Ok(Json(
        state
            .app
            .cycles()
            .cycle_records_page(&actor, id, offset, limit)
            .await?,
    ))
}

/// One person's record, as you may see it.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/records/{person}", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 404, response = Problems)))]
async fn record(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state.app.cycles().cycle_record(&actor, id, &person).await?,
    ))
}

/// Writes your self-assessment in a cycle, as a draft or submitted (`submit: true`, final
/// until an admin reopens it). Give the record's `version` as read; a stale one is a 409.
#[utoipa::path(put, path = "/api/v1/cycles/{id}/records/{person}/self", tag = "cycles",
    request_body = PartInput,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "Your roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn write_self(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<PartInput>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .write_part(&actor, id, &person, Part::Own, input)
            .await?,
    ))
}

/// Writes your rating of one of your people, as a draft or submitted. The person sees it only
/// once the cycle shares results.
#[utoipa::path(put, path = "/api/v1/cycles/{id}/records/{person}/manager", tag = "cycles",
    request_body = PartInput,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn write_manager(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<PartInput>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .write_part(&actor, id, &person, Part::Manager, input)
            .await?,
    ))
}

/// Reopens one submitted part of a record, with a reason (kept). Before results are shared
/// only. Admins only.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/records/{person}/reopen", tag = "cycles",
    request_body = Reopen,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn reopen(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<Reopen>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .reopen_part(&actor, id, &person, input)
            .await?,
    ))
}

/// Hands a person's record to another manager, with a reason (kept and audited), before the
/// results are shared. A roster move never moves a record: this is the way. A draft of the
/// manager who had it is set aside (kept, never shown to the new manager); a submitted rating
/// stays. Admins only.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/records/{person}/hand-over", tag = "cycles",
    request_body = HandOver,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn hand_over(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<HandOver>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .hand_over(&actor, id, &person, input)
            .await?,
    ))
}

/// Changes one rating of a manager's submitted rating during calibration; who, when and why
/// are kept. Admins only.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/records/{person}/calibrations", tag = "cycles",
    request_body = RatingChange,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn calibrate(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<RatingChange>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .calibrate(&actor, id, &person, input)
            .await?,
    ))
}

/// Corrects a shared rating: a new assessment in the person's history, with the reason;
/// what was shared stays as it was. Admins only.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/records/{person}/corrections", tag = "cycles",
    request_body = RatingChange,
    params(("id" = i64, Path, description = "The cycle's id"),
        ("person" = String, Path, description = "The person's roster id")),
    responses((status = 200, body = RecordView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems),
        (status = 422, response = Problems)))]
async fn correct(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, person)): Path<(CycleId, PersonId)>,
    Body(input): Body<RatingChange>,
) -> Result<Json<RecordView>> {
    Ok(Json(
        state
            .app
            .cycles()
            .correct(&actor, id, &person, input)
            .await?,
    ))
}

/// Completion per part and per manager: the whole cycle for an admin, a manager's people for
/// a manager.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/progress", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle's id")),
    responses((status = 200, body = Progress), (status = 403, response = Problems),
        (status = 404, response = Problems)))]
async fn progress(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
) -> Result<Json<Progress>> {
    Ok(Json(state.app.cycles().cycle_progress(&actor, id).await?))
}

/// Calibration: the distribution of shown levels with readiness per level, each manager's
/// lift (by name, never ranked), self against manager, and the promotion candidates. No group
/// of fewer than 5 people is shown on its own. From the calibration stage on.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/calibration", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle's id")),
    responses((status = 200, body = CalibrationView), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems)))]
async fn calibration(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
) -> Result<Json<CalibrationView>> {
    Ok(Json(
        state.app.cycles().cycle_calibration(&actor, id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExportQuery {
    /// `json` (the default) or `csv`.
    #[param(inline)]
    format: Option<super::formats::TableFormat>,
}

/// The whole cycle once it is closed, as JSON or CSV (cells that a spreadsheet would run as a
/// formula are neutralised). Admins only.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/export", tag = "cycles", params(
        ("id" = i64, Path, description = "The cycle's id"), ExportQuery),
    responses((status = 200, body = CycleExport), (status = 403, response = Problems),
        (status = 404, response = Problems), (status = 409, response = Problems)))]
async fn export(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<CycleId>,
    Params(q): Params<ExportQuery>,
) -> Result<Response> {
    match q.format.unwrap_or_default() {
        TableFormat::Json => {
            Ok(Json(state.app.cycles().export_cycle(&actor, id).await?).into_response())
        }
        TableFormat::Csv => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"cycle.csv\"",
                ),
            ],
            state.app.cycles().export_cycle_csv(&actor, id).await?,
        )
            .into_response()),
    }
}

/// What you must do next in the cycles under way, with the dates.
#[utoipa::path(get, path = "/api/v1/todos", tag = "cycles",
    responses((status = 200, body = Vec<CycleTodo>), (status = 401, response = Problems)))]
async fn todos(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<CycleTodo>>> {
    Ok(Json(state.app.cycles().cycle_todos(&actor).await?))
}
