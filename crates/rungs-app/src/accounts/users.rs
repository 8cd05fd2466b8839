//! Users: accounts made by an admin or by invitation, changed, disabled, linked to the roster.

use super::*;

impl crate::Accounts<'_> {
    /// Everyone who can sign in to the organization. Admins only.
    pub async fn users(&self, actor: &Actor) -> Result<Vec<User>> {
        policy::admin(actor, "list users")?;
        Ok(answers::all(self.store.users(actor.org).await?))
    }

    async fn check_person_link(&self, actor: &Actor, person: Option<&PersonId>) -> Result<()> {
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
        account(&input.email, &input.name)?;
        password(&input.password, &input.name, &input.email)?;
        self.check_person_link(actor, input.person.as_ref()).await?;
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
            .await
            .map_err(|e| taken(e, &input.email))?
            .into())
    }

    /// Gives someone an account they open themselves: a one-time link (shown once, to pass on)
    /// where they choose their password, good for [`INVITE_DAYS`] days. Admins only.
    pub async fn invite_user(&self, actor: &Actor, input: NewInvite) -> Result<(User, String)> {
        policy::admin(actor, "invite users")?;
        account(&input.email, &input.name)?;
        self.check_person_link(actor, input.person.as_ref()).await?;
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
            .await
            .map_err(|e| taken(e, &input.email))?;
        let token = self.new_invite(actor, user.id).await?;
        Ok((user.into(), token))
    }

    /// A new one-time link for an existing account (the earlier one stops working): for
    /// someone who lost theirs or forgot their password. Admins only.
    pub async fn reinvite(&self, actor: &Actor, id: UserId) -> Result<(User, String)> {
        policy::admin(actor, "invite users")?;
        let user = self.store.user(actor.org, id).await?;
        let token = self.new_invite(actor, id).await?;
        Ok((user.into(), token))
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
            .await?
            .map(User::from))
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
        Ok(user.into())
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
        Ok(user.into())
    }

    /// Changes a user's role and person. Admins only; an admin cannot demote themselves.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: UserId,
        version: i64,
        role: Role,
        person: Option<PersonId>,
    ) -> Result<User> {
        policy::admin(actor, "change users")?;
        self.store.user(actor.org, id).await?;
        self.check_person_link(actor, person.as_ref()).await?;
        if actor.user.as_ref().is_some_and(|u| u.id == id) && role != Role::Admin {
            return Err(AppError::Forbidden(
                "an admin cannot take away their own admin role: ask another admin".into(),
            ));
        }
        let user = self
            .store
            .update_user(actor.org, &actor.author, id, version, role, person)
            .await?;
        Ok(user.into())
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
            .await?
            .into())
    }
}
