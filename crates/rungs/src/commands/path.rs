//! `rungs path --from <level> --to <level>` and `rungs path --from <level> --explore`.

use anyhow::{Result, bail};
use rungs_app::ladder::{self, DestinationsRequest, PathRequest};
use rungs_core::Framework;
use rungs_core::eval::Evaluator;
use rungs_core::path::{self, Explore, PathPlan, Percentiles};

use super::Output;
use super::server::said;
use crate::cli::Command;
use crate::source;
use crate::text::{self, WIDTH, bullet, heading, paragraph, row};

pub(super) fn run(fw: &Framework, cmd: Command, json: bool) -> Result<Output> {
    let Command::Path {
        from,
        to,
        explore,
        track,
        stage,
        assessment,
        seed,
        runs,
        routes,
    } = cmd
    else {
        bail!("not a path command");
    };
    let ev = Evaluator::new(fw);
    let assessed = match &assessment {
        Some(p) => Some(source::assessment(p, fw)?),
        None => None,
    };
    let from = match (from.as_deref(), &assessed) {
        (Some(name), _) => fw.find_level(name)?,
        (None, Some(a)) => {
            let held = a
                .current_level
                .as_ref()
                .map(ToString::to_string)
                .or_else(|| ev.outcome(a).level);
            match held.as_deref().and_then(|id| fw.level(id)) {
                Some(l) => l,
                None => bail!("the assessment names no level to start from; pass --from"),
            }
        }
        (None, None) => {
            bail!("say where to start: --from <level>, or --assessment <file> with a level")
        }
    };
    let from_index = from.pos();
    if explore {
        let req = DestinationsRequest {
            from: from.id.clone(),
            track: track.clone(),
            seed: Some(seed),
            runs: Some(runs),
        };
        let e = ladder::destinations(fw, &req).map_err(said)?;
        return if json {
            Output::json(&e)
        } else {
            Ok(Output::text(render_explore(fw, &e)))
        };
    }
    let Some(to) = to else {
        bail!("say where to go: --to <level>, or --explore for every destination");
    };
    let to_index = ladder::level(fw, &to, "?to").map_err(said)?.pos();
    // From an assessment, the first rung counts only what is still to close towards its next level.
    let head_start = assessed.as_ref().and_then(|a| {
        let first = path::routes(fw, from_index, to_index, 1)
            .into_iter()
            .next()?;
        Some(ev.head_start(a, *first.get(1)?))
    });
    let req = PathRequest {
        from: from.id.clone(),
        to,
        track,
        stage: stage.clone(),
        seed: Some(seed),
        runs: Some(runs),
        routes: Some(routes),
        head_start,
    };
    let plan = ladder::path(fw, &req).map_err(said)?;
    if json {
        return Output::json(&plan);
    }
    Ok(Output::text(render(fw, &plan, stage.as_deref())))
}

fn years(y: &Percentiles) -> String {
    format!(
        "P10 {:.1} · P50 {:.1} · P90 {:.1} years",
        y.p10, y.p50, y.p90
    )
}

fn name(fw: &Framework, id: &str) -> String {
    fw.level(id)
        .map_or(id.to_owned(), |l| l.short_title.clone())
}

fn render(fw: &Framework, p: &PathPlan, stage: Option<&str>) -> String {
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "From {} to {}",
            super::assess::title(fw, Some(&p.from)),
            super::assess::title(fw, Some(&p.to))
        ),
        0,
    );
    paragraph(&mut out, &format!("Fastest route: {}", years(&p.years)), 0);
    let runs = text::money(p.runs as u64, "").trim().to_owned();
    paragraph(
        &mut out,
        &format!("({runs} runs per route, seed {}; --seed to vary)", p.seed),
        0,
    );
    if let Some(h) = &p.head_start {
        paragraph(
            &mut out,
            &format!("Started from the assessment: {}.", h.reason),
            0,
        );
    }
    let comp = fw.compensation();
    for (i, route) in p.details.iter().enumerate() {
        let names: Vec<String> = route.levels.iter().map(|l| name(fw, l)).collect();
        heading(&mut out, &format!("Route {}: {}", i + 1, names.join(" → ")));
        paragraph(&mut out, &years(&route.years), 2);
        if !route.reading.is_empty() {
            paragraph(&mut out, &route.reading, 2);
        }
        let widths = [26, 24, WIDTH - 26 - 24 - 4];
        for step in &route.steps {
            let wait = step.wait.as_ref().map_or("no stated time".to_owned(), |y| {
                format!("{} on {}", text::years(y), name(fw, &step.from))
            });
            let pay = match (step.pay, comp) {
                (Some(r), Some(c)) => text::range_short(&r, &c.currency),
                _ => String::new(),
            };
            let kind = step.kind.as_str().replace('-', " ");
            row(
                &mut out,
                &[&format!("  → {} ({kind})", name(fw, &step.to)), &wait, &pay],
                &widths,
            );
        }
    }
    if let (Some(s), Some(c)) = (stage, comp) {
        let stage_name = c
            .stages
            .iter()
            .find(|x| x.id == s)
            .map_or(s, |x| x.name.as_str());
        out.push('\n');
        paragraph(
            &mut out,
            &format!(
                "Pay: {} at a {}, {} {}.",
                c.basis,
                stage_name.to_lowercase(),
                c.currency,
                c.year
            ),
            0,
        );
    }
    if !p.notes.is_empty() {
        out.push('\n');
        for n in &p.notes {
            bullet(&mut out, n, 0);
        }
    }
    out
}

fn render_explore(fw: &Framework, e: &Explore) -> String {
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!("Where {} can lead", super::assess::title(fw, Some(&e.from))),
        0,
    );
    if e.ladder.is_empty() {
        paragraph(&mut out, "\nNo rung of the ladder lies beyond this one.", 0);
    } else {
        heading(&mut out, "On the ladder (fastest route, median years)");
        let widths = [36, 10, WIDTH - 36 - 10 - 4];
        for d in &e.ladder {
            let steps = format!("{} step{}", d.steps, if d.steps == 1 { "" } else { "s" });
            row(
                &mut out,
                &[
                    &format!("  {}", super::assess::title(fw, Some(&d.level))),
                    &steps,
                    &format!("~{:.1} years", d.years.p50),
                ],
                &widths,
            );
        }
    }
    for (title, topics) in [
        ("Beyond the top", &e.executive_paths),
        ("Adjacent roles", &e.adjacent_roles),
        ("Entrepreneurial paths", &e.entrepreneurial_paths),
        ("Industry transitions", &e.industry_transitions),
    ] {
        if topics.is_empty() {
            continue;
        }
        heading(&mut out, title);
        for t in topics {
            bullet(&mut out, &format!("{}: {}", t.name, t.summary), 2);
        }
    }
    out
}
