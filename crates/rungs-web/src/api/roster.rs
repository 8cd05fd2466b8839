//! The whole roster at once: import a roster CSV (all or nothing) and export it. The CSV is the
//! one `rungs team` reads (docs/teams.md).

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rungs_core::Framework;
use rungs_core::team::{ROSTER_COLUMNS, Roster, load_roster};
use rungs_store::{ImportSummary, PeopleFilter, Person, PersonFields, PersonRow};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::error::{ApiError, Problem, ProblemDetails, Result};
use crate::extract::{MAX_FILE, read};
use crate::policy;
use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export_roster, import_roster))
}

/// The people of a loaded roster, as the store keeps them.
pub fn roster_rows(fw: &Framework, roster: &Roster) -> Vec<PersonRow> {
    let stages = fw.compensation().map(|c| &c.stages[..]).unwrap_or_default();
    roster
        .people
        .iter()
        .map(|p| PersonRow {
            id: p.id.to_string(),
            fields: PersonFields {
                name: p.name.to_string(),
                email: p.email.as_ref().map(|e| e.to_string()),
                title: p.title.as_ref().map(|t| t.to_string()),
                level: fw.levels()[p.level].id.clone(),
                track: fw.tracks()[p.track].id.clone(),
                manager: p.manager.map(|m| roster.people[m].id.to_string()),
                rung_start: p.rung_start.map(|d| d.to_string()),
                pay: p.pay.map(|v| v as i64),
                currency: p.currency.as_ref().map(|c| c.to_string()),
                stage: p.stage.and_then(|s| stages.get(s)).map(|s| s.id.clone()),
                location: p.location.as_ref().map(|l| l.to_string()),
            },
        })
        .collect()
}

/// People as a roster CSV. A manager who is not among them is left out, so the file stands on
/// its own.
pub fn roster_csv(people: &[Person]) -> String {
    let ids: std::collections::HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(people.len() * 128));
    let _ = w.write_record(ROSTER_COLUMNS);
    for p in people {
        let f = &p.fields;
        let pay = f.pay.map(|v| v.to_string());
        let manager = f.manager.as_deref().filter(|m| ids.contains(m));
        let _ = w.write_record([
            p.id.as_str(),
            &f.name,
            f.email.as_deref().unwrap_or_default(),
            f.title.as_deref().unwrap_or_default(),
            &f.level,
            &f.track,
            manager.unwrap_or_default(),
            f.rung_start.as_deref().unwrap_or_default(),
            pay.as_deref().unwrap_or_default(),
            f.currency.as_deref().unwrap_or_default(),
            f.stage.as_deref().unwrap_or_default(),
            f.location.as_deref().unwrap_or_default(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The whole roster as CSV. Admins only.
#[utoipa::path(get, path = "/api/v1/roster", tag = "people",
    responses((status = 200, description = "The roster", content_type = "text/csv", body = String),
        (status = 403, body = ProblemDetails)))]
async fn export_roster(State(state): State<AppState>, actor: Actor) -> Result<Response> {
    policy::admin(&actor, "export the roster")?;
    let people = state
        .store
        .people(actor.org(), &PeopleFilter::default())
        .await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"roster.csv\""),
            ),
        ],
        roster_csv(&people),
    )
        .into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Imported {
    #[serde(flatten)]
    summary: ImportSummary,
    /// What the import says without refusing anything: levels filled in from titles.
    notes: Vec<Problem>,
}

/// Imports a roster CSV: everyone in the file is created or written over; no one else is
/// touched. Every bad row is a 422 with its line and column, and then nothing is written.
/// Admins only.
#[utoipa::path(post, path = "/api/v1/roster", tag = "people",
    request_body(content = String, content_type = "text/csv", description = "The roster CSV"),
    responses((status = 200, body = Imported), (status = 403, body = ProblemDetails),
        (status = 422, body = ProblemDetails)))]
async fn import_roster(
    State(state): State<AppState>,
    actor: Actor,
    req: Request,
) -> Result<Json<Imported>> {
    policy::admin(&actor, "import the roster")?;
    let bytes = read(req, &state, MAX_FILE).await?;
    let (_, fw) = state.framework(actor.org()).await?;
    let fw2 = fw.clone();
    let loaded = tokio::task::spawn_blocking(move || {
        load_roster("roster.csv", &bytes, &fw2).map(|l| (roster_rows(&fw2, &l.roster), l.notes))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    let (rows, notes) = loaded.map_err(|e| {
        ApiError::invalid(
            "roster.csv is not a valid roster: nothing was imported",
            &e.diagnostics,
        )
    })?;
    let summary = state
        .store
        .import_roster(actor.org(), &actor.author(), &rows, &|_| {})
        .await?;
    Ok(Json(Imported {
        summary,
        notes: notes.iter().map(Problem::from).collect(),
    }))
}
