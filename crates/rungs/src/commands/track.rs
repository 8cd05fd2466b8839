//! `rungs track [--answers <file>] [--save <file>]`: IC or manager, from the framework's questions.

use std::path::Path;

use anyhow::{Context, Result};
use rungs_core::Framework;
use rungs_core::trackfit::{self, Answer, Fit};

use super::Output;
use crate::prompt::Prompter;
use crate::source::{Invalid, read_limited};
use crate::text::{bullet, heading, paragraph};

pub(super) fn from_file(fw: &Framework, file: &Path, json: bool) -> Result<Output> {
    let bytes = read_limited(file, 1 << 20, "an answers file")?;
    let answers =
        trackfit::load_answers(&file.display().to_string(), &bytes, fw).map_err(Invalid)?;
    finish(fw, &answers, json)
}

pub(super) fn interactive(
    fw: &Framework,
    save: Option<&Path>,
    json: bool,
    prompt: &mut Prompter<'_>,
) -> Result<Output> {
    let factors = fw.track_choice();
    if factors.is_empty() {
        anyhow::bail!("the {} framework has no track questions", fw.name());
    }
    if !json {
        prompt.say(&format!(
            "Which track suits you? {} questions from the {} framework.\nAnswer with a number; Enter skips a question, q quits.\n",
            factors.len(),
            fw.name()
        ))?;
    }
    let mut answers = Vec::new();
    for (i, f) in factors.iter().enumerate() {
        let mut text = format!("\n{}/{} {}\n{}\n", i + 1, factors.len(), f.name, f.question);
        for (n, o) in f.options.iter().enumerate() {
            text.push_str(&format!("  {}) {}\n", n + 1, o.label));
        }
        prompt.say(&text)?;
        let count = f.options.len();
        let choice = prompt.ask_until("> ", |a| {
            if a.is_empty() {
                return Ok(None);
            }
            match a.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => Ok(Some(n - 1)),
                _ => Err(format!(
                    "type a number from 1 to {count}, or press Enter to skip"
                )),
            }
        })?;
        if let Some(c) = choice {
            let option = &f.options[c];
            prompt.say(&format!("  → {}\n", option.reason))?;
            answers.push(Answer {
                factor: f.id.clone(),
                option: option.id.clone(),
            });
        }
    }
    prompt.say("\n")?;
    if let Some(path) = save {
        std::fs::write(path, trackfit::answers_to_toml(fw, &answers))
            .with_context(|| format!("cannot write {}", path.display()))?;
        prompt.say(&format!("Saved your answers to {}.\n\n", path.display()))?;
    }
    finish(fw, &answers, json)
}

fn finish(fw: &Framework, answers: &[Answer], json: bool) -> Result<Output> {
    let fit = trackfit::fit(fw, answers);
    if json {
        return Output::json(&fit);
    }
    Ok(Output::text(render(fw, &fit)))
}

fn render(fw: &Framework, fit: &Fit) -> String {
    let mut out = String::new();
    paragraph(&mut out, &fit.summary, 0);
    let scores: Vec<String> = fit
        .scores
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                fw.track(&s.track)
                    .map_or(s.track.as_str(), |t| t.name.as_str()),
                s.answers
            )
        })
        .collect();
    paragraph(
        &mut out,
        &format!("Answers leaning each way: {}.", scores.join(", ")),
        0,
    );
    heading(&mut out, "Your answers");
    for r in &fit.reasons {
        let leans = r
            .leans
            .as_deref()
            .and_then(|t| fw.track(t))
            .map_or("neither way".to_owned(), |t| t.name.to_lowercase());
        let factor = fw
            .track_choice()
            .iter()
            .find(|f| f.id == r.factor)
            .map_or(r.factor.as_str(), |f| f.name.as_str());
        bullet(
            &mut out,
            &format!("{factor}: \"{}\" leans {leans}. {}", r.answer, r.reason),
            2,
        );
    }
    if !fit.unanswered.is_empty() {
        paragraph(
            &mut out,
            &format!("\nNot answered: {}.", fit.unanswered.join(", ")),
            0,
        );
    }
    if !fit.time_allocation.is_empty() {
        heading(&mut out, "How each track spends the week");
        for t in &fit.time_allocation {
            let name = fw
                .level(&t.level)
                .map_or(t.level.as_str(), |l| l.short_title.as_str());
            bullet(&mut out, &format!("{name}: {}", t.split), 2);
        }
    }
    for track in fw
        .tracks()
        .iter()
        .filter(|t| !t.shared && (!t.pros.is_empty() || !t.cons.is_empty()))
    {
        heading(
            &mut out,
            &format!("The {} track", track.name.to_lowercase()),
        );
        for p in &track.pros {
            bullet(&mut out, &format!("+ {p}"), 2);
        }
        for c in &track.cons {
            bullet(&mut out, &format!("- {c}"), 2);
        }
    }
    out
}
