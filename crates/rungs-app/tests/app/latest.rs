//! One rule for a person's latest assessment: the team report and the person's own views read
//! the same one.

use rungs_app::{Aim, ReportRequest};
use rungs_core::PersonId;
use rungs_core::framework::builtin;

use crate::support::{history_header, orgs};

#[tokio::test]
async fn a_managers_assessment_stands_over_a_later_self_assessment_everywhere() {
    let n = builtin().competencies().count();
    let row = |date: &str, kind: &str, who: &str, level: &str| {
        format!(
            "ada,{date},{kind},{who},,pm,,{}\n",
            vec![level; n].join(",")
        )
    };
    let mut csv = history_header();
    csv += &row("2025-12-01", "manager", "Lea Lead", "senior-pm");
    csv += &row("2026-05-01", "self", "Ada", "pm");
    for org in orgs().await {
        org.roster("id,name,level,manager\nlead,Lea Lead,group-pm,\nada,Ada,pm,lead\n")
            .await;
        org.history(&[("history.csv", &csv)])
            .await
            .expect("imports");
        let latest = org
            .app
            .assessments()
            .latest_record(&org.admin, &PersonId::from("ada"), None)
            .await
            .expect("a latest");
        assert_eq!(
            (
                latest.fields.date.to_string().as_str(),
                latest.fields.kind.as_str()
            ),
            ("2025-12-01", "manager"),
            "{}",
            org.name
        );
        // The gap reads the manager's Senior PM ratings: nothing short of Senior PM.
        let gap = org
            .app
            .assessments()
            .gap(&org.admin, &PersonId::from("ada"), &Aim::default())
            .await
            .expect("a gap");
        assert_eq!(
            (gap.gaps[0].target.as_str(), gap.gaps[0].met),
            ("senior-pm", 20)
        );
        // And the team report counts the same assessment: Ada is short of nothing for Senior PM.
        let r = org
            .app
            .reports()
            .team_report(&org.admin, &ReportRequest::default())
            .await
            .expect("a report");
        let tiers: Vec<(&str, usize)> = r
            .pipeline
            .tiers
            .iter()
            .map(|t| (t.tier.as_str(), t.count))
            .collect();
        assert!(
            tiers.contains(&("stretch", 1)),
            "Senior PM everywhere with every milestone open is a stretch: {tiers:?}"
        );
    }
}
