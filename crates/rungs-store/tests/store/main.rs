//! The storage story, told on every backend: SQLite always, PostgreSQL when
//! `RUNGS_TEST_DATABASE_URL` is set.

mod parts;
mod ratings;
mod versions;

use rungs_core::assessment::AssessorKind;
use rungs_core::assessment::StoredFields;
use rungs_core::{PersonId, VersionId};
use rungs_store::Paged;
use rungs_store::prelude::*;
use rungs_store::testing::backends;
use rungs_store::{
    Author, NewAssessment, NewEvidence, NewOrg, NewSession, NewToken, NewUser, OrgId, PeopleFilter,
    PersonFields, PersonRow, Role, SqlStore, StoreError, User,
};

fn new_org(name: &str, email: &str) -> NewOrg {
    NewOrg {
        name: name.into(),
        admin: NewUser {
            email: email.into(),
            name: "Admin".into(),
            password_hash: "$argon2id$fake".into(),
            role: Role::Admin,
            person: None,
        },
        framework_source: "name = \"Ladder\"".into(),
        framework_name: "Ladder".into(),
    }
}

fn fields(name: &str, level: &str, manager: Option<&str>) -> PersonFields {
    PersonFields {
        name: name.into(),
        email: None,
        title: None,
        level: level.into(),
        track: "ic".into(),
        manager: manager.map(PersonId::from),
        rung_start: Some("2024-01-01".into()),
        pay: Some(150_000),
        currency: None,
        stage: Some("large".into()),
        location: None,
    }
}

pub(crate) fn row(id: &str, name: &str, level: &str, manager: Option<&str>) -> PersonRow {
    PersonRow {
        id: id.into(),
        fields: fields(name, level, manager),
    }
}

pub(crate) async fn org_with_admin(store: &SqlStore, name: &str, email: &str) -> (OrgId, User) {
    let (org, admin) = store
        .create_org(new_org(name, email))
        .await
        .expect("an org");
    (org.id, admin)
}

fn day(text: &str) -> rungs_core::Date {
    text.parse().expect("a day")
}

#[tokio::test]
async fn a_new_database_is_migrated_from_empty_and_reopens() {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("nested").join("rungs.db");
    let url = rungs_store::DbUrl::sqlite_file(&path);
    let store = rungs_store::open(&url).await.expect("a new file opens");
    assert!(!store.has_users().await.expect("asks"));
    store
        .create_org(new_org("Acme", "ada@acme.test"))
        .await
        .expect("an org");
    store.close().await;
    // Opening again runs no migration twice and keeps the data.
    let again = rungs_store::open(&url).await.expect("it reopens");
    assert!(again.has_users().await.expect("asks"));
    for db in backends().await {
        assert!(!db.store.has_users().await.expect("asks"), "{}", db.name);
        db.store.ping().await.expect("it answers");
    }
}

