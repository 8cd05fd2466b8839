//! A person named in a form by name or by roster id: one fits, or the problem says who was
//! meant, telling namesakes apart; a manager finds only the people they may see.

use rungs_app::{Actor, AppError};
use rungs_core::PersonId;

use crate::support::orgs;

const ROSTER: &str = "id,name,level,manager\n\
    top,Hana Head,cpo,\n\
    g1,Gil Group,group-pm,top\n\
    a1,Ada Abara,senior-pm,g1\n\
    a2,Ada Abara,pm,top\n\
    b1,Ben Berg,pm,g1\n\
    b2,Bea Bergström,apm,top\n";

fn problem(e: AppError) -> (String, String) {
    match e {
        AppError::Invalid { problems, .. } => {
            (problems[0].location.clone(), problems[0].message.clone())
        }
        other => panic!("not a problem at a field: {other:?}"),
    }
}

#[tokio::test]
async fn a_person_is_found_by_name_or_id_and_namesakes_are_told_apart() {
    for org in orgs().await {
        org.roster(ROSTER).await;
        let people = org.app.people();
        let named = |text: &'static str| people.named(&org.admin, "manager", text);
        assert_eq!(named("g1").await.expect("by id"), PersonId::from("g1"));
        assert_eq!(
            named(" gil group ").await.expect("by whole name"),
            PersonId::from("g1")
        );
        assert_eq!(
            named("Bergström").await.expect("by a part only one holds"),
            PersonId::from("b2")
        );
        // Two people share a name: both are listed, with what tells them apart.
        let (at, said) = problem(named("Ada Abara").await.expect_err("ambiguous"));
        assert_eq!(at, "/manager");
        assert!(said.contains("2 people are named “Ada Abara”"), "{said}");
        assert!(
            said.contains("Ada Abara (Senior PM, roster id a1)"),
            "{said}"
        );
        assert!(said.contains("Ada Abara (PM, roster id a2)"), "{said}");
        // A part of several names lists them.
        let (_, said) = problem(named("Ber").await.expect_err("several"));
        assert!(said.contains("“Ber” is in the names of 2 people"), "{said}");
        let (_, said) = problem(named("Nobody").await.expect_err("no one"));
        assert_eq!(
            said,
            "No one you may see is named or has the roster id “Nobody”"
        );
        // A manager finds only the people under them.
        let gil = org
            .app
            .accounts()
            .create_user(
                &org.admin,
                rungs_app::NewUserInput {
                    email: "gil@example.test".into(),
                    name: "Gil Group".into(),
                    password: "correct horse battery".into(),
                    role: rungs_app::Role::Manager,
                    person: Some(PersonId::from("g1")),
                },
            )
            .await
            .expect("a manager");
        let gil = Actor::user(gil);
        assert_eq!(
            people
                .named(&gil, "to", "Ada Abara")
                .await
                .expect("only one under Gil"),
            PersonId::from("a1")
        );
        let (_, said) = problem(
            people
                .named(&gil, "to", "Bea")
                .await
                .expect_err("not Gil's"),
        );
        assert!(said.starts_with("No one you may see"), "{said}");
    }
}
