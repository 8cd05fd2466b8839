//! `rungs levels`: the whole ladder as a picture, tracks side by side.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::browse;
use rungs_core::framework::{Level, Track, Years};

use super::Output;
use crate::text::{self, WIDTH, pad};

pub(super) fn run(fw: &Framework, json: bool) -> Result<Output> {
    if json {
        let list = browse::summaries(fw);
        return Output::json(&list);
    }
    Ok(Output::text(picture(fw)))
}

/// The label column holding the rank, and the gap between track columns.
const LABEL: usize = 6;
const GAP: usize = 4;

fn picture(fw: &Framework) -> String {
    let mut out = String::new();
    let trunk = fw.tracks().iter().find(|t| t.shared);
    let branches: Vec<&Track> = fw
        .tracks()
        .iter()
        .filter(|t| !t.shared && fw.levels().iter().any(|l| l.track == t.id))
        .collect();
    out.push_str(&format!(
        "{} ladder · version {}\n",
        fw.name(),
        fw.version()
    ));
    let tracks: Vec<String> = fw.tracks().iter().map(|t| t.name.to_lowercase()).collect();
    out.push_str(&format!(
        "{} levels on {} track{}: {}\n",
        fw.levels().len(),
        tracks.len(),
        if tracks.len() == 1 { "" } else { "s" },
        text::and_list(&tracks)
    ));

    let columns = branches.len().max(1);
    let col = (WIDTH - LABEL - GAP * (columns - 1)) / columns;
    let top = fw.levels().iter().map(|l| l.rank).max().unwrap_or(0);
    let mut header_done = false;
    let mut last_was_branch = false;
    for rank in (1..=top).rev() {
        let cells: Vec<Option<&Level>> = branches
            .iter()
            .map(|t| {
                fw.levels()
                    .iter()
                    .find(|l| l.rank == rank && l.track == t.id)
            })
            .collect();
        if cells.iter().any(Option::is_some) {
            if !header_done {
                out.push('\n');
                let names: Vec<String> = branches.iter().map(|t| t.name.clone()).collect();
                let rules: Vec<String> = branches.iter().map(|_| "─".repeat(col)).collect();
                for (first, cells) in [("rank", names), ("────", rules)] {
                    let mut line = pad(first, LABEL);
                    for (i, c) in cells.iter().enumerate() {
                        line.push_str(&pad(c, col));
                        if i + 1 < cells.len() {
                            line.push_str(&" ".repeat(GAP));
                        }
                    }
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
                header_done = true;
            }
            branch_row(fw, &mut out, rank, &cells, col);
            last_was_branch = true;
        }
        let shared = fw
            .levels()
            .iter()
            .filter(|l| l.rank == rank && trunk.is_some_and(|t| t.id == l.track));
        for level in shared {
            if last_was_branch || !header_done {
                out.push('\n');
                if let Some(t) = trunk {
                    let split = if branches.is_empty() {
                        ""
                    } else {
                        ", below the split"
                    };
                    let title = format!("──── {}{split} ", t.name);
                    out.push_str(&format!(
                        "{title}{}\n",
                        "─".repeat(WIDTH.saturating_sub(text::width(&title)))
                    ));
                }
                header_done = true;
                last_was_branch = false;
            }
            let body = WIDTH - LABEL;
            let mut lines = text::wrap(&format!("{}  ({})", level.title, level.id), body);
            lines.extend(text::wrap(&details(fw, level), body));
            for (i, line) in lines.iter().enumerate() {
                let label = if i == 0 {
                    format!("{rank:>4}")
                } else {
                    String::new()
                };
                out.push_str(&format!("{}{line}\n", pad(&label, LABEL)));
            }
        }
    }
    out.push_str("\n══ joins parallel levels: the same rank on different tracks.\n");
    out.push_str("More: `rungs level <id>` for one level, `rungs compare <a> <b>` for two.\n");
    out
}

fn branch_row(fw: &Framework, out: &mut String, rank: u32, cells: &[Option<&Level>], col: usize) {
    // Each cell is the level's title and id, then its years, wrapped to the column; ══ in the
    // gap between parallel neighbours on the first line.
    let blocks: Vec<Vec<String>> = cells
        .iter()
        .map(|cell| match cell {
            Some(l) => {
                let full = format!("{}  ({})", l.title, l.id);
                let name = if text::width(&full) <= col {
                    full
                } else {
                    format!("{}  ({})", l.short_title, l.id)
                };
                let mut lines = text::wrap(&name, col);
                lines.extend(text::wrap(&details(fw, l), col));
                lines
            }
            None => Vec::new(),
        })
        .collect();
    let height = blocks.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..height {
        let mut line = pad(
            &if i == 0 {
                format!("{rank:>4}")
            } else {
                String::new()
            },
            LABEL,
        );
        for (j, block) in blocks.iter().enumerate() {
            let cell = block.get(i).map_or("", String::as_str);
            if j + 1 == blocks.len() {
                line.push_str(cell);
                continue;
            }
            line.push_str(&pad(cell, col));
            let joined = i == 0
                && matches!((cells[j], cells.get(j + 1)), (Some(a), Some(Some(b))) if a.parallel.as_deref() == Some(&b.id));
            line.push_str(if joined { " ══ " } else { "    " });
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// "5–8 yrs exp · 2–3 yrs on rung"; time on the rung only where a promotion leads on.
fn details(fw: &Framework, level: &Level) -> String {
    let short = |y: &Years| text::years(y).replace("years", "yrs").replace("year", "yr");
    let mut parts = Vec::new();
    if let Some(e) = level.experience.first() {
        parts.push(format!("{} exp", short(e)));
    }
    let leads_on = fw.steps().iter().any(|(from, to, _)| {
        *from == level.id && fw.level(to).is_some_and(|t| t.rank > level.rank)
    });
    if let Some(y) = level.years_on_rung.as_ref().filter(|_| leads_on) {
        parts.push(format!("{} on rung", short(y)));
    }
    if let Some(y) = &level.years_to_reach {
        parts.push(format!("reached in {}", short(y)));
    }
    parts.join(" · ")
}
