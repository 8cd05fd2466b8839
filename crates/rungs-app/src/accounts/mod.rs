//! Organizations, sign-in, users and API tokens.

mod drafts;
mod orgs;
pub use orgs::OrgPay;
mod sign_in;
mod tokens;
mod users;

use rungs_core::PersonId;
use rungs_core::team::person::check_email;
use rungs_store::{NewOrg, NewSession, NewToken, NewUser, OrgId, Role, UserId};

use crate::answers::{self, ApiToken, AuditEntry, Org, User};

use rungs_core::limits;

use crate::error::{AppError, Result};
use crate::secret;
use crate::{Actor, policy};

/// The most a draft may hold.
const MAX_DRAFT: usize = 256 << 10;

/// Where the one-time setup code's digest is kept.
const SETUP_SETTING: &str = "setup_code";

/// Failed sign-ins counted over this window…
const WINDOW_MS: i64 = 15 * 60 * 1000;
/// …at most this many for one account…
const ACCOUNT_LIMIT: i64 = 5;
/// …and this many from one address.
const ADDRESS_LIMIT: i64 = 30;
/// The most accounts one sign-in checks a password against (one address in that many
/// organizations of one server); more need the organization named.
const ACCOUNTS_PER_ADDRESS: usize = 5;

/// How a sign-in came: a session (the browser) or an API token (scripts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    Session,
    Token,
}

/// A sign-in as read from the database: the user, and for a session its CSRF token and end.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub user: User,
    pub csrf: Option<String>,
    pub expires_at: Option<i64>,
}

/// A new session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    /// The session's secret, for its cookie.
    pub token: String,
    /// Sent back with every change made with the session.
    pub csrf_token: String,
    /// When the session ends, in milliseconds since the Unix epoch.
    pub expires_at: i64,
}

/// What the one-time setup asks for.
#[derive(Debug, Clone)]
pub struct SetupInput {
    pub code: String,
    pub organization: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// How long a one-time link to open an account holds.
pub const INVITE_DAYS: i64 = 7;

/// Someone to give an account that they open with a one-time link.
#[derive(Debug, Clone)]
pub struct NewInvite {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The roster id of the person this user is.
    pub person: Option<PersonId>,
}

/// A user to add.
#[derive(Debug, Clone)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub password: String,
    pub role: Role,
    /// The roster id of the person this user is.
    pub person: Option<PersonId>,
}

/// A user's name: given, and no longer than a name may be.
fn user_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(AppError::field(
            "/name",
            "the name is empty",
            Some("give the person's name"),
        ));
    }
    AppError::limited("/name", "the name", name.trim(), limits::NAME)
}

/// The address an account signs in with: given, and an address.
fn email(address: &str) -> Result<()> {
    if address.trim().is_empty() {
        return Err(AppError::field(
            "/email",
            "an account needs the email address its person signs in with",
            Some("write it like ada@example.com"),
        ));
    }
    check_email(address).map_err(|_| {
        AppError::field(
            "/email",
            format!("\"{}\" is not an email address", address.trim()),
            Some("write it like ada@example.com"),
        )
    })
}

/// Every problem of a new account's address and name at once, each at its field.
fn account(address: &str, name: &str) -> Result<()> {
    let problems: Vec<crate::Problem> = [email(address), user_name(name)]
        .into_iter()
        .filter_map(|r| match r {
            Err(AppError::Invalid { problems, .. }) => Some(problems),
            _ => None,
        })
        .flatten()
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::Invalid {
        title: "the account is not valid".into(),
        problems,
    })
}

/// A new account whose address is taken, said at the address as it was typed.
fn taken(e: rungs_store::StoreError, address: &str) -> AppError {
    match e {
        rungs_store::StoreError::Conflict(_) => AppError::field(
            "/email",
            format!(
                "{} already has an account in this organization",
                address.trim()
            ),
            Some("find it in the list of users below: you can send its person a new link there"),
        ),
        other => other.into(),
    }
}

/// The one password rule, for the account of `name` at `address` (which the password must not
/// be made of).
fn password(password: &str, name: &str, address: &str) -> Result<()> {
    secret::check_password(password, &[name, address])
        .map_err(|(message, help)| AppError::field("/password", message, Some(&help)))
}
