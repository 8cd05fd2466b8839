//! Organizations, sign-in, users and API tokens.

use rungs_core::team::person::check_email;
use rungs_store::{
    ApiToken, NewOrg, NewSession, NewToken, NewUser, Org, OrgId, Role, User, UserId,
};

use rungs_core::limits;

use crate::error::{AppError, Result};
use crate::secret;
use crate::{Actor, App, policy};

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
    pub person: Option<String>,
}

/// A user to add.
#[derive(Debug, Clone)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub password: String,
    pub role: Role,
    /// The roster id of the person this user is.
    pub person: Option<String>,
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

fn email(address: &str) -> Result<()> {
    check_email(address).map_err(|p| AppError::field("/email", p.message, p.help.as_deref()))
}

/// The one password rule, for the account of `name` at `address` (which the password must not
/// be made of).
fn password(password: &str, name: &str, address: &str) -> Result<()> {
    secret::check_password(password, &[name, address])
        .map_err(|(message, help)| AppError::field("/password", message, Some(&help)))
}

impl App {
    /// Makes a new one-time setup code if no one can sign in yet, and returns it (to show to
    /// whoever started the server). `None` once an admin exists.
    pub async fn setup_code(&self) -> Result<Option<String>> {
        if self.store.has_users().await? {
            return Ok(None);
        }
        // Each code is kept under its own key, so two servers started on one new database each
        // print a code that works (the first one used sets Rungs up; the rest then say so).
        let code = secret::random_token("setup_")?;
        let digest = secret::digest(&code);
        self.store
            .put_setting(&format!("{SETUP_SETTING}:{digest}"), &digest)
            .await?;
        Ok(Some(code))
    }

    /// Whether anyone can sign in yet.
    pub async fn is_set_up(&self) -> Result<bool> {
        Ok(self.store.has_users().await?)
    }

    /// Creates the organization and its first admin, once, with the code the server printed.
    pub async fn setup(&self, input: SetupInput) -> Result<(Org, User)> {
        if self.store.has_users().await? {
            return Err(AppError::Conflict(
                "Rungs is already set up: sign in".into(),
            ));
        }
        email(&input.email)?;
        user_name(&input.name)?;
        password(&input.password, &input.name, &input.email)?;
        AppError::limited(
            "/organization",
            "the organization's name",
            input.organization.trim(),
            limits::NAME,
        )?;
        if input.organization.trim().is_empty() {
            return Err(AppError::field(
                "/organization",
                "the organization needs a name",
                None,
            ));
        }
        let digest = secret::digest(input.code.trim());
        if !self
            .store
            .take_setting(&format!("{SETUP_SETTING}:{digest}"), &digest)
            .await?
        {
            return Err(AppError::Forbidden(
                "that is not the setup code the server printed when it started".into(),
            ));
        }
        self.create_first_org(
            &input.organization,
            &input.name,
            &input.email,
            input.password,
        )
        .await?
        .ok_or_else(|| AppError::Conflict("Rungs is already set up: sign in".into()))
    }

    /// Creates the first organization with its first admin, if there is none yet: of any number
    /// tried at once on an empty database, one is made and the others answer `None`.
    pub async fn create_first_org(
        &self,
        organization: &str,
        name: &str,
        address: &str,
        pass: String,
    ) -> Result<Option<(Org, User)>> {
        let new = self.new_org(organization, name, address, pass).await?;
        Ok(self.store.create_first_org(new).await?)
    }

    /// Creates an organization on the built-in framework with its first admin.
    pub async fn create_org(
        &self,
        organization: &str,
        name: &str,
        address: &str,
        pass: String,
    ) -> Result<(Org, User)> {
        let new = self.new_org(organization, name, address, pass).await?;
        Ok(self.store.create_org(new).await?)
    }

    /// An organization on the built-in framework with its first admin, checked and hashed.
    async fn new_org(
        &self,
        organization: &str,
        name: &str,
        address: &str,
        pass: String,
    ) -> Result<NewOrg> {
        email(address)?;
        user_name(name)?;
        AppError::limited(
            "/organization",
            "the organization's name",
            organization.trim(),
            limits::NAME,
        )?;
        password(&pass, name, address)?;
        let password_hash = secret::hash_password(pass).await?;
        let fw = rungs_core::framework::builtin();
        Ok(NewOrg {
            name: organization.trim().to_owned(),
            admin: NewUser {
                email: address.trim().to_owned(),
                name: name.trim().to_owned(),
                password_hash,
                role: Role::Admin,
                person: None,
            },
            framework_source: rungs_core::framework::BUILTIN_TOML.to_owned(),
            framework_name: fw.name().to_owned(),
        })
    }

