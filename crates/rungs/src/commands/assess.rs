//! `rungs assess <file> [--versus <file>]`: the level an assessment puts a person at, explained.

use std::path::Path;

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::assessment::Assessment;
use rungs_core::eval::{Assessed, Evaluator, Outcome, Versus};

use super::Output;
use crate::source;
use crate::text::{WIDTH, bullet, heading, paragraph, row};

pub(super) fn run(
    fw: &Framework,
    file: &Path,
    versus: Option<&Path>,
    json: bool,
) -> Result<Output> {
    let ev = Evaluator::new(fw);
    let a = source::assessment(file, fw)?;
    let other = match versus {
        Some(path) => Some(ev.versus(&a, &source::assessment(path, fw)?)?),
        None => None,
    };
    let assessed: Assessed = ev.assessed(&a, other);
    if json {
        return Output::json(&assessed);
    }
    let mut out = render(fw, &a, &assessed.outcome);
    if let Some(v) = &assessed.versus {
        render_versus(fw, &mut out, v);
    }
    Ok(Output::text(out))
}

/// The name of a level id, or the phrase for none.
pub(super) fn title(fw: &Framework, id: Option<&str>) -> String {
    match id.and_then(|id| fw.level(id)) {
        Some(l) => format!("{} ({})", l.title, l.id),
        None => format!(
            "below {}",
            fw.ladder()
                .first()
                .map_or("the first level", |l| l.short_title.as_str())
        ),
    }
}

pub(super) fn header(fw: &Framework, a: &Assessment, out: &mut String) {
    let kind = match a.assessor.kind.as_str() {
        "self" => "self-assessment".to_owned(),
        k => format!("{k} assessment by {}", a.assessor.name),
    };
    paragraph(out, &format!("{} · {kind}, {}", a.person, a.date), 0);
    let track = match fw.track(&a.track) {
        Some(t) if t.shared => "no track chosen yet".to_owned(),
        Some(t) => format!("{} track", t.name.to_lowercase()),
        None => format!("{} track", a.track),
    };
    paragraph(
        out,
        &format!("{} {} · {track}", fw.name(), a.framework_version),
        0,
    );
}

fn render(fw: &Framework, a: &Assessment, o: &Outcome) -> String {
    let mut out = String::new();
    header(fw, a, &mut out);
    out.push('\n');
    let widths = [14, WIDTH - 16];
    let level = match (o.rank, o.level.as_deref()) {
        (None, _) => "not enough rated to place a level".to_owned(),
        (_, id) => title(fw, id),
    };
    if let Some(held) = o.held.as_deref() {
        row(&mut out, &["Holds", &title(fw, Some(held))], &widths);
    }
    row(&mut out, &["Ratings show", &level], &widths);
    let next = match o.next_levels.as_slice() {
        [] => "none: the top of the ladder".to_owned(),
        ids => ids
            .iter()
            .map(|id| title(fw, Some(id)))
            .collect::<Vec<_>>()
            .join(" or "),
    };
    row(&mut out, &["Next rung", &next], &widths);
    out.push('\n');
    paragraph(&mut out, &o.verdict, 0);
    heading(&mut out, "Why");
    // The verdict stands above on its own; the reasons follow it.
    for line in o.explanation.iter().filter(|l| **l != o.verdict) {
        bullet(&mut out, line, 2);
    }
    heading(&mut out, "Competencies");
    let widths = [30, 16, WIDTH - 30 - 16 - 4];
    row(&mut out, &["", "Rating", "Level met"], &widths);
    for area in fw.areas() {
        out.push_str(&format!("  {}\n", area.name));
        for c in o.per_competency.iter().filter(|c| c.area == area.id) {
            let met = match (c.effective_rank, c.level.as_deref()) {
                (None, _) => "not assessed".to_owned(),
                (Some(_), Some(id)) => fw
                    .level(id)
                    .map_or(id.to_owned(), |l| l.short_title.clone()),
                (Some(_), None) => "below the first level".to_owned(),
            };
            row(
                &mut out,
                &[&format!("    {}", c.name), c.rating.as_str(), &met],
                &widths,
            );
        }
    }
    out
}

fn render_versus(fw: &Framework, out: &mut String, v: &Versus) {
    heading(
        out,
        &format!(
            "{} ({}) against {} ({})",
            v.first.assessor, v.first.kind, v.second.assessor, v.second.kind
        ),
    );
    let widths = [14, WIDTH - 16];
    row(
        out,
        &[&v.first.kind, &title(fw, v.first.level.as_deref())],
        &widths,
    );
    row(
        out,
        &[&v.second.kind, &title(fw, v.second.level.as_deref())],
        &widths,
    );
    out.push('\n');
    if v.differences.is_empty() {
        out.push_str("The two agree within a level on every competency.\n");
    } else {
        let widths = [30, 16, 16, WIDTH - 30 - 32 - 6];
        row(
            out,
            &[
                "Differ by a level or more",
                &v.first.kind,
                &v.second.kind,
                "Ranks",
            ],
            &widths,
        );
        for d in &v.differences {
            row(
                out,
                &[
                    &format!("  {}", d.name),
                    d.first.as_str(),
                    d.second.as_str(),
                    &format!("{:+}", d.ranks),
                ],
                &widths,
            );
        }
    }
    if !v.rated_by_one.is_empty() {
        paragraph(
            out,
            &format!("Rated by only one of them: {}.", v.rated_by_one.join(", ")),
            0,
        );
    }
}
