//! A figure that appears twice on a page reads the same both times.

use axum::http::StatusCode;
use scraper::Selector;

use crate::support::Site;

#[tokio::test]
async fn the_path_page_gives_one_median_for_a_destination_in_its_plan_and_its_fan() {
    let site = Site::with_team().await;
    let mut zoe = site.client();
    zoe.sign_in("zoe@acme.test").await;
    for (from, to) in [
        ("senior-pm", "director"),
        ("senior-pm", "group-pm"),
        ("apm", "vp"),
        ("pm", "principal-pm"),
    ] {
        let page = zoe.get(&format!("/path?from={from}&to={to}")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let html = page.html();
        let read = |sel: &str| {
            html.select(&Selector::parse(sel).expect("a selector"))
                .next()
                .and_then(|e| e.value().attr("data-years"))
                .map(str::to_owned)
        };
        let headline = read("p.lead[data-years]").expect("the plan's median");
        let fan = read(&format!("tr[data-level='{to}']")).expect("the fan's row");
        assert_eq!(headline, fan, "{from} → {to}");
        assert!(
            page.texts("p.lead")
                .iter()
                .any(|t| t.starts_with("For anyone starting at")),
            "says whose years these are"
        );
    }
}