    /// Every organization in the database.
    pub async fn orgs(&self) -> Result<Vec<Org>> {
        Ok(self.store.orgs().await?)
    }

    /// The organization to work on from the command line: the one named, or the only one.
    pub async fn pick_org(&self, id: Option<i64>) -> Result<OrgId> {
        let orgs = self.store.orgs().await?;
        let list = || {
            orgs.iter()
                .map(|o| format!("{} ({})", o.id.0, o.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (id, orgs.as_slice()) {
            (Some(id), _) => orgs
                .iter()
                .find(|o| o.id.0 == id)
                .map(|o| o.id)
                .ok_or_else(|| {
                    AppError::Missing(format!(
                        "there is no organization {id}; the organizations are: {}",
                        list()
                    ))
                }),
            (None, [one]) => Ok(one.id),
            (None, []) => Err(AppError::Missing(
                "the database has no organization yet: run `rungs admin create` first".into(),
            )),
            (None, _) => Err(AppError::Conflict(format!(
                "the database holds several organizations; pick one with --org: {}",
                list()
            ))),
        }
    }

    pub async fn org(&self, actor: &Actor) -> Result<Org> {
        Ok(self.store.org(actor.org).await?)
    }

    /// Signs in with email and password. Failed attempts are limited per account and per
    /// address (`addr`).
    pub async fn sign_in(
        &self,
        address: &str,
        pass: String,
        addr: &str,
        organization: Option<OrgId>,
    ) -> Result<SignedIn> {
        let keys = self.note_attempt(address, addr).await?;
        // An address has at most one account per organization; the password picks among them.
        let candidates: Vec<(User, String)> = self
            .store
            .users_by_email(address)
            .await?
            .into_iter()
            .filter(|(u, _)| organization.is_none_or(|o| u.org == o))
            .take(ACCOUNTS_PER_ADDRESS)
            .collect();
        if candidates.is_empty() {
            // Spend the same time as for a real account, so timing does not tell which exist.
            let _ = secret::hash_password(pass).await;
            return Err(AppError::Unauthorized);
        }
        let mut matched = Vec::new();
        for (u, hash) in candidates {
            // A disabled account is refused in the same words as a wrong password.
            if secret::verify_password(pass.clone(), hash).await && !u.disabled {
                matched.push(u);
            }
        }
        let user = match matched.len() {
            0 => return Err(AppError::Unauthorized),
            1 => matched.remove(0),
            n => {
                // Only someone who knows the password of each account learns of them.
                let mut names = Vec::new();
                for u in &matched {
                    names.push(format!(
                        "{} ({})",
                        u.org.0,
                        self.store.org(u.org).await?.name
                    ));
                }
                return Err(AppError::field(
                    "/organization",
                    format!("this address and password sign in to {n} organizations: say which"),
                    Some(&format!(
                        "give the organization's id: {}",
                        names.join(" or ")
                    )),
                ));
            }
        };
        self.attempt_succeeded(&keys).await?;
        let now = rungs_store::now();
        let token = secret::random_token("rs_")?;
        let csrf_token = secret::random_token("")?;
        let expires_at = now + self.settings.session_hours as i64 * 3600 * 1000;
        self.store
            .create_session(NewSession {
                token_hash: secret::digest(&token),
                user: user.id,
                csrf_token: csrf_token.clone(),
                created_at: now,
                expires_at,
            })
            .await?;
        Ok(SignedIn {
            user,
            token,
            csrf_token,
            expires_at,
        })
    }

    /// Notes an attempt at an account's password from a client address, before the password is
    /// checked, and refuses it (429) once the account or the address has had too many within the
    /// window. Sign-in and the current-password check of a password change count together.
    /// Returns the keys the attempt was counted under.
    async fn note_attempt(&self, account: &str, addr: &str) -> Result<[String; 2]> {
        let now = rungs_store::now();
        let keys = [
            format!("account:{}", account.trim().to_lowercase()),
            format!("address:{addr}"),
        ];
        // The attempt is noted before the password is checked, and counted with it: of any
        // number of guesses made at once, only the first few are checked at all.
        let counts = self
            .store
            .record_attempt(&keys, now, now - WINDOW_MS)
            .await?;
        if counts[0] > ACCOUNT_LIMIT || counts[1] > ADDRESS_LIMIT {
            return Err(AppError::TooManyRequests {
                retry_after: (WINDOW_MS / 1000) as u64,
            });
        }
        Ok(keys)
    }

    /// A right password wipes the account's failures and does not count against the address.
    async fn attempt_succeeded(&self, keys: &[String; 2]) -> Result<()> {
        self.store.clear_failures(&keys[0]).await?;
        self.store
            .forget_attempt(&keys[1], rungs_store::now())
            .await?;
        Ok(())
    }

    /// Changes the signed-in user's own password, given the current one (a guess counted as a
    /// sign-in is, from the client address `addr`). The new one is held to the one password
    /// rule; their other sessions end and their API tokens are revoked, the session in use
    /// (`session_token`) stays.
    pub async fn change_password(
        &self,
        actor: &Actor,
        session_token: Option<&str>,
        current: String,
        new: String,
        addr: &str,
    ) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        let keys = self.note_attempt(&user.email, addr).await?;
        let hash = self.store.password_hash(actor.org, user.id).await?;
        if !secret::verify_password(current, hash).await {
            return Err(AppError::field(
                "/current",
                "that is not your current password",
                Some("type the password you signed in with"),
            ));
        }
        self.attempt_succeeded(&keys).await?;
        secret::check_password(&new, &[&user.name, &user.email])
            .map_err(|(message, help)| AppError::field("/new", message, Some(&help)))?;
        let hashed = secret::hash_password(new).await?;
        let keep = session_token.map(secret::digest);
        self.store
            .set_password(actor.org, &actor.author, user.id, &hashed, keep.as_deref())
            .await?;
        Ok(())
    }

    /// The signed-in user's draft under a key (a self-assessment in progress).
    pub async fn draft(&self, actor: &Actor, key: &str) -> Result<Option<String>> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        Ok(self.store.draft(actor.org, user.id, key).await?)
    }

    /// Keeps the signed-in user's draft under a key.
    pub async fn put_draft(&self, actor: &Actor, key: &str, body: &str) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        if body.len() > MAX_DRAFT {
            return Err(AppError::field(
                "/draft",
                format!("the draft is more than {} KiB", MAX_DRAFT >> 10),
                Some("shorten the evidence"),
            ));
        }
        Ok(self.store.put_draft(actor.org, user.id, key, body).await?)
    }