#[tokio::test]
async fn organizations_users_and_settings() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "Ada@Acme.test").await;
        assert_eq!(
            admin.email, "ada@acme.test",
            "{}: emails are kept lowercase",
            db.name
        );
        assert_eq!(s.org(org).await.expect("the org").name, "Acme");
        let found = s.users_by_email("ADA@acme.test").await.expect("asks");
        assert_eq!(found.len(), 1, "found in any case");
        assert_eq!(
            (found[0].0.id, found[0].1.as_str()),
            (admin.id, "$argon2id$fake")
        );
        // The same address may have an account in another organization (unique per
        // organization, so one organization's refusal tells nothing of another's accounts).
        let (other, _) = s
            .create_org(new_org("Other", "ada@acme.test"))
            .await
            .expect("an account of the same address in another organization");
        let both = s.users_by_email("ada@acme.test").await.expect("asks");
        let orgs: Vec<OrgId> = both.iter().map(|(u, _)| u.org).collect();
        assert_eq!(orgs, [org, other.id], "{}: by organization", db.name);
        let e = s
            .create_user(
                other.id,
                &Author::system("t"),
                NewUser {
                    email: "ADA@acme.test".into(),
                    name: "Ada again".into(),
                    password_hash: "$argon2id$fake".into(),
                    role: Role::Member,
                    person: None,
                },
            )
            .await
            .expect_err("one account per address in an organization");
        assert!(matches!(e, StoreError::Conflict(_)), "{}: {e}", db.name);
        assert_eq!(s.orgs().await.expect("orgs").len(), 2);

        let by = Author::user(&admin);
        let bo = s
            .create_user(
                org,
                &by,
                NewUser {
                    email: "bo@acme.test".into(),
                    name: "Bo".into(),
                    password_hash: "h".into(),
                    role: Role::Member,
                    person: None,
                },
            )
            .await
            .expect("a user");
        let bo2 = s
            .update_user(org, &by, bo.id, 1, Role::Manager, Some("p-1".into()))
            .await
            .expect("an update");
        assert_eq!(
            (bo2.role, bo2.version, bo2.person.as_deref()),
            (Role::Manager, 2, Some("p-1"))
        );
        let stale = s.update_user(org, &by, bo.id, 1, Role::Admin, None).await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{}", db.name);
        assert_eq!(s.users(org).await.expect("users").len(), 2);

        s.put_setting("setup", "abc").await.expect("set");
        assert!(!s.take_setting("setup", "wrong").await.expect("asks"));
        assert!(s.take_setting("setup", "abc").await.expect("takes"));
        assert!(!s.take_setting("setup", "abc").await.expect("only once"));
        assert_eq!(s.setting("setup").await.expect("asks"), None);
    }
}

