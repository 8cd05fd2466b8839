//! `rungs assess --new`: an assessment written by answering questions in the terminal.
//!
//! It asks the level held first: every question after is anchored there. For each competency
//! it shows the expectations at, below and above the level held and takes a rating (Enter takes
//! the level held, and says so; a rating is never carried over from the last answer) and
//! optional evidence; then it asks about the milestones of the step up, and writes a TOML file
//! that `rungs assess` reads.

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
    let (person, kind, assessor_name) = who(p)?;
    let ev = Evaluator::new(fw);
    let (held_level, track) = held_and_track(fw, &person, p)?;
    let held = Some(held_level.id.clone());
    let t = ev.track_index(&track.id).unwrap_or_default();
    let ratings = rate(fw, &ev, t, held_level, &person, p)?;
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
        current_level: held.clone().map(rungs_core::LevelId::from),
        ratings,
        milestones: Vec::new(),
        notes: None,
    };
    ask_milestones(fw, &ev, t, held_level, p, &mut a)?;
    let path = save(out, &a, fw, p)?;
    let outcome = ev.outcome(&a);
    let mut summary = format!("{}\n", outcome.verdict);
    let file = path.display();
    match outcome.next_levels.as_slice() {
        [] => {}
        [next] => summary.push_str(&format!(
            "Next: `rungs gap {file}` shows what stands between {person} and {}, `rungs plan {file}` what to work on.\n",
            fw.level(next).map_or(next.as_str(), |l| l.short_title.as_str())
        )),
        _ => summary.push_str(&format!(
            "Next: `rungs gap {file}` shows both branches of the split side by side; `rungs track` helps choose between them.\n"
        )),
    }
    Ok(Output::text(summary))
}

/// Whose assessment it is and who makes it.
fn who(p: &mut Prompter<'_>) -> Result<(String, AssessorKind, String)> {
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
    Ok((person, kind, assessor_name))
}

/// The level held (it anchors every question after it) and the track: above the split the
/// level says it; on the shared rungs, asked, with what each track means in a line.
fn held_and_track<'f>(
    fw: &'f Framework,
    person: &str,
    p: &mut Prompter<'_>,
) -> Result<(
    &'f rungs_core::framework::Level,
    &'f rungs_core::framework::Track,
)> {
    let ladder_all = fw.ladder();
    let mut menu = format!("\nWhich level does {person} hold today?\n");
    for (i, l) in ladder_all.iter().enumerate() {
        menu.push_str(&format!("  {}) {}\n", i + 1, l.title));
    }
    p.say(&menu)?;
    let held_level = p.ask_until(
        &format!("Level held [1-{}, or a title]: ", ladder_all.len()),
        |a| {
            if let Some(l) = a
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| ladder_all.get(n))
            {
                return Ok(*l);
            }
            if a.is_empty() {
                return Err("the level held anchors the questions: pick one".to_owned());
            }
            fw.find_level(a).map_err(|e| e.to_string())
        },
    )?;
    // Above the split the level held says the track; on the shared rungs, ask, saying what each
    // track means in a line.
    let held_track = fw.track(&held_level.track);
    let track = match held_track.filter(|t| !t.shared) {
        Some(t) => {
            p.say(&format!(
                "{} is on the {} track.\n",
                held_level.short_title,
                t.name.to_lowercase()
            ))?;
            t
        }
        None => {
            let tracks = fw.tracks();
            let mut menu = format!("\nWhich track is {person} on, or aiming for?\n");
            for (i, t) in tracks.iter().enumerate() {
                let line = if t.shared {
                    "not chosen yet: the rungs everyone climbs before the split".to_owned()
                } else {
                    first_sentence(&t.summary)
                };
                menu.push_str(&format!("  {}) {}: {line}\n", i + 1, t.name));
            }
            p.say(&menu)?;
            let shared = tracks.iter().position(|t| t.shared);
            let default = shared.map(|i| format!(" [{}]", i + 1)).unwrap_or_default();
            &tracks[p.choose(
                &format!("Track [1-{}]{default}: ", tracks.len()),
                tracks.len(),
                shared,
            )?]
        }
    };
    Ok((held_level, track))
}