    pub async fn delete_draft(&self, actor: &Actor, key: &str) -> Result<()> {
        let user = actor.user.as_ref().ok_or(AppError::Unauthorized)?;
        Ok(self.store.delete_draft(actor.org, user.id, key).await?)
    }

    /// Ends a session.
    pub async fn sign_out(&self, session_token: &str) -> Result<()> {
        let digest = secret::digest(session_token);
        self.store.delete_session(&digest).await?;
        Ok(())
    }

    /// The sign-in behind a session's or an API token's secret, if it is live. Read from the
    /// database every time, never kept: a change that ends access (a new password, a disabled
    /// account, a revoked token, a changed role) holds at once on every server sharing it.
    pub async fn signed_in(&self, via: Via, secret_text: &str) -> Result<Option<SignIn>> {
        let now = rungs_store::now();
        let digest = secret::digest(secret_text.trim());
        Ok(match via {
            Via::Token => self
                .store
                .token_user(&digest, now)
                .await?
                .map(|user| SignIn {
                    user,
                    csrf: None,
                    expires_at: None,
                }),
            Via::Session => self.store.session(&digest, now).await?.map(|s| SignIn {
                user: s.user,
                csrf: Some(s.csrf_token),
                expires_at: Some(s.expires_at),
            }),
        })
    }

    /// Everyone who can sign in to the organization. Admins only.
    pub async fn users(&self, actor: &Actor) -> Result<Vec<User>> {
        policy::admin(actor, "list users")?;
        Ok(self.store.users(actor.org).await?)
    }

    async fn check_person_link(&self, actor: &Actor, person: Option<&str>) -> Result<()> {
        if let Some(p) = person {
            if let Err(rungs_store::StoreError::NotFound(_)) = self.store.person(actor.org, p).await
            {
                return Err(AppError::field(
                    "/person",
                    format!("`{p}` is not on the roster"),
                    Some("give the person's roster id, or leave it out"),
                ));
            }
        }
        Ok(())
    }