#[tokio::test]
async fn organizations_share_nothing() {
    for db in backends().await {
        let s = &db.store;
        let (a, admin_a) = org_with_admin(s, "A", "a@a.test").await;
        let (b, admin_b) = org_with_admin(s, "B", "b@b.test").await;
        let (by_a, by_b) = (Author::user(&admin_a), Author::user(&admin_b));
        s.create_person(a, &by_a, row("p-1", "Ann", "pm", None))
            .await
            .expect("in A");
        // The same roster id can be used in both: they are different people.
        s.create_person(b, &by_b, row("p-1", "Bea", "apm", None))
            .await
            .expect("in B");
        assert_eq!(
            s.person(a, &PersonId::from("p-1"))
                .await
                .expect("A's")
                .fields
                .name,
            "Ann"
        );
        assert_eq!(
            s.person(b, &PersonId::from("p-1"))
                .await
                .expect("B's")
                .fields
                .name,
            "Bea"
        );
        let only_a = s
            .add_assessment(
                a,
                &by_a,
                NewAssessment {
                    framework_version: VersionId(1),
                    fields: rated(&[1, 2]),
                },
            )
            .await
            .expect("an assessment");
        assert!(matches!(
            s.assessment(b, only_a.id).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(
            s.assessments(b, Some(&PersonId::from("p-1")))
                .await
                .expect("B's")
                .is_empty()
        );
        assert!(matches!(
            s.user(b, admin_a.id).await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(
            s.audit(b, 100, None).await.expect("B's log").len(),
            2,
            "{}",
            db.name
        );
        let t = s
            .create_token(
                a,
                &by_a,
                NewToken {
                    user: admin_a.id,
                    name: "ci".into(),
                    prefix: "rt_abc".into(),
                    token_hash: "hash-a".into(),
                },
            )
            .await
            .expect("a token");
        assert!(matches!(
            s.token(b, t.id).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            s.revoke_token(b, &by_b, t.id).await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(s.framework(b).await.expect("B's").version, VersionId(1));
    }
}

#[tokio::test]
async fn a_roster_import_creates_updates_and_counts() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let mut rows = vec![row("cpo", "Chris", "cpo", None)];
        rows.extend((0..2500).map(|i| row(&format!("p-{i:04}"), "Someone", "pm", Some("cpo"))));
        let first = s
            .import_roster(org, &by, &rows, &|_| {})
            .await
            .expect("imported");
        assert_eq!(
            (
                first.created,
                first.updated,
                first.unchanged,
                first.not_in_file
            ),
            (2501, 0, 0, 0),
            "{}",
            db.name
        );
        assert_eq!(s.count_people(org).await.expect("count"), 2501);
        // Again, with one change and one person gone from the file.
        let mut again = rows.clone();
        again[1].fields.level = "senior-pm".into();
        again.pop();
        let second = s
            .import_roster(org, &by, &again, &|_| {})
            .await
            .expect("imported");
        assert_eq!(
            (
                second.created,
                second.updated,
                second.unchanged,
                second.not_in_file
            ),
            (0, 1, 2499, 1),
            "{}",
            db.name
        );
        let changed = s
            .person(org, &PersonId::from("p-0000"))
            .await
            .expect("read");
        assert_eq!(
            (changed.version, changed.fields.level.as_str()),
            (2, "senior-pm")
        );
        assert_eq!(
            s.person(org, &PersonId::from("p-0001"))
                .await
                .expect("read")
                .version,
            1
        );
        // A file with an id twice writes nothing.
        let mut twice = rows.clone();
        twice.push(row("p-0007", "Again", "apm", Some("cpo")));
        twice[2].fields.level = "vp".into();
        let e = s
            .import_roster(org, &by, &twice, &|_| {})
            .await
            .expect_err("refused");
        assert!(
            e.to_string().contains("`p-0007` is in the roster twice"),
            "{e}"
        );
        assert_eq!(
            s.person(org, &PersonId::from("p-0001"))
                .await
                .expect("read")
                .fields
                .level,
            "pm"
        );
        let log = s.audit(org, 1, None).await.expect("log");
        assert_eq!(log[0].action, "roster.import");
        assert_eq!(log[0].detail["updated"], 1);
    }
}

#[tokio::test]
async fn reporting_lines_go_up_and_down() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let rows = vec![
            row("cpo", "Chris", "cpo", None),
            row("dir", "Dana", "director", Some("cpo")),
            row("gpm", "Gia", "group-pm", Some("dir")),
            row("pm1", "Ann", "pm", Some("gpm")),
            row("pm2", "Bo", "pm", Some("gpm")),
            row("oth", "Oli", "director", Some("cpo")),
            row("pm3", "Cy", "pm", Some("oth")),
        ];
        s.import_roster(org, &by, &rows, &|_| {})
            .await
            .expect("imported");
        let keys = |people: Vec<rungs_store::Person>| -> Vec<String> {
            people.into_iter().map(|p| p.id.into_string()).collect()
        };
        let under = PeopleFilter {
            under: Some("dir".into()),
            ..PeopleFilter::default()
        };
        assert_eq!(
            keys(s.people(org, &under).await.expect("below")),
            ["dir", "gpm", "pm1", "pm2"],
            "{}",
            db.name
        );
        let direct = PeopleFilter {
            manager: Some("cpo".into()),
            ..PeopleFilter::default()
        };
        assert_eq!(
            keys(s.people(org, &direct).await.expect("direct")),
            ["dir", "oth"]
        );
        let pms_named = PeopleFilter {
            level: Some("pm".into()),
            name: Some("N".into()),
            ..PeopleFilter::default()
        };
        assert_eq!(keys(s.people(org, &pms_named).await.expect("pms")), ["pm1"]);
        let page = PeopleFilter {
            limit: Some(2),
            offset: Some(1),
            ..PeopleFilter::default()
        };
        assert_eq!(
            keys(s.people(org, &page).await.expect("page")),
            ["dir", "gpm"]
        );
        assert_eq!(
            s.managers_of(org, &PersonId::from("pm1"))
                .await
                .expect("up"),
            ["gpm", "dir", "cpo"]
        );
        assert!(
            s.managers_of(org, &PersonId::from("cpo"))
                .await
                .expect("top")
                .is_empty()
        );
    }
}

/// Typed fields with these rating codes, a milestone met with evidence and one without.
fn rated(ratings: &[u8]) -> StoredFields {
    StoredFields {
        person: "p-1".into(),
        date: day("2026-01-01"),
        kind: AssessorKind::Own,
        assessor: "Ann".into(),
        track: "ic".into(),
        level: Some("pm".into()),
        ratings: ratings.to_vec(),
        rating_evidence: vec![("discovery".into(), "Ran the \"why\" interviews".into())],
        milestones: vec![
            ("led-a-launch".into(), Some("Search, in May".into())),
            ("owns-a-roadmap".into(), None),
        ],
        notes: Some("A good half.".into()),
    }
}

#[tokio::test]
async fn assessments_and_evidence_are_only_added() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        for (date, kind) in [("2026-06-01", "manager"), ("2025-06-01", "self")] {
            s.add_assessment(
                org,
                &by,
                NewAssessment {
                    framework_version: VersionId(1),
                    fields: StoredFields {
                        date: day(date),
                        kind: AssessorKind::parse(kind).expect("a kind"),
                        assessor: "Ada".into(),
                        ..rated(&[0, 3, 255])
                    },
                },
            )
            .await
            .expect("added");
        }
        let history = s
            .assessments(org, Some(&PersonId::from("p-1")))
            .await
            .expect("history");
        let dates: Vec<String> = history.iter().map(|a| a.fields.date.to_string()).collect();
        assert_eq!(dates, ["2025-06-01", "2026-06-01"], "oldest first");
        let manager = StoredFields {
            date: day("2026-06-01"),
            kind: AssessorKind::Manager,
            assessor: "Ada".into(),
            ..rated(&[0, 3, 255])
        };
        assert_eq!(history[1].fields, manager, "{}", db.name);
        assert_eq!(history[1].created_by, "ada@acme.test");
        let e = s
            .add_evidence(
                org,
                &by,
                NewEvidence {
                    person: "p-1".into(),
                    milestone: "led-a-launch".into(),
                    note: "Shipped search".into(),
                    link: Some("https://example.test/launch".into()),
                },
            )
            .await
            .expect("evidence");
        assert_eq!(
            s.evidence(org, &PersonId::from("p-1"))
                .await
                .expect("listed"),
            vec![e]
        );
        let log = s.audit(org, 2, None).await.expect("log");
        assert_eq!(log[0].action, "evidence.add");
        let older = s.audit(org, 10, Some(log[1].id)).await.expect("older");
        assert!(older.iter().all(|e| e.id < log[1].id));
        assert_eq!(older.len(), 2, "{}", db.name);
    }
}

