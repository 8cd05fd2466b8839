//! The organization's company stage and pay zone: set once by an admin, checked against the
//! framework, audited, and used by the team's pay figures for anyone the roster gives no stage.

use rungs_app::{Actor, AppError, OrgPay, ReportRequest};
use rungs_core::PersonId;

use crate::support::orgs;

#[tokio::test]
async fn the_company_stage_is_set_once_and_fills_in_for_people_without_one() {
    for org in orgs().await {
        org.roster(
            "id,name,level,manager,pay,stage\n\
             top,Hana Head,cpo,,400000,large\n\
             a,Ada Abara,pm,top,150000,\n\
             b,Ben Berg,pm,top,150000,\n",
        )
        .await;
        let accounts = org.app.accounts();
        assert_eq!(
            accounts.org_pay(&org.admin).await.expect("read"),
            OrgPay::default()
        );
        let before = org
            .app
            .reports()
            .team_report(&org.admin, &ReportRequest::default())
            .await
            .expect("a report");
        assert_eq!(before.pay.no_stage, 2, "Ada and Ben have no stage");

        // A stage the framework does not have is refused at its field, and nothing is kept.
        let wrong = accounts
            .set_org_pay(
                &org.admin,
                OrgPay {
                    stage: Some("huge".into()),
                    zone: None,
                },
            )
            .await
            .expect_err("not a stage");
        match wrong {
            AppError::Invalid { problems, .. } => assert_eq!(problems[0].location, "/stage"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            accounts.org_pay(&org.admin).await.expect("read"),
            OrgPay::default()
        );

        // Set, read back, audited, and used by the team's pay figures.
        let set = accounts
            .set_org_pay(
                &org.admin,
                OrgPay {
                    stage: Some(" mid-size ".into()),
                    zone: None,
                },
            )
            .await
            .expect("set");
        assert_eq!(set.stage.as_deref(), Some("mid-size"));
        assert_eq!(accounts.org_pay(&org.admin).await.expect("read"), set);
        let log = accounts.audit(&org.admin, 10, None).await.expect("the log");
        assert!(
            log.iter()
                .any(|e| e.action == "org.setting" && e.target == "stage")
        );
        let after = org
            .app
            .reports()
            .team_report(&org.admin, &ReportRequest::default())
            .await
            .expect("a report");
        assert_eq!(after.pay.no_stage, 0);
        assert_eq!(after.pay.checked, before.pay.checked + 2);

        // Anyone signed in reads it; only an admin sets it.
        let ada = accounts
            .create_user(
                &org.admin,
                rungs_app::NewUserInput {
                    email: "ada@example.test".into(),
                    name: "Ada Abara".into(),
                    password: "correct horse battery".into(),
                    role: rungs_app::Role::Member,
                    person: Some(PersonId::from("a")),
                },
            )
            .await
            .expect("a member");
        let ada = Actor::user(ada);
        assert_eq!(
            accounts.org_pay(&ada).await.expect("read").stage.as_deref(),
            Some("mid-size")
        );
        assert!(matches!(
            accounts.set_org_pay(&ada, OrgPay::default()).await,
            Err(AppError::Forbidden(_))
        ));
    }
}
