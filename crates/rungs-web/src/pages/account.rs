//! Signing in and out, the one-time setup of an empty server, and changing a password.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::html;
use rungs_app::{AppError, SetupInput};
use serde::Deserialize;

use super::form::{csrf, input, visitor_token};
use super::{FieldErrors, Form, Member, Nav, PageError, Viewer, page};
use crate::auth::routes::session_cookie;
use crate::extract::ClientAddr;
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in_page).post(sign_in))
        .route("/sign-out", axum::routing::post(sign_out))
        .route("/setup", get(setup_page).post(setup))
        .route("/account/password", get(password_page).post(password))
        .route("/invite/{token}", get(invite_page).post(invite))
}

fn invite_form(
    user: &rungs_app::answers::User,
    token: &str,
    csrf_token: &str,
    errors: &FieldErrors,
) -> maud::Markup {
    page(
        &Nav::visitor(),
        "Open your account",
        maud::html! {
            h1 { "Welcome to Rungs, " (user.name) }
            p.lead { "Choose the password you will sign in with as " strong { (user.email) } ". This link works once." }
            (errors.summary())
            form.stack method="post" action={ "/invite/" (token) } novalidate {
                (csrf(csrf_token))
                (input(errors, "password", "Your password", "password", "", Some(&format!("At least {} characters, not a run like 0123456789; a few words you will remember are best.", rungs_app::MIN_PASSWORD)), "new-password"))
                (input(errors, "again", "The same password again", "password", "", None, "new-password"))
                div.actions { button type="submit" { "Open my account" } }
            }
        },
    )
}

fn link_gone() -> PageError {
    PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        title: "This link no longer works",
        message: "It has been used, has run out, or was replaced by a newer one. Ask an admin of your organization for a new link.".into(),
    }
}

async fn invite_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Result<Response, PageError> {
    let user = state
        .app
        .accounts()
        .invitation(&token)
        .await?
        .ok_or_else(link_gone)?;
    let (csrf_token, set) = visitor_token(&headers)?;
    let mut res = invite_form(&user, &token, &csrf_token, &FieldErrors::default()).into_response();
    if let Some(c) = set {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(res)
}

async fn invite(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    axum::extract::Path(token): axum::extract::Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let user = state
        .app
        .accounts()
        .invitation(&token)
        .await?
        .ok_or_else(link_gone)?;
    let password = form.get("password").to_owned();
    let refuse = |errors: FieldErrors| {
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            invite_form(&user, &token, form.get("csrf"), &errors),
        )
            .into_response()
    };
    if password != form.get("again") {
        return Ok(refuse(FieldErrors::one(
            "again",
            "The two passwords are not the same",
        )));
    }
    match state
        .app
        .accounts()
        .accept_invite(&token, password.clone())
        .await
    {
        Ok(user) => {
            let signed = state
                .app
                .accounts()
                .sign_in(&user.email, password, &addr, Some(user.org))
                .await?;
            let cookie = session_cookie(&state, &signed.token, state.config.session_hours * 3600);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
        }
        Err(e @ AppError::Invalid { .. }) => {
            let mut errors = FieldErrors::from_error(e)?;
            for (field, _) in &mut errors.list {
                if field == "new" || field.is_empty() {
                    *field = "password".into();
                }
            }
            Ok(refuse(errors))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Next {
    next: Option<String>,
    done: Option<String>,
}

/// Where to go after signing in: a path on this site, never another host. It starts with one
/// `/` and holds only visible ASCII (the address is percent-encoded when it is made): no `\\`,
/// which browsers read as `/`, and no tab, space or control character, which browsers drop
/// (`/\t/evil.test` is `//evil.test`, another host). Anything else goes to the start page.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n
        }
        _ => "/",
    }
}

fn sign_in_form(
    state: &AppState,
    token: &str,
    next: &str,
    email: &str,
    errors: &FieldErrors,
) -> maud::Markup {
    let demo = &state.config.demo_accounts;
    page(
        &Nav::visitor().at("/sign-in"),
        "Sign in",
        html! {
            h1 { "Sign in" }
            (errors.summary())
            form.stack method="post" action="/sign-in" novalidate {
                (csrf(token))
                input type="hidden" name="next" value=(next);
                (input(errors, "email", "Email address", "email", email, None, "username"))
                (input(errors, "password", "Password", "password", "", None, "current-password"))
                @if errors.of("organization").is_some() {
                    (input(errors, "organization", "Organization", "text", "", Some("Your address and password open accounts in more than one organization: give the id of the one to sign in to."), "off"))
                }
                div.actions { button type="submit" { "Sign in" } }
            }
            @if !demo.is_empty() {
                section.panel aria-labelledby="demo-title" {
                    h2 #demo-title { "This is a demo" }
                    p { "The organization here is made up. Sign in as one of its people:" }
                    div.table-scroll tabindex="0" role="region" aria-label="Table: Who, Email, Password" { table {
                        thead { tr { th scope="col" { "Who" } th scope="col" { "Email" } th scope="col" { "Password" } } }
                        tbody {
                            @for d in demo {
                                tr { td { (d.who) } td { code { (d.email) } } td { code { (d.password) } } }
                            }
                        }
                    } }
                }
            }
        },
    )
}