#[tokio::test]
async fn many_assessments_import_at_once_and_read_back_one_by_one() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        for (id, manager) in [("boss", None), ("p-1", Some("boss")), ("p-2", None)] {
            s.create_person(org, &by, row(id, id, "pm", manager))
                .await
                .expect("a person");
        }
        // More than one statement's worth, to cross a chunk.
        let new: Vec<NewAssessment> = (0..4500)
            .map(|i| NewAssessment {
                framework_version: VersionId(1),
                fields: StoredFields {
                    person: ["boss", "p-1", "p-2"][i % 3].into(),
                    date: day(&format!("2026-01-{:02}", i % 28 + 1)),
                    kind: if i % 2 == 0 {
                        AssessorKind::Own
                    } else {
                        AssessorKind::Manager
                    },
                    assessor: format!("Assessor {}", i % 7),
                    milestones: if i % 5 == 0 {
                        vec![("a".into(), None), ("b".into(), None)]
                    } else {
                        Vec::new()
                    },
                    rating_evidence: Vec::new(),
                    notes: None,
                    ..rated(&[(i % 9) as u8, 255, 0])
                },
            })
            .collect();
        let seen = std::sync::Mutex::new(Vec::new());
        let n = s
            .import_assessments(org, &by, &new, &|done| {
                seen.lock().expect("the lock").push(done)
            })
            .await
            .expect("imported");
        assert_eq!(n, 4500);
        // Progress after each statement: 2,000 rows each on SQLite, one JSON document of up
        // to 10,000 on PostgreSQL.
        let seen = seen.lock().expect("the lock").clone();
        assert_eq!(seen.last(), Some(&4500), "{}", db.name);
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        let log = s.audit(org, 1, None).await.expect("log");
        assert_eq!(
            (log[0].action.as_str(), log[0].actor.as_str()),
            ("assessments.import", "ada@acme.test")
        );
        assert_eq!(log[0].detail["assessments"], 4500);

        // Read in pages of 1,000: five pages, the last one short, in the order recorded.
        let mut read = Vec::new();
        let mut after = 0;
        let mut pages = 0;
        loop {
            let page = s
                .assessments_page(org, None, after, 1000)
                .await
                .expect("a page");
            let got = page
                .each(&mut |_, a| {
                    read.push((
                        a.id,
                        a.person.to_owned(),
                        a.date.to_owned(),
                        a.ratings.to_vec(),
                        a.milestones.len(),
                    ))
                })
                .expect("read");
            pages += 1;
            assert_eq!(page.page().expect("counted"), got);
            match page.next_after(1000).expect("next") {
                Some(last) => after = last,
                None => break,
            }
        }
        assert_eq!((pages, read.len()), (5, 4500), "{}", db.name);
        assert!(read.windows(2).all(|w| w[0].0 < w[1].0), "in order");
        assert_eq!(
            (read[0].1.as_str(), read[0].4),
            ("boss", 2),
            "two milestones"
        );
        assert_eq!(
            (read[0].2.to_string(), read[0].3.clone()),
            ("2026-01-01".to_owned(), vec![0, 255, 0])
        );
        assert_eq!(read[7].3, vec![7, 255, 0]);
        // Under the boss: the boss and p-1, not p-2.
        let page = s
            .assessments_page(org, Some(&PersonId::from("boss")), 0, i64::MAX)
            .await
            .expect("under");
        assert_eq!(
            page.each(&mut |_, _| {}).expect("read").rows,
            3000,
            "{}",
            db.name
        );
        // People in pages too, in the order they were added.
        let mut ids = Vec::new();
        let mut after = 0;
        loop {
            let page = s.people_page(org, None, after, 2).await.expect("people");
            page.each(&mut |order, p| ids.push((order, p.id.to_owned())))
                .expect("read");
            match page.next_after(2).expect("next") {
                Some(last) => after = last,
                None => break,
            }
        }
        let keys: Vec<&str> = ids.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys, ["boss", "p-1", "p-2"]);
        let rows = s
            .roster_rows(org, Some(&PersonId::from("boss")))
            .await
            .expect("under the boss");
        assert_eq!(
            rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["boss", "p-1"]
        );
        assert_eq!(
            s.assessment_versions(org).await.expect("versions"),
            vec![VersionId(1)]
        );
        let one = s
            .assessments(org, Some(&PersonId::from("p-2")))
            .await
            .expect("p-2's");
        assert_eq!(one.len(), 1500);
    }
}

