//! `rungs pay <level> [--stage <stage>]` and `rungs pay check`: a level's pay bands, and where an
//! amount sits in them. The rules are the core's (`rungs_core::pay`); this only prints.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::pay::{PayBands, Placement};

use rungs_app::ladder::{self, PayRequest};

use super::Output;
use super::server::said;
use crate::text::{self, WIDTH, paragraph, row};

/// `rungs pay check --level <id> [--stage <stage>] <amount>`.
pub(super) fn check(
    fw: &Framework,
    level: &str,
    stage: Option<&str>,
    zone: Option<&str>,
    amount: &str,
    json: bool,
) -> Result<Output> {
    let req = PayRequest {
        level: level.to_owned(),
        stage: stage.map(str::to_owned),
        zone: zone.map(str::to_owned),
    };
    let placed = ladder::pay_check(fw, &req, amount).map_err(said)?;
    if json {
        return Output::json(&placed);
    }
    Ok(Output::text(render_check(fw, &placed)))
}

fn render_check(fw: &Framework, p: &Placement) -> String {
    let cur = p.currency.as_str();
    let mut out = String::new();
    for (i, s) in p.stages.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let stage_name = fw
            .find_stage(&s.band.stage)
            .map_or(s.band.stage_name.clone(), |st| st.name.clone());
        paragraph(
            &mut out,
            &format!(
                "{} for {} at {} (band {}):",
                text::money(p.amount, cur),
                p.title,
                text::article(&stage_name.to_lowercase()),
                text::range(&s.band.range(), cur)
            ),
            0,
        );
        let c = &s.check;
        let verdict = s.verdict_text(cur);
        paragraph(&mut out, &verdict, 0);
        paragraph(
            &mut out,
            &format!(
                "Compa-ratio {:.2} (the amount ÷ the band's midpoint, {}).",
                c.compa_ratio,
                text::money(s.band.midpoint, cur)
            ),
            0,
        );
    }
    out.push('\n');
    paragraph(
        &mut out,
        &format!(
            "Pay zone: {}; the amount is taken to be in {cur}.",
            p.zone_name
        ),
        0,
    );
    out
}

pub(super) fn run(
    fw: &Framework,
    level: &str,
    stage: Option<&str>,
    zone: Option<&str>,
    json: bool,
) -> Result<Output> {
    let req = PayRequest {
        level: level.to_owned(),
        stage: stage.map(str::to_owned),
        zone: zone.map(str::to_owned),
    };
    let bands = ladder::pay_bands(fw, &req).map_err(said)?;
    if json {
        return Output::json(&bands);
    }
    Ok(Output::text(render_bands(&bands, stage.is_none())))
}

fn render_bands(b: &PayBands, every_stage: bool) -> String {
    let mut out = String::new();
    paragraph(&mut out, &format!("{} ({})", b.title, b.level), 0);
    let industry = b
        .industry
        .as_deref()
        .map(|i| format!(" · {i}"))
        .unwrap_or_default();
    paragraph(
        &mut out,
        &format!("Typical {}{industry}, {}", b.basis, b.year),
        0,
    );
    paragraph(&mut out, &format!("Pay zone: {}.", b.zone_name), 0);
    out.push('\n');
    let widths = [22, 26, WIDTH - 22 - 26 - 4];
    row(&mut out, &["Company stage", "Band", "Midpoint"], &widths);
    for s in &b.bands {
        row(
            &mut out,
            &[
                &s.stage_name,
                &text::range(&s.range(), &b.currency),
                &text::money(s.midpoint, &b.currency),
            ],
            &widths,
        );
    }
    if b.bands.iter().any(|s| s.open_ended) {
        out.push_str("\n+ the top of the band is open: pay can go higher.\n");
    }
    if !b.shared_with.is_empty() {
        out.push('\n');
        paragraph(
            &mut out,
            &format!("The same band pays {}.", b.shared_with.join(", ")),
            0,
        );
    }
    if !b.notes.is_empty() && every_stage {
        out.push('\n');
        for n in &b.notes {
            text::bullet(&mut out, n, 0);
        }
    }
    out
}
