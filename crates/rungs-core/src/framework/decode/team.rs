//! Decoding `[team]`: the target shape of a team and how calibration is judged.

use super::{at, each, within};
use crate::doc::Table;
use crate::framework::model::{Balance, Calibration, ShapeBand, TeamShape};

pub(super) fn team(t: &Table<'_>) -> TeamShape {
    let tolerance = t.number("tolerance");
    within(
        t,
        "tolerance",
        tolerance,
        0.0..=1.0,
        "a share runs from 0 to 1, e.g. 0.1 for ten points",
    );
    let bands = each(t, "shape", |b| {
        let name = b.need_text("name");
        let levels = b.need_ids("levels");
        let share = b.need("share", "0.3").and_then(|n| n.number());
        within(b, "share", share, 0.0..=1.0, "a share runs from 0 to 1");
        Some(ShapeBand {
            at: at(b),
            name: name?,
            levels,
            share: share?,
        })
    });
    let balance = t.table("balance").and_then(|b| {
        let track = b.need_id("track");
        let min = b.need("min", "0.15").and_then(|n| n.number());
        let max = b.need("max", "0.3").and_then(|n| n.number());
        within(&b, "min", min, 0.0..=1.0, "a share runs from 0 to 1");
        within(&b, "max", max, 0.0..=1.0, "a share runs from 0 to 1");
        b.finish();
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                b.sink().error_at(
                    &crate::doc::join(b.path(), "min"),
                    format!("`min` ({lo}) is above `max` ({hi})"),
                    Some("swap them".into()),
                );
            }
        }
        Some(Balance {
            track: track?,
            min: min?,
            max: max?,
        })
    });
    let calibration = t
        .table("calibration")
        .map(|c| {
            let default = Calibration::default();
            let min_assessments = c
                .count("min_assessments")
                .map_or(default.min_assessments, |v| {
                    u32::try_from(v).unwrap_or(u32::MAX)
                });
            let threshold = c.number("threshold");
            within(
                &c,
                "threshold",
                threshold,
                0.01..=10.0,
                "a number of ranks, such as 0.5",
            );
            c.finish();
            Calibration {
                min_assessments,
                threshold: threshold.unwrap_or(default.threshold),
            }
        })
        .unwrap_or_default();
    TeamShape {
        tolerance: tolerance.unwrap_or(0.1),
        bands,
        balance,
        calibration,
    }
}
