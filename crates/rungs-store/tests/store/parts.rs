//! A part of the organization (a person and everyone under them): counted no further than
//! asked, and read the same whether it is small enough to read by itself or cut from the
//! whole organization's pages.

use rungs_core::PersonId;
use rungs_store::prelude::*;
use rungs_store::testing::backends;
use rungs_store::{Author, PeopleFilter, PersonRow};

use crate::{org_with_admin, row};

/// A top person over two managers: `big` with 12 people under them in a chain and a fan,
/// `small` with one report; 16 people in all.
fn organization() -> Vec<PersonRow> {
    let mut rows = vec![
        row("top", "Top", "cpo", None),
        row("big", "Big", "vp", Some("top")),
        row("small", "Small", "director", Some("top")),
        row("s-1", "S One", "pm", Some("small")),
    ];
    // A chain big ← b-1 ← b-2 ← … ← b-6, then a fan of six under b-6.
    let mut above = "big".to_owned();
    for i in 1..=6 {
        let id = format!("b-{i}");
        rows.push(row(&id, "Chain", "pm", Some(&above)));
        above = id;
    }
    for i in 1..=6 {
        rows.push(row(&format!("f-{i}"), "Fan", "apm", Some("b-6")));
    }
    rows
}

#[tokio::test]
async fn a_part_reads_the_same_small_or_large_and_is_counted_no_further_than_asked() {
    for db in backends().await {
        let s = &db.store;
        let (org, admin) = org_with_admin(s, "Parts", "parts@example.com").await;
        let by = Author::user(&admin);
        let rows = organization();
        s.import_roster(org, &by, &rows, &|_| {})
            .await
            .expect("imported");
        let under = |id: &str| PersonId::from(id);
        let count = |id: &'static str, most: i64| async move {
            s.count_under(org, &under(id), most).await.expect("counted")
        };
        assert_eq!(count("top", 100).await, 16, "{}", db.name);
        assert_eq!(
            count("top", 5).await,
            5,
            "stops at the most asked: {}",
            db.name
        );
        assert_eq!(count("big", 100).await, 13, "{}", db.name);
        assert_eq!(count("s-1", 100).await, 1, "{}", db.name);
        assert_eq!(count("nobody", 100).await, 0, "{}", db.name);

        // A sixth of 16 is 2.67: `small` and its report are read by themselves, `big` and
        // `top` are cut from the whole.
        for (id, small) in [
            ("small", true),
            ("s-1", true),
            ("big", false),
            ("top", false),
        ] {
            assert_eq!(
                s.part_is_small(org, &under(id)).await.expect("asked"),
                small,
                "{id} on {}",
                db.name
            );
        }
        let ids = |id: &'static str| async move {
            let rows = s
                .roster_rows(org, Some(&under(id)))
                .await
                .expect("the part");
            rows.into_iter()
                .map(|r| r.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("small").await, ["small", "s-1"], "{}", db.name);
        let mut big: Vec<String> = vec!["big".into()];
        big.extend((1..=6).map(|i| format!("b-{i}")));
        big.extend((1..=6).map(|i| format!("f-{i}")));
        assert_eq!(ids("big").await, big, "in the order added: {}", db.name);
        assert_eq!(ids("top").await.len(), 16, "{}", db.name);
        assert!(ids("nobody").await.is_empty(), "{}", db.name);

        // The part itself, either way.
        for (id, n) in [
            ("small", 2),
            ("big", 13),
            ("top", 16),
            ("f-1", 1),
            ("nobody", 0),
        ] {
            let part = s.part(org, &under(id)).await.expect("the part");
            assert_eq!(part.len(), n, "{id} on {}", db.name);
            assert_eq!(part.contains("f-6"), ["big", "top"].contains(&id), "{id}");
        }
        // People under a person, a page at a time and filtered, the same whether the part
        // is walked by the database (small) or cut from everyone (large): by id.
        let listed = |id: &'static str, name: Option<&'static str>, offset, limit| async move {
            let filter = PeopleFilter {
                under: Some(under(id)),
                name: name.map(str::to_owned),
                offset: Some(offset),
                limit: Some(limit),
                ..PeopleFilter::default()
            };
            let people = s.people(org, &filter).await.expect("people");
            people
                .into_iter()
                .map(|p| p.id.to_string())
                .collect::<Vec<_>>()
        };
        let mut everyone: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        everyone.sort();
        assert_eq!(listed("top", None, 0, 100).await, everyone, "{}", db.name);
        assert_eq!(
            listed("top", None, 3, 4).await,
            everyone[3..7],
            "{}",
            db.name
        );
        assert_eq!(
            listed("big", Some("fan"), 1, 2).await,
            ["f-2", "f-3"],
            "{}",
            db.name
        );
        assert_eq!(
            listed("small", None, 0, 100).await,
            ["s-1", "small"],
            "{}",
            db.name
        );
        assert!(
            listed("nobody", None, 0, 100).await.is_empty(),
            "{}",
            db.name
        );
    }
}
