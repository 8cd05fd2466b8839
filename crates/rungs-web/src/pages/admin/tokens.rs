//! `/admin/tokens`: everyone's API tokens, and revoking one.

use super::*;

pub(super) async fn tokens(
    State(state): State<AppState>,
    Member(m): Member,
) -> Result<Response, PageError> {
    let tokens = state.app.accounts().tokens(&m.actor, true).await?;
    let users = state.app.accounts().users(&m.actor).await?;
    let name = |id: UserId| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(|| format!("user {}", id.0), |u| u.name.clone())
    };
    Ok(page(
        &m.nav().at("/admin"),
        "API tokens",
        html! {
            h1 { "API tokens" }
            p { "Tokens let scripts use the JSON API as the user who made them. The token itself is shown once, when made; here only its first characters." }
            @if tokens.is_empty() {
                p { "No one has made a token." }
            } @else {
                div.table-scroll tabindex="0" role="region" aria-label="Table: Name, Whose, Starts with, Made" { table {
                        thead { tr { th scope="col" { "Name" } th scope="col" { "Whose" } th scope="col" { "Starts with" } th scope="col" { "Made" } th scope="col" { "Last used" } th scope="col" { "State" } } }
                        tbody {
                            @for t in &tokens {
                                tr {
                                    th scope="row" { (t.name) }
                                    td { (name(t.user)) }
                                    td { code { (t.prefix) "…" } }
                                    td { (day(t.created_at)) }
                                    td { (t.last_used_at.map_or_else(|| "never".to_owned(), day)) }
                                    td {
                                        @match t.revoked_at {
                                            Some(at) => { "revoked " (day(at)) }
                                            None => {
                                                form method="post" action={ "/admin/tokens/" (t.id) "/revoke" } {
                                                    (csrf(&m.csrf))
                                                    button.secondary type="submit" { "Revoke" span.visually-hidden { " " (t.name) } }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    _form: Form,
) -> Result<Response, PageError> {
    state.app.accounts().revoke_token(&m.actor, id).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
