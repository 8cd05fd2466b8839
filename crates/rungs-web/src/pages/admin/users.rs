//! `/admin/users`: accounts, made directly or by a one-time link, their roles and access.

use super::*;

pub(super) fn role_select(id: &str, chosen: Role) -> Markup {
    html! {
        select id=(id) name="role" {
            @for r in [Role::Member, Role::Manager, Role::Admin] {
                option value=(r.as_str()) selected[r == chosen] { (r.as_str()) }
            }
        }
    }
}

/// A one-time link just made, shown once to the admin to pass on.
pub(super) struct Link {
    name: String,
    url: String,
}

pub(super) fn users_page(
    m: &SignedViewer,
    users: &[rungs_app::answers::User],
    errors: &FieldErrors,
    form: Option<&Form>,
    done: Option<&str>,
    link: Option<&Link>,
) -> Markup {
    let value = |k: &str| form.map_or("", |f| f.get(k));
    let way = form.map_or("link", |f| {
        if f.get("way") == "password" {
            "password"
        } else {
            "link"
        }
    });
    page(
        &m.nav().at("/admin"),
        "Users",
        html! {
            h1 { "Users" }
            @if let Some(d) = done { p.notice role="status" { (d) } }
            @if let Some(l) = link {
                div.notice role="status" {
                    p { strong { "Send this link to " (l.name) } ": it opens their account once, for " (rungs_app::INVITE_DAYS) " days, and is not shown again." }
                    p { code.link-text { (l.url) } }
                }
            }
            (errors.summary())
            div.table-scroll tabindex="0" role="region" aria-label={ (users.len()) " people can sign in" } { table {
                    caption { (users.len()) " people can sign in" }
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Role and roster person" } th scope="col" { "Access" } } }
                    tbody {
                        @for u in users {
                            tr {
                                th scope="row" { (u.name) @if u.disabled { " " span.tag { "disabled" } } }
                                td { (u.email) }
                                td {
                                    form.filters method="post" action={ "/admin/users/" (u.id.0) } {
                                        (csrf(&m.csrf))
                                        input type="hidden" name="version" value=(u.version);
                                        div.field {
                                            label for={ "role-" (u.id.0) } { "Role" span.visually-hidden { " of " (u.name) } }
                                            (role_select(&format!("role-{}", u.id.0), u.role))
                                        }
                                        div.field {
                                            label for={ "person-" (u.id.0) } { "Person (name or roster id)" span.visually-hidden { " of " (u.name) } }
                                            input type="text" id={ "person-" (u.id.0) } name="person" value=(u.person.clone().unwrap_or_default());
                                        }
                                        div.actions { button.secondary type="submit" { "Save" span.visually-hidden { " " (u.name) } } }
                                    }
                                }
                                td {
                                    form method="post" action={ "/admin/users/" (u.id.0) "/access" } {
                                        (csrf(&m.csrf))
                                        @if u.disabled {
                                            button.secondary type="submit" name="do" value="enable" { "Enable" span.visually-hidden { " " (u.name) } }
                                        } @else {
                                            button.secondary type="submit" name="do" value="disable" { "Disable" span.visually-hidden { " " (u.name) } }
                                        }
                                        " "
                                        button.secondary type="submit" name="do" value="link" { "New sign-in link" span.visually-hidden { " for " (u.name) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Add someone" }
            form.stack method="post" action="/admin/users" novalidate {
                (csrf(&m.csrf))
                (input(errors, "name", "Name", "text", value("name"), None, "off"))
                (input(errors, "email", "Email address", "email", value("email"), None, "off"))
                div.field {
                    label for="role" { "Role" }
                    span.hint { "A member sees themselves; a manager also sees everyone under their roster person; an admin sees and changes everything." }
                    (role_select("role", Role::parse(value("role")).unwrap_or(Role::Member)))
                }
                (input(errors, "person", "Their person on the roster (optional)", "text", value("person"), Some("A name or roster id. Links the account to a person on the roster: their own page, and for a manager their people."), "off"))
                fieldset #way {
                    legend { "How they get in" }
                    div.choice {
                        input #way-link type="radio" name="way" value="link" checked[way == "link"];
                        label for="way-link" { "A one-time link I pass on: they choose their own password" }
                    }
                    div.choice {
                        input #way-password type="radio" name="way" value="password" checked[way == "password"];
                        label for="way-password" { "A first password I give them (they change it under Password)" }
                    }
                }
                (input(errors, "password", "The first password, if you give one", "password", "", Some(&format!("At least {} characters; left empty with a link.", rungs_app::MIN_PASSWORD)), "new-password"))
                div.actions { button type="submit" { "Add the user" } }
            }
        },
    )
}

pub(super) async fn users(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let users = state.app.accounts().users(&m.actor).await?;
    Ok(users_page(
        &m,
        &users,
        &FieldErrors::default(),
        None,
        q.done.as_deref(),
        None,
    )
    .into_response())
}

/// The address of a one-time link, on the host the admin reached this server by.
pub(super) fn invite_url(state: &AppState, headers: &axum::http::HeaderMap, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/invite/{token}")
}

pub(super) async fn access(
    State(state): State<AppState>,
    Member(m): Member,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let note = match form.get("do") {
        "link" => {
            let (u, token) = state.app.accounts().reinvite(&m.actor, UserId(id)).await?;
            let users = state.app.accounts().users(&m.actor).await?;
            let link = Link {
                name: u.name.clone(),
                url: invite_url(&state, &headers, &token),
            };
            return Ok(
                users_page(&m, &users, &FieldErrors::default(), None, None, Some(&link))
                    .into_response(),
            );
        }
        "enable" => format!(
            "{} can sign in again.",
            state
                .app
                .accounts()
                .set_disabled(&m.actor, UserId(id), false)
                .await?
                .name
        ),
        _ => format!(
            "{} can no longer sign in; their history stays.",
            state
                .app
                .accounts()
                .set_disabled(&m.actor, UserId(id), true)
                .await?
                .name
        ),
    };
    Ok(crate::pages::form::redirect(&with_note("/admin/users", &note)).into_response())
}

pub(super) async fn create_user(
    State(state): State<AppState>,
    Member(m): Member,
    headers: axum::http::HeaderMap,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let refused = async |e| -> Result<Response, PageError> {
        let errors = FieldErrors::from_error(e)?;
        let users = state.app.accounts().users(&m.actor).await?;
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            users_page(&m, &users, &errors, Some(&form), None, None),
        )
            .into_response())
    };
    let named = crate::pages::form::named(&state, &m.actor, &form, "person").await?;
    let person = named.person.clone();
    if form.get("way") != "password" {
        let invite = rungs_app::NewInvite {
            email: form.get("email").to_owned(),
            name: form.get("name").to_owned(),
            role: Role::parse(form.get("role")).unwrap_or(Role::Member),
            person: person.clone(),
        };
        return match named.answer(state.app.accounts().invite_user(&m.actor, invite).await) {
            Ok((u, token)) => {
                let users = state.app.accounts().users(&m.actor).await?;
                let link = Link {
                    name: u.name.clone(),
                    url: invite_url(&state, &headers, &token),
                };
                Ok((
                    StatusCode::CREATED,
                    users_page(&m, &users, &FieldErrors::default(), None, None, Some(&link)),
                )
                    .into_response())
            }
            Err(e) => refused(e).await,
        };
    }
    let input = NewUserInput {
        email: form.get("email").to_owned(),
        name: form.get("name").to_owned(),
        password: form.get("password").to_owned(),
        role: Role::parse(form.get("role")).unwrap_or(Role::Member),
        person,
    };
    match named.answer(state.app.accounts().create_user(&m.actor, input).await) {
        Ok(u) => Ok(crate::pages::form::redirect(&with_note(
            "/admin/users",
            &format!("{} can now sign in.", u.name),
        ))
        .into_response()),
        Err(e) => refused(e).await,
    }
}

pub(super) async fn update_user(
    State(state): State<AppState>,
    Member(m): Member,
    Path(id): Path<i64>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let role = Role::parse(form.get("role")).ok_or_else(|| PageError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        title: "That could not be used",
        message: "Choose a role: member, manager or admin.".into(),
    })?;
    let version = form.get("version").parse().unwrap_or(0);
    let named = crate::pages::form::named(&state, &m.actor, &form, "person").await?;
    let saved = state
        .app
        .accounts()
        .update_user(&m.actor, UserId(id), version, role, named.person.clone())
        .await;
    match named.answer(saved) {
        Ok(u) => Ok(crate::pages::form::redirect(&with_note(
            "/admin/users",
            &format!("{} is saved.", u.name),
        ))
        .into_response()),
        Err(e @ AppError::Invalid { .. }) => {
            let mut errors = FieldErrors::from_error(e)?;
            for (field, _) in &mut errors.list {
                *field = format!("{field}-{id}");
            }
            let users = state.app.accounts().users(&m.actor).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                users_page(&m, &users, &errors, None, None, None),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
