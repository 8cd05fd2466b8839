//! Organizations: the one-time setup, making and finding them, and each one's audit log.

use super::*;

impl crate::Accounts<'_> {
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
        Ok(self.store.create_first_org(new).await?.map(both))
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
        Ok(both(self.store.create_org(new).await?))
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
        Ok(answers::all(self.store.orgs().await?))
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
        Ok(self.store.org(actor.org).await?.into())
    }

    /// The organization's company stage and pay zone, as its admin set them: what the pay
    /// page opens on, and the stage the team's pay figures use for anyone the roster gives
    /// none. Anyone signed in may read them. A stage or zone the framework in use no longer
    /// has reads as unset.
    pub async fn org_pay(&self, actor: &Actor) -> Result<OrgPay> {
        let (_, fw) = self.framework(actor.org).await?;
        let stage = self.store.org_setting(actor.org, "stage").await?;
        let zone = self.store.org_setting(actor.org, "zone").await?;
        Ok(OrgPay {
            stage: stage.filter(|s| fw.find_stage(s).is_ok()),
            zone: zone.filter(|z| fw.pay_zone(Some(z)).is_ok()),
        })
    }

    /// Sets the organization's company stage and pay zone (each may be left unset), checked
    /// against the framework in use; audited. Admins only.
    pub async fn set_org_pay(&self, actor: &Actor, input: OrgPay) -> Result<OrgPay> {
        policy::admin(actor, "set the organization's company stage and pay zone")?;
        let (_, fw) = self.framework(actor.org).await?;
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let mut problems = Vec::new();
        let stage = match given(&input.stage) {
            Some(s) => match crate::ladder::stage(&fw, s, "/stage") {
                Ok(st) => Some(st.id.clone()),
                Err(AppError::Invalid { problems: p, .. }) => {
                    problems.extend(p);
                    None
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        let zone = match given(&input.zone) {
            Some(z) => match fw.pay_zone(Some(z)) {
                Ok(pz) => Some(pz.id.to_owned()),
                Err(u) => {
                    if let AppError::Invalid { problems: p, .. } = AppError::unknown("/zone", &u) {
                        problems.extend(p);
                    }
                    None
                }
            },
            None => None,
        };
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                title: "The stage or zone is not one of the framework's".into(),
                problems,
            });
        }
        self.store
            .set_org_setting(actor.org, &actor.author, "stage", stage.as_deref())
            .await?;
        self.store
            .set_org_setting(actor.org, &actor.author, "zone", zone.as_deref())
            .await?;
        Ok(OrgPay { stage, zone })
    }

    /// The audit log, newest first: at most `limit` entries (1 to 1,000), before the entry
    /// `before` if given. Admins only.
    pub async fn audit(
        &self,
        actor: &Actor,
        limit: i64,
        before: Option<i64>,
    ) -> Result<Vec<AuditEntry>> {
        policy::admin(actor, "read the audit log")?;
        Ok(self
            .store
            .audit(actor.org, limit.clamp(1, 1000), before)
            .await
            .map(answers::all)?)
    }

    /// The whole audit log, oldest first (for an export).
    pub async fn audit_log(&self, actor: &Actor) -> Result<Vec<AuditEntry>> {
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
        Ok(answers::all(all))
    }
}

/// An organization and its first admin, as answered.
fn both((org, admin): (rungs_store::Org, rungs_store::User)) -> (Org, User) {
    (org.into(), admin.into())
}

/// The organization's company stage and pay zone, by the framework's ids; either may be unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgPay {
    /// A company stage of the framework (`startup`, `mid-size`, `large` in the built-in one).
    #[serde(default)]
    pub stage: Option<String>,
    /// A pay zone of the framework, when it has zones.
    #[serde(default)]
    pub zone: Option<String>,
}
