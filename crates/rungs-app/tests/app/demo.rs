//! The demo organization a first look opens on: as many people as asked, a name each, three
//! accounts that sign in, the organization's company stage set, a review under way, and a
//! product manager whose ratings show the level they hold.

use rungs_app::{Actor, DemoSeed, ReportRequest, Role};
use std::collections::HashSet;

use crate::support::orgs;

#[tokio::test]
async fn the_demo_holds_what_a_first_look_needs() {
    for org in orgs().await {
        let accounts = org
            .app
            .seed_demo(DemoSeed {
                people: 60,
                zones: false,
            })
            .await
            .expect("the demo");
        assert_eq!(accounts.len(), 3);
        let mut actors = Vec::new();
        for a in &accounts {
            let signed = org
                .app
                .accounts()
                .sign_in(&a.email, a.password.clone(), "127.0.0.1", None)
                .await
                .unwrap_or_else(|e| panic!("{} signs in: {e}", a.who));
            actors.push(Actor::user(signed.user));
        }
        let (admin, member, manager) = (&actors[0], &actors[1], &actors[2]);
        assert_eq!(
            (admin.role, member.role, manager.role),
            (Role::Admin, Role::Member, Role::Manager)
        );
        let people = org
            .app
            .people()
            .people(admin, rungs_app::PeopleFilter::default())
            .await
            .expect("the roster");
        assert_eq!(people.len(), 60, "{}", org.name);
        let names: HashSet<&str> = people.iter().map(|p| p.fields.name.as_str()).collect();
        assert_eq!(names.len(), 60, "everyone has a name of their own");
        let pay = org.app.accounts().org_pay(admin).await.expect("the stage");
        assert_eq!(pay.stage.as_deref(), Some("mid-size"));
        let cycles = org.app.cycles().cycles(admin).await.expect("the reviews");
        assert_eq!(cycles.len(), 1, "a review under way");
        // The product manager's ratings show the level they hold; their manager manages them.
        let (rows, _) = org
            .app
            .reports()
            .team_members(admin, &ReportRequest::default())
            .await
            .expect("the people");
        let me = member.person.clone().expect("linked to a person");
        let row = rows
            .iter()
            .find(|r| r.person.id.as_str() == me.as_str())
            .expect("on the roster");
        assert_eq!(
            row.shown.as_ref().map(|s| s.level.as_str()),
            Some(row.person.level.as_str())
        );
        assert_eq!(row.manager.as_deref(), manager.person.as_deref());
    }
}