/// Each competency rated, around the level held, with evidence where given.
fn rate(
    fw: &Framework,
    ev: &Evaluator<'_>,
    t: usize,
    held_level: &rungs_core::framework::Level,
    person: &str,
    p: &mut Prompter<'_>,
) -> Result<Vec<Rated>> {
    // The person's ladder: the trunk and their track, by rank.
    let ladder: Vec<&rungs_core::framework::Level> = fw
        .ladder()
        .into_iter()
        .filter(|l| ev.on_ladder(t, l.pos()))
        .collect();
    p.say(&format!(
        "\nRate each competency with the highest level whose expectation {person} meets.\n\
         Type a number, a level id or title, b for below the first level, n for not assessed.\n\
         ? lists every level. Enter takes the level held, {}: say so only when it is true.\n",
        held_level.short_title
    ))?;
    let around = held_level.rank;
    let mut ratings = Vec::new();
    let total = fw.competencies().count();
    for (i, (area, comp)) in fw.competencies().enumerate() {
        let show = |all: bool| {
            let mut text = String::new();
            let listed: Vec<&rungs_core::framework::Level> = if all {
                fw.ladder()
            } else {
                ladder
                    .iter()
                    .copied()
                    .filter(|l| l.rank + 1 >= around && l.rank <= around + 1)
                    .collect()
            };
            for l in listed {
                let expectation = fw.expectation(comp, &l.id).unwrap_or_default();
                let mark = if l.id == held_level.id {
                    " (held)".to_owned()
                } else if !ev.on_ladder(t, l.pos()) {
                    fw.track(&l.track).map_or_else(String::new, |other| {
                        format!(" ({} track)", other.name.to_lowercase())
                    })
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "  {}  {:<14} {expectation}{mark}\n",
                    l.rank, l.short_title
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
        let rating = loop {
            let answer = p.ask(&format!(
                "Rating [Enter: {}, the level held]: ",
                held_level.short_title
            ))?;
            match answer.as_str() {
                "?" => {
                    p.say(&show(true))?;
                    continue;
                }
                "" => break Rating::Level(held_level.id.clone()),
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
        let evidence = if rating == Rating::NotAssessed {
            String::new()
        } else {
            p.ask("Evidence (optional): ")?
        };
        ratings.push(Rated {
            competency: comp.id.as_str().into(),
            rating,
            evidence: (!evidence.is_empty()).then_some(evidence),
        });
    }

    Ok(ratings)
}

/// The milestones of the step up from the level held (both branches' at the split), each
/// asked once.
fn ask_milestones(
    fw: &Framework,
    ev: &Evaluator<'_>,
    t: usize,
    held_level: &rungs_core::framework::Level,
    p: &mut Prompter<'_>,
    a: &mut Assessment,
) -> Result<()> {
    let person = a.person.clone();
    let nexts = match ev.next_rung(held_level.pos(), t) {
        rungs_core::eval::NextRung::One(n) => vec![n],
        rungs_core::eval::NextRung::Split(ns) => ns,
        rungs_core::eval::NextRung::Top => Vec::new(),
    };
    let mut asked: Vec<String> = Vec::new();
    for next in nexts {
        let to = &fw.level_at(next).id;
        let milestones: Vec<_> = fw
            .milestones(&held_level.id, to)
            .into_iter()
            .filter(|m| !asked.contains(&m.id))
            .collect();
        if milestones.is_empty() {
            continue;
        }
        p.say(&format!(
            "\nMilestones for the step from {} to {}: has {person} shown each? (y if so, Enter if not)\n",
            held_level.short_title,
            fw.level_at(next).short_title
        ))?;
        for m in milestones {
            asked.push(m.id.clone());
            let mut question = format!("  {}\n", m.text);
            if let Some(q) = &m.quote {
                let from = m
                    .source
                    .as_deref()
                    .and_then(|s| fw.source(s))
                    .map(|s| format!(" ({})", s.title))
                    .unwrap_or_default();
                question.push_str(&format!("    In the source's words: “{q}”{from}\n"));
            }
            p.say(&question)?;
            if p.confirm("  Met? [y/N]: ", false)? {
                let evidence = p.ask("  Evidence (optional): ")?;
                a.milestones.push(MilestoneMet {
                    id: m.id.clone(),
                    evidence: (!evidence.is_empty()).then_some(evidence),
                });
            }
        }
    }

    Ok(())
}

/// Writes the assessment where asked (or beside the current directory, named for the person
/// and day), asking before writing over a file.
fn save(
    out: Option<&Path>,
    a: &Assessment,
    fw: &Framework,
    p: &mut Prompter<'_>,
) -> Result<PathBuf> {
    let (person, date) = (&a.person, a.date);
    let path: PathBuf = out.map_or_else(
        || PathBuf::from(format!("{}-{}.toml", slug(person), date)),
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
    let text = assessment::to_toml(a, fw);
    std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    p.say(&format!("\nWrote {}.\n\n", path.display()))?;
    Ok(path)
}

/// The first sentence of a text, for a one-line explanation.
fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(": ").or_else(|| flat.find(". ")) {
        Some(i) => flat[..i].to_owned(),
        None => flat.trim_end_matches('.').to_owned(),
    }
}