#[tokio::test]
async fn an_import_that_fails_writes_nothing() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let mut new: Vec<NewAssessment> = (0..3000)
            .map(|i| NewAssessment {
                framework_version: VersionId(1),
                fields: StoredFields {
                    assessor: format!("A{i}"),
                    ..rated(&[1])
                },
            })
            .collect();
        // A row the database refuses (an index of the test's own makes its assessor's name one
        // taken already), in the second statement: the first statement's 2,000 rows are rolled
        // back with it.
        rungs_store::execute_raw(s, "CREATE UNIQUE INDEX one_each ON assessments (assessor)")
            .await
            .expect("an index");
        new[2500].fields.assessor = "A10".into();
        let failed = s.import_assessments(org, &by, &new, &|_| {}).await;
        assert!(failed.is_err(), "{}", db.name);
        assert!(s.assessments(org, None).await.expect("read").is_empty());
        assert!(
            s.audit(org, 1, None)
                .await
                .expect("log")
                .iter()
                .all(|e| e.action != "assessments.import")
        );
    }
}

#[tokio::test]
async fn the_framework_keeps_every_version() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let v2 = s
            .put_framework(org, &by, VersionId(1), "Ladder", "name = \"Ladder 2\"")
            .await
            .expect("version 2");
        assert_eq!(v2.version, VersionId(2));
        let stale = s.put_framework(org, &by, VersionId(1), "Ladder", "x").await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{}", db.name);
        // A draft until published; then in use; then version 1 again, in one step.
        assert_eq!(v2.published_at, None);
        assert_eq!(
            s.current_framework(org).await.expect("current"),
            VersionId(1)
        );
        let published = s
            .publish_framework(org, &by, VersionId(2))
            .await
            .expect("published");
        assert!(published.published_at.is_some());
        assert_eq!(
            s.framework(org).await.expect("current").source,
            "name = \"Ladder 2\""
        );
        assert_eq!(
            s.current_framework(org).await.expect("current"),
            VersionId(2)
        );
        s.publish_framework(org, &by, VersionId(1))
            .await
            .expect("back to 1");
        assert_eq!(
            s.current_framework(org).await.expect("current"),
            VersionId(1)
        );
        s.publish_framework(org, &by, VersionId(2))
            .await
            .expect("2 again");
        assert!(matches!(
            s.publish_framework(org, &by, VersionId(7)).await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(
            s.framework_version(org, VersionId(1))
                .await
                .expect("old")
                .source,
            "name = \"Ladder\""
        );
        let versions: Vec<i64> = s
            .framework_versions(org)
            .await
            .expect("all")
            .iter()
            .map(|v| v.version.0)
            .collect();
        assert_eq!(versions, [2, 1]);
        assert!(matches!(
            s.framework_version(org, VersionId(3)).await,
            Err(StoreError::NotFound(_))
        ));
    }
}

