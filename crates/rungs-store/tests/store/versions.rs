//! Updates only from the version read: a stale write is a conflict, never an overwrite, on
//! every backend and when writers race.

use rungs_core::{PersonId, VersionId};
use rungs_store::prelude::*;
use rungs_store::{Author, StoreError};

use crate::{org_with_admin, row};
use rungs_store::testing::backends;

#[tokio::test]
async fn people_update_only_from_the_version_they_read() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        let p = s
            .create_person(org, &by, row("p-1", "Ann", "pm", None))
            .await
            .expect("created");
        assert_eq!(p.version, 1);
        let dup = s
            .create_person(org, &by, row("p-1", "Ann", "pm", None))
            .await;
        assert!(matches!(dup, Err(StoreError::Conflict(_))), "{}", db.name);
        let up = s
            .update_person(org, &by, 1, row("p-1", "Ann", "senior-pm", None))
            .await
            .expect("updated");
        assert_eq!((up.version, up.fields.level.as_str()), (2, "senior-pm"));
        // A second writer who also read version 1 is refused, and changes nothing.
        let stale = s
            .update_person(org, &by, 1, row("p-1", "Ann", "apm", None))
            .await
            .expect_err("stale");
        assert!(
            stale
                .to_string()
                .contains("changed since version 1: it is at version 2"),
            "{stale}"
        );
        assert_eq!(
            s.person(org, &PersonId::from("p-1"))
                .await
                .expect("read")
                .fields
                .level,
            "senior-pm"
        );
        let missing = s
            .update_person(org, &by, 1, row("p-9", "X", "pm", None))
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound(_))));
        let log = s.audit(org, 10, None).await.expect("the log");
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["person.update", "person.create", "org.create"]);
        assert_eq!(log[0].actor, "ada@acme.test");
        assert_eq!(log[0].detail["before"]["level"], "pm");
        assert_eq!(log[0].detail["after"]["level"], "senior-pm");
    }
}

#[tokio::test]
async fn concurrent_updates_of_one_version_let_exactly_one_through() {
    for db in backends().await {
        let s = db.store.clone();
        let (org, admin) = org_with_admin(&s, "Acme", "ada@acme.test").await;
        let by = Author::user(&admin);
        s.create_person(org, &by, row("p-1", "Ann", "pm", None))
            .await
            .expect("created");
        let tasks: Vec<_> = (0..6)
            .map(|i| {
                let (s, by) = (s.clone(), by.clone());
                tokio::spawn(async move {
                    s.update_person(org, &by, 1, row("p-1", &format!("Ann {i}"), "pm", None))
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.expect("the task ran") {
                Ok(_) => ok += 1,
                Err(StoreError::Conflict(_)) => {}
                Err(e) => panic!("{}: {e}", db.name),
            }
        }
        assert_eq!(ok, 1, "{}", db.name);
        assert_eq!(
            s.person(org, &PersonId::from("p-1"))
                .await
                .expect("read")
                .version,
            2
        );

        let edits: Vec<_> = (0..6)
            .map(|i| {
                let (s, by) = (s.clone(), by.clone());
                tokio::spawn(async move {
                    s.put_framework(org, &by, VersionId(1), "Ladder", &format!("edit {i}"))
                        .await
                })
            })
            .collect();
        let mut saved = 0;
        for t in edits {
            match t.await.expect("the task ran") {
                Ok(v) => {
                    saved += 1;
                    assert_eq!(v.version, VersionId(2));
                }
                Err(StoreError::Conflict(_)) => {}
                Err(e) => panic!("{}: {e}", db.name),
            }
        }
        assert_eq!(saved, 1, "{}", db.name);
        let versions = s.framework_versions(org).await.expect("versions");
        assert_eq!(versions.len(), 2, "{}", db.name);
    }
}
