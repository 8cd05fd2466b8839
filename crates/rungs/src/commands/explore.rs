//! `rungs explore [what]`: the specializations, generalist or specialist, industry variations
//! and the ways in, from the framework.

use anyhow::Result;
use rungs_core::Framework;
use rungs_core::browse::explore::{self, Explored};

use super::Output;
use crate::text::{bullet, heading, paragraph};

pub(super) fn run(fw: &Framework, what: Option<&str>, json: bool) -> Result<Output> {
    let found = explore::explore(fw, what)?;
    if json {
        return Output::json(&found);
    }
    Ok(Output::text(render(&found, what.is_none())))
}

fn render(sections: &[Explored], all: bool) -> String {
    let mut out = String::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        paragraph(&mut out, &s.name, 0);
        paragraph(&mut out, &s.summary, 0);
        for e in &s.entries {
            heading(&mut out, &e.name);
            paragraph(&mut out, &e.summary, 2);
            for p in &e.points {
                bullet(&mut out, p, 2);
            }
            if !e.examples.is_empty() {
                bullet(
                    &mut out,
                    &format!("For example: {}.", e.examples.join(", ")),
                    2,
                );
            }
            if !e.title_words.is_empty() {
                bullet(
                    &mut out,
                    &format!(
                        "In a job title: {} (`rungs title` reads it).",
                        e.title_words
                            .iter()
                            .map(|w| format!("\"{w}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    2,
                );
            }
        }
    }
    if all {
        out.push('\n');
        paragraph(
            &mut out,
            "`rungs explore <section or id>` shows one; `rungs path --from <level> --explore` shows the rungs and roles a level leads to.",
            0,
        );
    }
    out
}
