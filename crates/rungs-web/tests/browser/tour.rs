//! The screenshot tour: every page of the demo organization, for every role, at a desktop's
//! width (1280 px) and a phone's (390 px), reached by following the links a person sees from
//! the start page. On each: no sideways scroll of the page (wide tables and charts scroll in
//! their own region), no text drawn under 12 px (SVG text at the size it is drawn), buttons at
//! least 44 px tall on the phone, and no axe-core WCAG 2.2 A/AA violation. Every problem on
//! every page is listed before the test fails. With `RUNGS_SCREENSHOTS=<dir>` each page is
//! saved whole as `<dir>/tour/<role>-<page>-<width>.png` (`scripts/screenshots.sh`).

use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;

use rungs_app::DemoSeed;
use serde_json::Value;

use super::support::Site;
use super::webdriver::{Driver, Session};
use super::{axe, serve, sign_in_with, tools};

/// At most this many kinds of page per role: enough for every page, bounded for CI's time.
const MOST_PAGES: usize = 70;

/// What the tour measures on the page at the current width.
const MEASURE: &str = r"
// The width the page may use: the window's, less any scroll bar.
const width = Math.min(document.documentElement.clientWidth, WIDTH);
const overflow = document.documentElement.scrollWidth - width;
const small = [];
const seen = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const text = walker.currentNode.textContent.trim();
  const el = walker.currentNode.parentElement;
  if (!text || !el || seen.has(el) || !el.getClientRects().length) continue;
  if (el.closest('.visually-hidden')) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden') continue;
  let px = parseFloat(style.fontSize);
  if (el instanceof SVGElement && el.getScreenCTM()) {
    const m = el.getScreenCTM();
    px *= Math.hypot(m.a, m.b);
  }
  if (px < 11.95) {
    seen.add(el);
    small.push(`${el.tagName.toLowerCase()} at ${px.toFixed(1)} px: ${text.slice(0, 40)}`);
  }
}
const tiny = [];
if (width < 600) {
  for (const b of document.querySelectorAll('button, .button, input[type=submit], input[type=button]')) {
    const r = b.getBoundingClientRect();
    if (r.width && r.height < 43.5) tiny.push(`${(b.textContent || b.value).trim().slice(0, 30)} (${r.height.toFixed(0)} px)`);
  }
}
const wide = [];
if (overflow > 1) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !(el.parentElement && el.parentElement.closest('.table-scroll, .chart-frame'))) {
      wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} to ${r.right.toFixed(0)} px`);
      if (wide.length > 3) break;
    }
  }
}
return { overflow, small: small.slice(0, 6), tiny: tiny.slice(0, 6), wide };
";

/// The same page for another person, level or filter is the same kind of page:
/// `/people/{id}/gap?to`.
fn kind(path_and_query: &str) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut path: Vec<String> = path.split('/').map(str::to_owned).collect();
    for i in 1..path.len() {
        let named = [
            "levels",
            "people",
            "cycles",
            "assessments",
            "users",
            "invite",
        ]
        .contains(&path[i - 1].as_str());
        if named || path[i].chars().any(|c| c.is_ascii_digit()) {
            "{id}".clone_into(&mut path[i]);
        }
    }
    let mut keys: Vec<String> = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| {
            let (k, v) = q.split_once('=').unwrap_or((q, ""));
            // These choose another part of the page; any other value shows the same page
            // for another level, person or filter.
            if matches!(k, "what" | "section" | "step") {
                format!("{k}={v}")
            } else {
                k.to_owned()
            }
        })
        .filter(|k| !matches!(k.as_str(), "page" | "sort" | "managers"))
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        path.join("/")
    } else {
        format!("{}?{}", path.join("/"), keys.join("&"))
    }
}

/// A file name for a page's picture.
fn slug(kind: &str) -> String {
    let s: String = kind
        .trim_start_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').replace("--", "-");
    if s.is_empty() { "start".into() } else { s }
}

/// The links on the page worth following: this site's pages, not files, not signing out.
async fn links(s: &Session, base: &str) -> Vec<String> {
    let v = s
        .run("return [...document.querySelectorAll('a[href]')].map(a => a.href);")
        .await;
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|h| h.strip_prefix(base))
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("/static/"))
        .filter(|h| {
            let path = h.split('?').next().unwrap_or_default();
            ![".csv", ".json", ".md", ".toml", ".xlsx", ".pdf", ".ods"]
                .iter()
                .any(|e| path.ends_with(e))
                && !path.ends_with("/source")
                && !path.ends_with("/sheet")
                && !path.ends_with("/template")
        })
        .collect()
}

/// Checks one page at one width; what is wrong, each said with the page and the width.
async fn check(s: &Session, axe_source: &str, page: &str, width: u32) -> Vec<String> {
    let mut problems = Vec::new();
    let m = s.run(&MEASURE.replace("WIDTH", &width.to_string())).await;
    let overflow = m["overflow"].as_f64().unwrap_or(0.0);
    if overflow > 1.0 {
        problems.push(format!(
            "{page} at {width} px: the page scrolls sideways by {overflow} px ({})",
            m["wide"]
        ));
    }
    for (key, what) in [
        ("small", "text under 12 px"),
        ("tiny", "buttons under 44 px"),
    ] {
        if m[key].as_array().is_some_and(|a| !a.is_empty()) {
            problems.push(format!("{page} at {width} px: {what}: {}", m[key]));
        }
    }
    if width >= 600 {
        s.run("document.querySelectorAll('details').forEach(d => d.open = true); return 1;")
            .await;
    }
    for v in axe(s, axe_source).await {
        problems.push(format!("{page} at {width} px: {v}"));
    }
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_for_every_role_reads_on_a_phone_and_a_desktop() {
    let Some(t) = tools() else { return };
    let site = Site::empty().await;
    let accounts = site
        .state
        .app
        .seed_demo(DemoSeed::default())
        .await
        .expect("the demo");
    let base = serve(&site).await;
    let profile = tempfile::tempdir().expect("a profile directory");
    let driver = Driver::start(&t.chromedriver).await;
    let s = driver.session(&t.chromium, profile.path()).await;
    let shots = std::env::var_os("RUNGS_SCREENSHOTS").map(|d| PathBuf::from(d).join("tour"));
    if let Some(dir) = &shots {
        std::fs::create_dir_all(dir).expect("the tour's directory");
    }

    let mut problems = Vec::new();
    let mut roles: Vec<(&str, Option<&rungs_app::DemoAccount>)> = vec![("visitor", None)];
    roles.extend(
        ["admin", "member", "manager"]
            .into_iter()
            .zip(accounts.iter().map(Some)),
    );
    for (role, account) in roles {
        s.forget_cookies().await;
        s.width(1280).await;
        if let Some(a) = account {
            sign_in_with(&s, &base, &a.email, &a.password).await;
        }
        let mut queue: VecDeque<String> = VecDeque::from(["/".to_owned()]);
        let mut kinds = BTreeSet::new();
        let mut visited = 0;
        while let Some(page) = queue.pop_front() {
            if !kinds.insert(kind(&page)) {
                continue;
            }
            if visited == MOST_PAGES {
                problems.push(format!(
                    "{role}: more than {MOST_PAGES} kinds of page; the tour stopped before {page}"
                ));
                break;
            }
            visited += 1;
            for width in [1280, 390] {
                s.width(width).await;
                s.go(&format!("{base}{page}")).await;
                if width == 1280 {
                    queue.extend(links(&s, &base).await);
                }
                if let Some(dir) = &shots {
                    let name = format!("{role}-{}-{width}.png", slug(&kind(&page)));
                    std::fs::write(dir.join(name), s.full_screenshot().await).expect("a picture");
                }
                problems.extend(check(&s, &t.axe, &format!("{role} {page}"), width).await);
            }
        }
        println!("tour: {role}: {visited} kinds of page");
    }
    s.close().await;
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