    /// Gives someone a login. Admins only.
    pub async fn create_user(&self, actor: &Actor, input: NewUserInput) -> Result<User> {
        policy::admin(actor, "create users")?;
        email(&input.email)?;
        user_name(&input.name)?;
        password(&input.password, &input.name, &input.email)?;
        self.check_person_link(actor, input.person.as_deref())
            .await?;
        let password_hash = secret::hash_password(input.password).await?;
        Ok(self
            .store
            .create_user(
                actor.org,
                &actor.author,
                NewUser {
                    email: input.email.trim().to_owned(),
                    name: input.name.trim().to_owned(),
                    password_hash,
                    role: input.role,
                    person: input.person,
                },
            )
            .await?)
    }

    /// Gives someone an account they open themselves: a one-time link (shown once, to pass on)
    /// where they choose their password, good for [`INVITE_DAYS`] days. Admins only.
    pub async fn invite_user(&self, actor: &Actor, input: NewInvite) -> Result<(User, String)> {
        policy::admin(actor, "invite users")?;
        email(&input.email)?;
        user_name(&input.name)?;
        self.check_person_link(actor, input.person.as_deref())
            .await?;
        // Until the link is used, no password opens the account.
        let unusable = secret::hash_password(secret::random_token("")?).await?;
        let user = self
            .store
            .create_user(
                actor.org,
                &actor.author,
                NewUser {
                    email: input.email.trim().to_owned(),
                    name: input.name.trim().to_owned(),
                    password_hash: unusable,
                    role: input.role,
                    person: input.person,
                },
            )
            .await?;
        let token = self.new_invite(actor, user.id).await?;
        Ok((user, token))
    }

    /// A new one-time link for an existing account (the earlier one stops working): for
    /// someone who lost theirs or forgot their password. Admins only.
    pub async fn reinvite(&self, actor: &Actor, id: UserId) -> Result<(User, String)> {
        policy::admin(actor, "invite users")?;
        let user = self.store.user(actor.org, id).await?;
        let token = self.new_invite(actor, id).await?;
        Ok((user, token))
    }

    async fn new_invite(&self, actor: &Actor, id: UserId) -> Result<String> {
        let token = secret::random_token("ri_")?;
        let expires = rungs_store::now() + INVITE_DAYS * 24 * 3600 * 1000;
        self.store
            .create_invite(
                actor.org,
                &actor.author,
                id,
                &secret::digest(&token),
                expires,
            )
            .await?;
        Ok(token)
    }

    /// The account a one-time link opens, while it holds.
    pub async fn invitation(&self, token: &str) -> Result<Option<User>> {
        Ok(self
            .store
            .invite(&secret::digest(token), rungs_store::now())
            .await?)
    }

    /// Uses a one-time link: the password chosen (checked as every password is) opens the
    /// account from now on, and the link stops working. Whatever the old password opened ends:
    /// every session of the account, every API token it made.
    pub async fn accept_invite(&self, token: &str, new: String) -> Result<User> {
        let gone = || {
            AppError::Missing(
                "this link has been used or has run out; ask an admin for a new one".into(),
            )
        };
        let user = self.invitation(token).await?.ok_or_else(gone)?;
        password(&new, &user.name, &user.email)?;
        let hash = secret::hash_password(new).await?;
        let user = self
            .store
            .accept_invite(&secret::digest(token), rungs_store::now(), &hash)
            .await
            .map_err(|e| match e {
                rungs_store::StoreError::NotFound(_) => gone(),
                other => other.into(),
            })?;
        Ok(user)
    }

    /// Disables an account (its sessions end and its tokens are revoked for good; its history
    /// stays) or enables it again. Admins only; an admin cannot disable themselves.
    pub async fn set_disabled(&self, actor: &Actor, id: UserId, disabled: bool) -> Result<User> {
        policy::admin(actor, "disable users")?;
        if disabled && actor.user.as_ref().is_some_and(|u| u.id == id) {
            return Err(AppError::Forbidden(
                "an admin cannot disable their own account: ask another admin".into(),
            ));
        }
        let user = self
            .store
            .set_disabled(actor.org, &actor.author, id, disabled)
            .await?;
        Ok(user)
    }

