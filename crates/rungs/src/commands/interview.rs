//! `rungs assess --new`: an assessment written by answering questions in the terminal.
//!
//! For each competency it shows the expectations at and around the person's level (the level
//! they hold, then their last answer), takes a rating and optional evidence, then asks about the
//! milestones of the next step, and writes a TOML file that `rungs assess` reads.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rungs_core::Framework;
use rungs_core::assessment::{
    self, Assessment, Assessor, AssessorKind, MilestoneMet, Rated, Rating,
};
use rungs_core::date::Date;
use rungs_core::eval::Evaluator;

use super::Output;
use crate::prompt::Prompter;

fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        "assessment".to_owned()
    } else {
        words.join("-")
    }
}

pub(super) fn run(
    fw: &Framework,
    out: Option<&Path>,
    date: Option<&str>,
    p: &mut Prompter<'_>,
) -> Result<Output> {
    let date = match date {
        Some(d) => d
            .parse::<Date>()
            .map_err(|e| anyhow::anyhow!("--date {d}: {e}"))?,
        None => rungs_core::Date::today(),
    };
    p.say(&format!(
        "New assessment · {} {}\nAnswer each question and press Enter; q quits without saving.\n\n",
        fw.name(),
        fw.version()
    ))?;
    let person = p.ask_until("Whose assessment is this? Their name: ", |a| {
        if a.is_empty() {
            Err("a name is needed".to_owned())
        } else {
            Ok(a.to_owned())
        }
    })?;
    let kinds = [AssessorKind::Own, AssessorKind::Manager, AssessorKind::Peer];
    let kind = kinds[p.choose(
        "Who is assessing? 1) self  2) manager  3) peer [1]: ",
        3,
        Some(0),
    )?];
    let assessor_name = if kind == AssessorKind::Own {
        person.clone()
    } else {
        p.ask_until("The assessor's name: ", |a| {
            if a.is_empty() {
                Err("a name is needed".to_owned())
            } else {
                Ok(a.to_owned())
            }
        })?
    };
    let tracks = fw.tracks();
    let mut menu = format!("Which track is {person} on, or aiming for?\n");
    for (i, t) in tracks.iter().enumerate() {
        menu.push_str(&format!("  {}) {}\n", i + 1, t.name));
    }
    p.say(&menu)?;
    let track = &tracks[p.choose(&format!("Track [1-{}]: ", tracks.len()), tracks.len(), None)?];
    let ev = Evaluator::new(fw);
    let t = ev.track_index(&track.id).unwrap_or_default();
    let held = p.ask_until(
        &format!("Which level does {person} hold today? (id, title or alias; Enter to skip): "),
        |a| {
            if a.is_empty() {
                return Ok(None);
            }
            fw.find_level(a)
                .map(|l| Some(l.id.clone()))
                .map_err(|e| e.to_string())
        },
    )?;

    // The person's ladder: the trunk and their track, by rank.
    let ladder: Vec<&rungs_core::framework::Level> = fw
        .ladder()
        .into_iter()
        .filter(|l| ev.on_ladder(t, l.pos()))
        .collect();
    p.say(&format!(
        "\nRate each competency with the highest level whose expectation {person} meets.\n\
         Type a number, or a level id, b for below the first level, n for not assessed.\n\
         ? lists every level. Enter keeps the suggestion in brackets.\n"
    ))?;
    let mut suggestion: Option<String> = held.clone();
    let mut ratings = Vec::new();
    let total = fw.competencies().count();
    for (i, (area, comp)) in fw.competencies().enumerate() {
        let around = suggestion
            .as_deref()
            .and_then(|s| fw.level(s))
            .map_or(1, |l| l.rank);
        let show = |all: bool| {
            let mut text = String::new();
            for l in ladder
                .iter()
                .filter(|l| all || l.rank + 1 >= around && l.rank <= around + 1)
            {
                let expectation = fw.expectation(comp, &l.id).unwrap_or_default();
                text.push_str(&format!(
                    "  {}  {:<14} {}\n",
                    l.rank, l.short_title, expectation
                ));
            }
            text
        };
        p.say(&format!(
            "\n[{}/{total}] {} · {}\n{}",
            i + 1,
            area.name,
            comp.name,
            show(false)
        ))?;
        let default = suggestion.clone().map_or(String::new(), |s| {
            format!(
                " [{}]",
                fw.level(&s).map_or(s.clone(), |l| l.rank.to_string())
            )
        });
        let rating = loop {
            let answer = p.ask(&format!("Rating{default}: "))?;
            match answer.as_str() {
                "?" => {
                    p.say(&show(true))?;
                    continue;
                }
                "" => match &suggestion {
                    Some(s) => break Rating::Level(s.clone()),
                    None => {
                        p.say("  type a number, a level id, b or n\n")?;
                        continue;
                    }
                },
                "b" | "below" => break Rating::Below,
                "n" | "not-assessed" => break Rating::NotAssessed,
                text => {
                    let by_rank = text
                        .parse::<u32>()
                        .ok()
                        .and_then(|r| ladder.iter().find(|l| l.rank == r));
                    match by_rank
                        .map(|l| l.id.clone())
                        .or_else(|| fw.find_level(text).ok().map(|l| l.id.clone()))
                    {
                        Some(id) => break Rating::Level(id),
                        None => p.say(&format!(
                            "  \"{text}\" is not one of the levels; type ? to list them\n"
                        ))?,
                    }
                }
            }
        };
        if let Rating::Level(id) = &rating {
            suggestion = Some(id.clone());
        }
        let evidence = if rating == Rating::NotAssessed {
            String::new()
        } else {
            p.ask("Evidence (optional): ")?
        };
        ratings.push(Rated {
            competency: comp.id.clone(),
            rating,
            evidence: (!evidence.is_empty()).then_some(evidence),
        });
    }

    let mut a = Assessment {
        person: person.clone(),
        person_id: None,
        framework: fw.id().to_owned(),
        framework_version: fw.version().to_owned(),
        date,
        assessor: Assessor {
            kind,
            name: assessor_name,
        },
        track: track.id.clone(),
        current_level: held.clone(),
        ratings,
        milestones: Vec::new(),
        notes: None,
    };
    // The milestones of the next step up: from the level held, along the person's track; or,
    // when no level was given, from the level the ratings put them at.
    let outcome = ev.outcome(&a);
    let step = match &held {
        Some(h) => fw
            .steps()
            .into_iter()
            .find(|(f, to, m)| {
                f == h
                    && m.kind == rungs_core::framework::MoveKind::Promotion
                    && fw.level_pos(to).is_some_and(|l| ev.on_ladder(t, l))
            })
            .map(|(f, to, _)| (f.to_owned(), to.to_owned())),
        None => outcome.level.clone().zip(outcome.next_level.clone()),
    };
    if let Some((from, next)) = step {
        let milestones = fw.milestones(&from, &next);
        if !milestones.is_empty() {
            let short = |id: &str| {
                fw.level(id)
                    .map_or(id.to_owned(), |l| l.short_title.clone())
            };
            p.say(&format!(
                "\nMilestones for the step from {} to {} (y if met, Enter if not):\n",
                short(&from),
                short(&next)
            ))?;
            for m in milestones {
                if p.confirm(&format!("  {} Met? [y/N]: ", m.text), false)? {
                    let evidence = p.ask("  Evidence (optional): ")?;
                    a.milestones.push(MilestoneMet {
                        id: m.id.clone(),
                        evidence: (!evidence.is_empty()).then_some(evidence),
                    });
                }
            }
        }
    }

    let path: PathBuf = out.map_or_else(
        || PathBuf::from(format!("{}-{}.toml", slug(&person), date)),
        Path::to_path_buf,
    );
    if path.exists()
        && !p.confirm(
            &format!("\n{} exists. Overwrite it? [y/N]: ", path.display()),
            false,
        )?
    {
        bail!(
            "{} was left as it was; nothing was saved (choose another file with --out)",
            path.display()
        );
    }
    let text = assessment::to_toml(&a, fw);
    std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    p.say(&format!("\nWrote {}.\n\n", path.display()))?;
    let outcome = ev.outcome(&a);
    let mut summary = String::new();
    let level = super::assess::title(fw, outcome.level.as_deref());
    summary.push_str(&format!("{person} operates at {level}.\n"));
    if let Some(next) = &outcome.next_level {
        summary.push_str(&format!(
            "Next: `rungs gap {} --to {next}` shows what stands in the way, `rungs plan {}` what to work on.\n",
            path.display(),
            path.display()
        ));
    }
    Ok(Output::text(summary))
}
