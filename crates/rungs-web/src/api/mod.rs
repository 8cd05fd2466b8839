//! The JSON API under `/api/v1`, a module per subject.

mod assessments;
mod cycles;
mod formats;
mod framework;
mod ladder;
mod people;
pub(crate) mod roster;
mod team;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(framework::router())
        .merge(ladder::router())
        .merge(people::router())
        .merge(roster::router())
        .merge(assessments::router())
        .merge(team::router())
        .merge(cycles::router())
}
