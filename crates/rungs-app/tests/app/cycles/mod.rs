//! Review cycles on every backend: the state machine (each allowed move and each refused one,
//! with its reason), who sees what at each stage, a framework published mid-cycle, and what
//! calibration may show.

use rungs_core::{CycleId, PersonId, VersionId};
use std::collections::BTreeMap;

use rungs_app::{Actor, AppError, CycleInput, PartInput, RatingChange, Reopen};
use rungs_core::cycle::{Part, PartState, RecordState, Stage};
use rungs_core::framework::{BUILTIN_TOML, builtin};
use rungs_store::{Author, OrgId, Role};

use crate::support::{TestOrg, orgs};

mod calibration;
mod stages;
mod visibility;
mod writing;

/// Lea leads six people (a0…a5); Max, outside her team, reports to no one.
const ROSTER: &str = "id,name,level,track,manager
lea,Lea Lead,group-pm,manager,
a0,Ann Zero,pm,ic,lea
a1,Ben One,pm,ic,lea
a2,Cas Two,pm,ic,lea
a3,Dan Three,pm,ic,lea
a4,Eve Four,senior-pm,ic,lea
a5,Fay Five,senior-pm,ic,lea
max,Max Out,pm,ic,
";

fn actor(org: OrgId, role: Role, person: &str) -> Actor {
    Actor {
        org,
        role,
        person: Some(PersonId::from(person.to_owned())),
        author: Author::system(&format!("{person}@acme.test")),
        user: None,
    }
}

/// Every competency of the built-in ladder rated `level`.
fn ratings(level: &str) -> BTreeMap<String, String> {
    builtin()
        .competencies()
        .map(|(_, c)| (c.id.clone(), level.to_owned()))
        .collect()
}

fn part(level: &str, submit: bool, version: i64) -> PartInput {
    PartInput {
        ratings: ratings(level),
        milestones: Vec::new(),
        notes: None,
        submit,
        version,
    }
}

fn conflict(e: AppError) -> String {
    match e {
        AppError::Conflict(why) => why,
        other => panic!("expected a refusal with a reason, got {other:?}"),
    }
}

struct Cast {
    admin: Actor,
    lea: Actor,
    member: fn(OrgId, &str) -> Actor,
    org: OrgId,
}

async fn start(o: &TestOrg) -> (Cast, CycleId) {
    o.roster(ROSTER).await;
    let admin = o.admin.clone();
    let org = admin.org;
    let cycle = o
        .app
        .cycles()
        .create_cycle(
            &admin,
            CycleInput {
                name: "H2 2026 review".into(),
                self_assessment_due: Some("2026-12-10".into()),
                manager_assessment_due: Some("2026-12-20".into()),
                ..CycleInput::default()
            },
        )
        .await
        .expect("a cycle starts");
    assert_eq!(cycle.stage, Stage::SelfAssessment);
    assert_eq!(cycle.people, 8, "{}", o.name);
    assert_eq!(cycle.framework_version, VersionId(1));
    // The list counts each cycle's people too (in one query for them all).
    let listed = o.app.cycles().cycles(&admin).await.expect("the cycles");
    assert_eq!(listed.iter().map(|c| c.people).collect::<Vec<_>>(), [8]);
    (
        Cast {
            admin,
            lea: actor(org, Role::Manager, "lea"),
            member: |org, p| actor(org, Role::Member, p),
            org,
        },
        cycle.id,
    )
}

fn locations(e: AppError) -> Vec<String> {
    match e {
        AppError::Invalid { problems, .. } => problems.into_iter().map(|p| p.location).collect(),
        other => panic!("expected problems in their places, got {other:?}"),
    }
}

/// An assessment of `person` by `kind` with every competency at `level`, as an assessment file.
fn assessment_file(person: &str, name: &str, kind: &str, level: &str) -> Vec<u8> {
    let fw = builtin();
    let ratings: serde_json::Map<String, serde_json::Value> = fw
        .competencies()
        .map(|(_, c)| (c.id.clone(), serde_json::json!(level)))
        .collect();
    serde_json::json!({
        "person": name,
        "person_id": person,
        "framework": fw.id(),
        "framework_version": fw.version(),
        "date": "2026-12-01",
        "track": "ic",
        "assessor": { "kind": kind, "name": "someone" },
        "ratings": ratings,
    })
    .to_string()
    .into_bytes()
}
