//! A team report as a Markdown document.

use std::fmt::Write as _;

use rungs_core::team::{Block, Report};

use crate::escape::{md, md_cell};

/// The report as Markdown.
pub fn report(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}", report.title(), report.subtitle());
    for s in report.sections() {
        let _ = writeln!(out, "\n## {}", s.title);
        for b in &s.blocks {
            out.push('\n');
            match b {
                Block::Text(t) => {
                    let _ = writeln!(out, "{}", md(t));
                }
                Block::Explain(t) => {
                    let _ = writeln!(out, "_{}_", md(t));
                }
                Block::Numbered(items) => {
                    for (i, f) in items.iter().enumerate() {
                        let _ = writeln!(out, "{}. {}", i + 1, md(f));
                    }
                }
                Block::Table { head, rows, more } => {
                    let cell = md_cell;
                    let _ = writeln!(
                        out,
                        "| {} |\n|{}",
                        head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "),
                        "---|".repeat(head.len())
                    );
                    for r in rows {
                        let _ = writeln!(
                            out,
                            "| {} |",
                            r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                        );
                    }
                    if *more > 0 {
                        let _ = writeln!(out, "\n…and {more} more.");
                    }
                }
            }
        }
    }
    out
}