#[tokio::test]
async fn sessions_tokens_and_failed_sign_ins() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        s.create_session(NewSession {
            token_hash: "sess".into(),
            user: admin.id,
            csrf_token: "csrf".into(),
            created_at: 1_000,
            expires_at: 2_000,
        })
        .await
        .expect("a session");
        let live = s.session("sess", 1_500).await.expect("asks").expect("live");
        assert_eq!((live.user.id, live.csrf_token.as_str()), (admin.id, "csrf"));
        assert!(
            s.session("sess", 2_000).await.expect("asks").is_none(),
            "expired"
        );
        s.delete_session("sess").await.expect("deleted");
        assert!(s.session("sess", 1_500).await.expect("asks").is_none());

        let t = s
            .create_token(
                org,
                &by,
                NewToken {
                    user: admin.id,
                    name: "ci".into(),
                    prefix: "rt_1234".into(),
                    token_hash: "thash".into(),
                },
            )
            .await
            .expect("a token");
        let user = s
            .token_user("thash", 5)
            .await
            .expect("asks")
            .expect("valid");
        assert_eq!(user.id, admin.id);
        assert_eq!(
            s.token(org, t.id).await.expect("read").last_used_at,
            Some(5)
        );
        assert_eq!(s.tokens(org, Some(admin.id)).await.expect("mine").len(), 1);
        assert_eq!(s.tokens(org, None).await.expect("all").len(), 1);
        let revoked = s.revoke_token(org, &by, t.id).await.expect("revoked");
        assert!(revoked.revoked_at.is_some());
        assert!(
            s.token_user("thash", 6).await.expect("asks").is_none(),
            "{}",
            db.name
        );

        let keys = [
            "account:ada@acme.test".to_owned(),
            "address:10.0.0.1".to_owned(),
        ];
        let mut last = Vec::new();
        for at in [100, 200, 300] {
            last = s.record_attempt(&keys, at, 150).await.expect("noted");
        }
        assert_eq!(last, [2, 2], "{}: this attempt and the one at 200", db.name);
        s.clear_failures(&keys[0]).await.expect("cleared");
        s.forget_attempt(&keys[1], 300).await.expect("forgotten");
        assert_eq!(
            s.record_attempt(&keys, 400, 0).await.expect("noted"),
            [1, 3],
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn assessments_stored_before_typed_fields_wait_to_be_converted() {
    for mut db in rungs_store::testing::backends_migrated(Some(1)).await {
        let s = &db.store;
        // The organization as the first schema held it (today's code writes today's schema).
        rungs_store::execute_raw(
            s,
            "INSERT INTO orgs (id, name, created_at) VALUES (1, 'Acme', 0)",
        )
        .await
        .expect("an old organization");
        let org = rungs_store::OrgId(1);
        let insert = format!(
            "INSERT INTO assessments (org_id, person_key, framework_version, date, assessor_kind,
               assessor, body, created_at, created_by)
             VALUES ({}, 'p-1', 1, '2025-01-01', 'self', 'Ann', '{{\"track\": \"ic\"}}', 0, 'cli')",
            org.0
        );
        rungs_store::execute_raw(s, &insert)
            .await
            .expect("an old row");
        s.close().await;
        // Opening with every migration brings the schema up to date and keeps the row.
        db.store = rungs_store::open(&db.url).await.expect("reopens");
        let s = &db.store;
        let legacy = s.legacy_assessments(10).await.expect("listed");
        assert_eq!(legacy.len(), 1, "{}", db.name);
        assert_eq!(legacy[0].body, "{\"track\": \"ic\"}");
        assert!(matches!(
            s.assessments(org, Some(&PersonId::from("p-1"))).await,
            Err(StoreError::Damaged(_))
        ));
        s.convert_legacy(legacy[0].id, &rated(&[2, 2]))
            .await
            .expect("converted");
        assert!(s.legacy_assessments(10).await.expect("none").is_empty());
        let a = s
            .assessments(org, Some(&PersonId::from("p-1")))
            .await
            .expect("typed now");
        // What it says is written; whose it is, when and by whom stay as the row had them.
        let converted = StoredFields {
            date: day("2025-01-01"),
            ..rated(&[2, 2])
        };
        assert_eq!(a[0].fields, converted);
    }
}

