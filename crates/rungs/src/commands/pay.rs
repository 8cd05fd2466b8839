//! `rungs pay <level> [--stage <stage>]`: a level's pay band.

use anyhow::{Result, bail};
use rungs_core::{Framework, browse};

use super::Output;
use crate::text::{self, WIDTH, paragraph, row};

/// `rungs pay check --level <id> --stage <stage> <amount>`.
pub(super) fn check(
    fw: &Framework,
    level: &str,
    stage: &str,
    amount: &str,
    json: bool,
) -> Result<Output> {
    let level = fw.find_level(level)?;
    let stage = fw.find_stage(stage)?;
    let Some(comp) = fw.compensation() else {
        bail!("the {} framework has no pay data", fw.name());
    };
    let Some(value) = rungs_core::pay::parse_amount(amount) else {
        bail!("\"{amount}\" is not an amount; write it like 185000, 185,000, $185K or 1.2M");
    };
    let Some(range) = fw.pay(&level.id, &stage.id) else {
        bail!("{} has no pay band at stage `{}`", level.id, stage.id);
    };
    let c = rungs_core::pay::check(&range, value);
    if json {
        return Output::json(&browse::Placed {
            level: &level.id,
            stage: &stage.id,
            currency: &comp.currency,
            min: range.min,
            max: range.max,
            open_ended: range.open_ended,
            check: c,
        });
    }
    let cur = comp.currency.as_str();
    let mut out = String::new();
    paragraph(
        &mut out,
        &format!(
            "{} for {} at a {} (band {}):",
            text::money(value, cur),
            level.title,
            stage.name.to_lowercase(),
            text::range(&range, cur)
        ),
        0,
    );
    let verdict = match c.verdict {
        rungs_core::pay::Verdict::Below => format!(
            "below the band, {} under its minimum.",
            text::money(c.outside_by, cur)
        ),
        rungs_core::pay::Verdict::Above => format!(
            "above the band, {} over its maximum.",
            text::money(c.outside_by, cur)
        ),
        rungs_core::pay::Verdict::Within if value > range.max => {
            "within the band: above its listed top, which is open-ended.".to_owned()
        }
        rungs_core::pay::Verdict::Within => format!(
            "within the band, {:.0}% of the way from its minimum to its maximum.",
            c.position
        ),
    };
    paragraph(&mut out, &verdict, 0);
    paragraph(
        &mut out,
        &format!(
            "Compa-ratio {:.2} (the amount ÷ the band's midpoint, {}).",
            c.compa_ratio,
            text::money(range.midpoint(), cur)
        ),
        0,
    );
    Ok(Output::text(out))
}

pub(super) fn run(fw: &Framework, level: &str, stage: Option<&str>, json: bool) -> Result<Output> {
    let level = fw.find_level(level)?;
    let Some(comp) = fw.compensation() else {
        bail!(
            "the {} framework has no pay data; add a [compensation] section to it",
            fw.name()
        );
    };
    let stages = match stage {
        Some(s) => vec![fw.find_stage(s)?],
        None => comp.stages.iter().collect(),
    };
    let bands: Vec<browse::Band<'_>> = stages
        .iter()
        .filter_map(|s| browse::band(fw, level, s))
        .collect();
    if bands.is_empty() {
        match stage {
            Some(s) => bail!(
                "{} has no pay band at stage `{s}` in this framework",
                level.id
            ),
            None => bail!("{} has no pay band in this framework", level.id),
        }
    }
    if json {
        return match (stage, bands.as_slice()) {
            (Some(_), [one]) => Output::json(one),
            _ => Output::json(&bands),
        };
    }
    let mut out = String::new();
    paragraph(&mut out, &format!("{} ({})", level.title, level.id), 0);
    let industry = comp
        .industry
        .as_deref()
        .map(|i| format!(" · {i}"))
        .unwrap_or_default();
    paragraph(
        &mut out,
        &format!(
            "Typical {}, {}{industry}, {} {}",
            comp.basis, comp.region, comp.currency, comp.year
        ),
        0,
    );
    out.push('\n');
    let widths = [22, 26, WIDTH - 22 - 26 - 4];
    row(&mut out, &["Company stage", "Band", "Midpoint"], &widths);
    for b in &bands {
        let range = rungs_core::framework::PayRange {
            min: b.min,
            max: b.max,
            open_ended: b.open_ended,
        };
        row(
            &mut out,
            &[
                b.stage_name,
                &text::range(&range, b.currency),
                &text::money(b.midpoint, b.currency),
            ],
            &widths,
        );
    }
    if bands.iter().any(|b| b.open_ended) {
        out.push_str("\n+ the top of the band is open: pay can go higher.\n");
    }
    if let Some(b) = bands.first().filter(|b| !b.shared_with.is_empty()) {
        out.push('\n');
        paragraph(
            &mut out,
            &format!("The same band pays {}.", b.shared_with.join(", ")),
            0,
        );
    }
    if !comp.notes.is_empty() && stage.is_none() {
        out.push('\n');
        for n in &comp.notes {
            text::bullet(&mut out, n, 0);
        }
    }
    Ok(Output::text(out))
}