    /// Changes a user's role and person. Admins only; an admin cannot demote themselves.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: UserId,
        version: i64,
        role: Role,
        person: Option<String>,
    ) -> Result<User> {
        policy::admin(actor, "change users")?;
        self.store.user(actor.org, id).await?;
        self.check_person_link(actor, person.as_deref()).await?;
        if actor.user.as_ref().is_some_and(|u| u.id == id) && role != Role::Admin {
            return Err(AppError::Forbidden(
                "an admin cannot take away their own admin role: ask another admin".into(),
            ));
        }
        let user = self
            .store
            .update_user(actor.org, &actor.author, id, version, role, person)
            .await?;
        Ok(user)
    }

    /// A user's API tokens (never the tokens themselves), or with `all` everyone's (admins).
    pub async fn tokens(&self, actor: &Actor, all: bool) -> Result<Vec<ApiToken>> {
        let user = if all {
            policy::admin(actor, "list everyone's tokens")?;
            None
        } else {
            Some(self.acting_user(actor)?.id)
        };
        Ok(self.store.tokens(actor.org, user).await?)
    }

    fn acting_user<'a>(&self, actor: &'a Actor) -> Result<&'a User> {
        actor
            .user
            .as_ref()
            .ok_or_else(|| AppError::Forbidden("tokens belong to a signed-in user".into()))
    }

    /// Makes an API token for scripts, acting as the user. Returns the token, shown once.
    pub async fn create_token(&self, actor: &Actor, name: &str) -> Result<(String, ApiToken)> {
        if name.trim().is_empty() {
            return Err(AppError::field(
                "/name",
                "the token needs a name",
                Some("say what it is for"),
            ));
        }
        AppError::limited("/name", "the token's name", name.trim(), limits::TOKEN_NAME)?;
        let user = self.acting_user(actor)?;
        let token = secret::random_token("rungs_")?;
        let details = self
            .store
            .create_token(
                actor.org,
                &actor.author,
                NewToken {
                    user: user.id,
                    name: name.trim().to_owned(),
                    prefix: token.chars().take(12).collect(),
                    token_hash: secret::digest(&token),
                },
            )
            .await?;
        Ok((token, details))
    }

    /// Revokes a token: one's own, or anyone's for an admin.
    pub async fn revoke_token(&self, actor: &Actor, id: i64) -> Result<ApiToken> {
        let token = self.store.token(actor.org, id).await?;
        let own = actor.user.as_ref().is_some_and(|u| u.id == token.user);
        if !own && actor.role != Role::Admin {
            return Err(AppError::NotFound("token"));
        }
        let revoked = self
            .store
            .revoke_token(actor.org, &actor.author, id)
            .await?;
        Ok(revoked)
    }

    /// The audit log, newest first: at most `limit` entries (1 to 1,000), before the entry
    /// `before` if given. Admins only.
    pub async fn audit(
        &self,
        actor: &Actor,
        limit: i64,
        before: Option<i64>,
    ) -> Result<Vec<rungs_store::AuditEntry>> {
        policy::admin(actor, "read the audit log")?;
        Ok(self
            .store
            .audit(actor.org, limit.clamp(1, 1000), before)
            .await?)
    }

    /// The whole audit log, oldest first (for an export).
    pub async fn audit_log(&self, actor: &Actor) -> Result<Vec<rungs_store::AuditEntry>> {
        policy::admin(actor, "export the audit log")?;
        let mut all = Vec::new();
        let mut before = None;
        loop {
            let page = self.store.audit(actor.org, 1000, before).await?;
            let Some(last) = page.last() else { break };
            before = Some(last.id);
            all.extend(page);
        }
        all.reverse();
        Ok(all)
    }

    /// Adds an admin to an organization from the command line.
    pub async fn add_admin(
        &self,
        org: OrgId,
        address: &str,
        name: &str,
        pass: String,
    ) -> Result<User> {
        email(address)?;
        user_name(name)?;
        password(&pass, name, address)?;
        let password_hash = secret::hash_password(pass).await?;
        Ok(self
            .store
            .create_user(
                org,
                &rungs_store::Author::system("cli"),
                NewUser {
                    email: address.trim().to_owned(),
                    name: name.trim().to_owned(),
                    password_hash,
                    role: Role::Admin,
                    person: None,
                },
            )
            .await?)
    }
}