async fn sign_in_page(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> Result<Response, PageError> {
    if viewer.signed.is_some() {
        return Ok(super::form::redirect(safe_next(q.next.as_deref())).into_response());
    }
    if !state.app.accounts().is_set_up().await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    let (token, set) = visitor_token(&headers)?;
    let body = sign_in_form(
        &state,
        &token,
        safe_next(q.next.as_deref()),
        "",
        &FieldErrors::default(),
    );
    let mut res = body.into_response();
    if let Some(c) = set {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(res)
}

async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    form: Form,
) -> Result<Response, PageError> {
    let email = form.get("email").trim().to_owned();
    let next = safe_next(Some(form.get("next"))).to_owned();
    let token = form.get("csrf").to_owned();
    let refuse = |errors: FieldErrors| {
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            sign_in_form(&state, &token, &next, &email, &errors),
        )
            .into_response()
    };
    if email.is_empty() {
        return Ok(refuse(FieldErrors::one(
            "email",
            "Enter your email address",
        )));
    }
    match state
        .app
        .accounts()
        .sign_in(
            &email,
            form.get("password").to_owned(),
            &addr,
            form.get("organization")
                .trim()
                .parse()
                .ok()
                .map(rungs_app::OrgId),
        )
        .await
    {
        Ok(signed) => {
            let cookie = session_cookie(&state, &signed.token, state.config.session_hours * 3600);
            Ok(([(header::SET_COOKIE, cookie)], super::form::redirect(&next)).into_response())
        }
        Err(AppError::Unauthorized) => Ok(refuse(FieldErrors::one(
            "email",
            "The email address or the password is not right",
        ))),
        Err(e @ AppError::Invalid { .. }) => Ok(refuse(FieldErrors::from_error(e)?)),
        Err(e) => Err(e.into()),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    viewer: Viewer,
    _form: Form,
) -> Result<Response, PageError> {
    if let Some(s) = &viewer.signed {
        state.app.accounts().sign_out(&s.token).await?;
    }
    Ok((
        [(header::SET_COOKIE, session_cookie(&state, "", 0))],
        Redirect::to("/sign-in"),
    )
        .into_response())
}

fn setup_form(token: &str, form: &Form, errors: &FieldErrors) -> maud::Markup {
    page(
        &Nav::visitor(),
        "Set up Rungs",
        html! {
            h1 { "Set up Rungs" }
            p.lead { "No one can sign in yet. Create the organization and its first admin: you." }
            (errors.summary())
            form.stack method="post" action="/setup" novalidate {
                (csrf(token))
                (input(errors, "code", "Setup code", "text", form.get("code"),
                    Some("The one-time code the server printed when it started."), "off"))
                (input(errors, "organization", "Organization", "text", form.get("organization"), None, "organization"))
                (input(errors, "name", "Your name", "text", form.get("name"), None, "name"))
                (input(errors, "email", "Your email address", "email", form.get("email"), None, "email"))
                (input(errors, "password", "Password", "password", "",
                    Some("At least 10 characters; a long passphrase is easiest to remember."), "new-password"))
                div.actions { button type="submit" { "Create the organization" } }
            }
        },
    )
}

async fn setup_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if state.app.accounts().is_set_up().await? {
        return Ok(Redirect::to("/sign-in").into_response());
    }
    let (token, set) = visitor_token(&headers)?;
    let mut res = setup_form(&token, &Form::default(), &FieldErrors::default()).into_response();
    if let Some(c) = set {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(res)
}

async fn setup(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    form: Form,
) -> Result<Response, PageError> {
    let input = SetupInput {
        code: form.get("code").trim().to_owned(),
        organization: form.get("organization").trim().to_owned(),
        name: form.get("name").trim().to_owned(),
        email: form.get("email").trim().to_owned(),
        password: form.get("password").to_owned(),
    };
    let (email, password) = (input.email.clone(), input.password.clone());
    match state.app.accounts().setup(input).await {
        Ok(_) => {
            let signed = state
                .app
                .accounts()
                .sign_in(&email, password, &addr, None)
                .await?;
            let cookie = session_cookie(&state, &signed.token, state.config.session_hours * 3600);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
        }
        Err(e) => {
            let errors = FieldErrors::from_error(e)?;
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                setup_form(form.get("csrf"), &form, &errors),
            )
                .into_response())
        }
    }
}

fn password_form(member: &super::SignedViewer, errors: &FieldErrors, done: bool) -> maud::Markup {
    page(
        &member.nav().at("/account/password"),
        "Change your password",
        html! {
            h1 { "Change your password" }
            @if done { p.notice role="status" { "Your password is changed. You stay signed in here; other sessions have ended." } }
            (errors.summary())
            form.stack method="post" action="/account/password" novalidate {
                (csrf(&member.csrf))
                (input(errors, "current", "Current password", "password", "", None, "current-password"))
                (input(errors, "new", "New password", "password", "",
                    Some("At least 10 characters."), "new-password"))
                (input(errors, "again", "The new password again", "password", "", None, "new-password"))
                div.actions { button type="submit" { "Change the password" } }
            }
        },
    )
}

async fn password_page(Member(m): Member, Query(q): Query<Next>) -> Response {
    password_form(&m, &FieldErrors::default(), q.done.is_some()).into_response()
}

async fn password(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    let refuse = |errors: FieldErrors| {
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            password_form(&m, &errors, false),
        )
            .into_response()
    };
    if form.get("new") != form.get("again") {
        return Ok(refuse(FieldErrors::one(
            "again",
            "The two new passwords differ: type the same one twice",
        )));
    }
    match state
        .app
        .accounts()
        .change_password(
            &m.actor,
            Some(&m.token),
            form.get("current").to_owned(),
            form.get("new").to_owned(),
            &addr,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/account/password?done=1").into_response()),
        Err(e) => Ok(refuse(FieldErrors::from_error(e)?)),
    }
}