#[tokio::test]
async fn a_one_time_link_opens_an_account_once_and_a_disabled_one_is_shut() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let now = rungs_store::now();
        s.create_invite(org, &by, admin.id, "digest-1", now + 1000)
            .await
            .expect("a link");
        // A newer link replaces the first.
        s.create_invite(org, &by, admin.id, "digest-2", now + 1000)
            .await
            .expect("a newer link");
        assert!(
            s.invite("digest-1", now).await.expect("asks").is_none(),
            "{}",
            db.name
        );
        assert_eq!(
            s.invite("digest-2", now).await.expect("asks").map(|u| u.id),
            Some(admin.id)
        );
        assert!(
            s.invite("digest-2", now + 2000)
                .await
                .expect("asks")
                .is_none(),
            "runs out"
        );
        let opened = s
            .accept_invite("digest-2", now, "$argon2id$new")
            .await
            .expect("opened");
        assert_eq!(opened.id, admin.id);
        let found = s.users_by_email("ada@acme.test").await.expect("asks");
        assert_eq!(found[0].1, "$argon2id$new");
        assert!(
            matches!(
                s.accept_invite("digest-2", now, "$argon2id$again").await,
                Err(StoreError::NotFound(_))
            ),
            "{}: used once",
            db.name
        );
        // Disabled: no session or token lets them in; enabled again, they are back.
        s.create_session(rungs_store::NewSession {
            token_hash: "session-1".into(),
            user: admin.id,
            csrf_token: "c".into(),
            created_at: now,
            expires_at: now + 100_000,
        })
        .await
        .expect("a session");
        let off = s
            .set_disabled(org, &by, admin.id, true)
            .await
            .expect("disabled");
        assert!(off.disabled);
        assert!(
            s.session("session-1", now).await.expect("asks").is_none(),
            "{}",
            db.name
        );
        let on = s
            .set_disabled(org, &by, admin.id, false)
            .await
            .expect("enabled");
        assert!(!on.disabled);
        let actions: Vec<String> = s
            .audit(org, 20, None)
            .await
            .expect("the log")
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in [
            "user.invite",
            "user.accept_invite",
            "user.disable",
            "user.enable",
        ] {
            assert!(
                actions.iter().any(|x| x == a),
                "{}: {a} in {actions:?}",
                db.name
            );
        }
    }
}

