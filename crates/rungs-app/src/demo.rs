//! The demo organization a first look opens on (`rungs serve --demo`, and the browser tests'
//! tour): a made-up roster and several years of assessments, imported as any organization's
//! would be, a review under way, and three accounts to try it as.

use rungs_core::Date;
use rungs_core::team::DemoOptions;

use crate::{Actor, App, AppError, CycleInput, HistorySource, NewUserInput, PeopleFilter, Result};

/// The example pay zones (made-up figures), for a demo with zones.
const EXAMPLE_ZONES: &str = include_str!("../../../frameworks/examples/pay-zones.toml");

/// What the demo holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSeed {
    /// How many people (the roster's size).
    pub people: usize,
    /// The example pay zones, as version 2 of the demo's framework, each person paid in theirs.
    pub zones: bool,
}

impl Default for DemoSeed {
    fn default() -> DemoSeed {
        DemoSeed {
            people: 150,
            zones: false,
        }
    }
}

/// One account of the demo organization, for people trying Rungs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// Who this is in the demo: "Head of product", "A product manager (name)".
    pub who: String,
    pub email: String,
    pub password: String,
}

fn password() -> Result<String> {
    Ok(crate::secret::random_token("")?
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect())
}

impl App {
    /// Loads the demo organization into an empty database; its accounts: the head of product
    /// (an admin), a Senior PM and their manager, each with a fresh random password.
    pub async fn seed_demo(&self, seed: DemoSeed) -> Result<Vec<DemoAccount>> {
        let admin_password = password()?;
        let admin_email = "head@demo.rungs.invalid".to_owned();
        let (_, admin) = self
            .accounts()
            .create_org(
                "Demo organization",
                "Demo head of product",
                &admin_email,
                admin_password.clone(),
            )
            .await?;
        let actor = Actor::user(admin);
        let zoned = if seed.zones {
            let source = format!("{}\n{EXAMPLE_ZONES}", rungs_core::framework::BUILTIN_TOML);
            let draft = self
                .frameworks()
                .put_framework(&actor, rungs_core::VersionId(1), source.into_bytes())
                .await?;
            self.frameworks()
                .publish_framework(&actor, draft.version.version)
                .await?;
            Some(self.framework(actor.org).await?.1)
        } else {
            None
        };
        let today = Date::today();
        let demo = rungs_core::team::demo(
            zoned
                .as_deref()
                .unwrap_or_else(|| rungs_core::framework::builtin()),
            &DemoOptions {
                people: seed.people,
                seed: 1,
                cycles: 6,
                as_of: today,
                stage: None,
            },
        );
        // The organization's company stage is the one its people are paid at.
        self.accounts()
            .set_org_pay(
                &actor,
                crate::OrgPay {
                    stage: demo.stage.clone(),
                    zone: None,
                },
            )
            .await?;
        self.people()
            .import_roster(&actor, "demo roster", demo.roster_csv.into_bytes(), &|_| {})
            .await?;
        self.reports()
            .import_assessments(
                &actor,
                HistorySource {
                    files: vec![("demo history.csv".into(), demo.history_csv.into_bytes())],
                },
                &|_| {},
            )
            .await?;
        // A review under way, so the start page, the to-dos and /cycles have something to show.
        let later = |days: i32| Some(Date::from_days(today.days() + days).to_string());
        self.cycles()
            .create_cycle(
                &actor,
                CycleInput {
                    name: "Demo review".into(),
                    under: None,
                    self_assessment_due: later(14),
                    manager_assessment_due: later(28),
                    calibration_due: later(35),
                    shared_due: later(42),
                },
            )
            .await?;
        // A Senior PM with a manager, for the two other accounts: one whose latest ratings
        // show the level they hold and who is some way toward the next, a good first look.
        let people = self
            .people()
            .people(&actor, PeopleFilter::default())
            .await?;
        let (members, _) = self
            .reports()
            .team_members(&actor, &crate::ReportRequest::default())
            .await?;
        let fits = |order: Option<usize>| {
            members.iter().find(|m| {
                m.person.level == "senior-pm"
                    && m.manager.is_some()
                    && m.shown.as_ref().is_some_and(|s| s.level == m.person.level)
                    && order.is_none_or(|o| m.readiness.as_ref().is_some_and(|r| r.order == o))
            })
        };
        let chosen = fits(Some(1)).or_else(|| fits(None));
        let pm = people
            .iter()
            .find(|p| chosen.is_some_and(|c| c.person.id.as_str() == p.id.as_str()))
            .or_else(|| {
                people
                    .iter()
                    .find(|p| p.fields.level == "senior-pm" && p.fields.manager.is_some())
            })
            .or_else(|| people.iter().find(|p| p.fields.manager.is_some()))
            .ok_or_else(|| {
                AppError::Internal("the demo roster has no one with a manager".into())
            })?;
        let manager = pm.fields.manager.clone().unwrap_or_default();
        let mut accounts = vec![DemoAccount {
            who: "Head of product".into(),
            email: admin_email,
            password: admin_password,
        }];
        for (who, person, role) in [
            ("A product manager", pm.id.clone(), crate::Role::Member),
            ("Their manager", manager, crate::Role::Manager),
        ] {
            let name = people
                .iter()
                .find(|p| p.id == person)
                .map_or_else(|| person.to_string(), |p| p.fields.name.clone());
            let local: Vec<String> = name
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            let email = format!("{}@demo.rungs.invalid", local.join("."));
            let password = password()?;
            self.accounts()
                .create_user(
                    &actor,
                    NewUserInput {
                        email: email.clone(),
                        name: name.clone(),
                        password: password.clone(),
                        role,
                        person: Some(person),
                    },
                )
                .await?;
            accounts.push(DemoAccount {
                who: format!("{who} ({name})"),
                email,
                password,
            });
        }
        Ok(accounts)
    }
}