#[tokio::test]
async fn a_name_search_takes_percent_and_underscore_as_letters() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let rows = vec![
            row("p1", "Ann_100%", "pm", None),
            row("p2", "Anna Bell", "pm", None),
            row("p3", "Bo Back\\slash", "pm", None),
        ];
        s.import_roster(org, &by, &rows, &|_| {})
            .await
            .expect("a roster");
        for (q, want) in [
            ("%", vec!["p1"]),
            ("_", vec!["p1"]),
            ("n_1", vec!["p1"]),
            ("ann", vec!["p1", "p2"]),
            ("\\", vec!["p3"]),
        ] {
            let found: Vec<String> = s
                .people(
                    org,
                    &rungs_store::PeopleFilter {
                        name: Some(q.into()),
                        ..rungs_store::PeopleFilter::default()
                    },
                )
                .await
                .expect("found")
                .into_iter()
                .map(|p| p.id.into_string())
                .collect();
            assert_eq!(found, want, "{}: {q:?}", db.name);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_first_organization_is_made_once_however_many_try_at_once() {
    for db in backends().await {
        // Each try on a store of its own, as separate processes would.
        let mut tries = tokio::task::JoinSet::new();
        for i in 0..8 {
            let url = db.url.clone();
            tries.spawn(async move {
                let s = rungs_store::open(&url).await.expect("it opens");
                s.create_first_org(new_org("Acme", &format!("admin{i}@acme.test")))
                    .await
                    .expect("it answers")
                    .is_some()
            });
        }
        let mut made = 0;
        while let Some(r) = tries.join_next().await {
            made += usize::from(r.expect("a try"));
        }
        assert_eq!(made, 1, "{}", db.name);
        assert_eq!(db.store.orgs().await.expect("orgs").len(), 1, "{}", db.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_database_opened_by_many_at_once_is_migrated_once() {
    let dir = tempfile::tempdir().expect("a directory");
    let url = rungs_store::DbUrl::sqlite_file(&dir.path().join("rungs.db"));
    let mut opens = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let url = url.clone();
        opens.spawn(async move { rungs_store::open(&url).await.map(|_| ()) });
    }
    while let Some(r) = opens.join_next().await {
        r.expect("a task").expect("every open succeeds");
    }
}

#[tokio::test]
async fn accounts_and_their_sessions_survive_addresses_becoming_per_organization() {
    // Schema 5: an address was unique on the whole server.
    for mut db in rungs_store::testing::backends_migrated(Some(5)).await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let now = rungs_store::now();
        s.create_session(rungs_store::NewSession {
            token_hash: "session-digest".into(),
            user: admin.id,
            csrf_token: "csrf".into(),
            created_at: now,
            expires_at: now + 60_000,
        })
        .await
        .expect("a session");
        let e = s.create_org(new_org("Other", "ada@acme.test")).await;
        assert!(matches!(e, Err(StoreError::Conflict(_))), "{}", db.name);
        s.close().await;
        // Migration 6 keeps every account, its id and its session.
        db.store = rungs_store::open(&db.url).await.expect("reopens");
        let s = &db.store;
        let session = s
            .session("session-digest", now)
            .await
            .expect("asks")
            .expect("the session still opens");
        assert_eq!(session.user.id, admin.id, "{}", db.name);
        assert_eq!(
            s.user(org, admin.id).await.expect("kept").email,
            "ada@acme.test"
        );
        s.create_org(new_org("Other", "ada@acme.test"))
            .await
            .expect("now the address may have an account in another organization");
        assert_eq!(
            s.users_by_email("ada@acme.test").await.expect("asks").len(),
            2
        );
        // A new account after the migration gets a new id, not a reused one.
        let (_, third) = s
            .create_org(new_org("Third", "cy@third.test"))
            .await
            .expect("a third");
        assert!(third.id.0 > admin.id.0);
    }
}
