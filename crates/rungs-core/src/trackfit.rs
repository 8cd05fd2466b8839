//! Choosing a track: the framework's questions, a person's answers, and the leaning they add up to.

use serde::Serialize;

use crate::diag::resolve_all;
use crate::doc::{self, Format, Node, Sink, join};
use crate::framework::{Framework, LoadError};
use crate::suggest::did_you_mean;

/// How many answers one track must lead by for a leaning; closer than that is undecided.
pub const LEANING_MARGIN: usize = 2;

/// One answer: a question (factor) id and the chosen option id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub factor: String,
    pub option: String,
}

/// The leaning a set of answers adds up to, with the reason from each answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fit {
    /// The track leaned towards, or "undecided".
    pub leaning: String,
    /// Answers per track, in the framework's track order (tracks no answer leans to included).
    pub scores: Vec<Score>,
    pub reasons: Vec<Reason>,
    pub unanswered: Vec<String>,
    /// How each branch track splits the working week, where its levels say so.
    pub time_allocation: Vec<TrackTime>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    pub track: String,
    pub answers: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    pub factor: String,
    pub question: String,
    pub answer: String,
    pub leans: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackTime {
    pub track: String,
    pub level: String,
    pub split: String,
}

/// Adds up answers. Answers must name the framework's factors and options (see [`load_answers`]).
pub fn fit(fw: &Framework, answers: &[Answer]) -> Fit {
    let mut reasons = Vec::new();
    let mut unanswered = Vec::new();
    let branches: Vec<&str> = fw
        .tracks()
        .iter()
        .filter(|t| !t.shared)
        .map(|t| t.id.as_str())
        .collect();
    let mut scores: Vec<Score> = branches
        .iter()
        .map(|t| Score {
            track: (*t).to_owned(),
            answers: 0,
        })
        .collect();
    for factor in fw.track_choice() {
        let chosen = answers
            .iter()
            .find(|a| a.factor == factor.id)
            .and_then(|a| factor.options.iter().find(|o| o.id == a.option));
        let Some(option) = chosen else {
            unanswered.push(factor.id.clone());
            continue;
        };
        if let Some(track) = &option.leans {
            if let Some(s) = scores.iter_mut().find(|s| &s.track == track) {
                s.answers += 1;
            }
        }
        reasons.push(Reason {
            factor: factor.id.clone(),
            question: factor.question.clone(),
            answer: option.label.clone(),
            leans: option.leans.clone(),
            reason: option.reason.clone(),
        });
    }
    let mut ranked: Vec<&Score> = scores.iter().collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.answers));
    let lead = match ranked.as_slice() {
        [first, second, ..] => first.answers - second.answers,
        [first] => first.answers,
        [] => 0,
    };
    let leader = ranked.first().filter(|_| lead >= LEANING_MARGIN);
    let name = |id: &str| {
        fw.track(id)
            .map_or(id.to_owned(), |t| t.name.to_lowercase())
    };
    let summary = match leader {
        Some(s) => format!(
            "You lean towards the {} track: {} of {} answers point there, a lead of {lead}.",
            name(&s.track),
            s.answers,
            reasons.len()
        ),
        None if reasons.is_empty() => "No answers yet, so no leaning.".to_owned(),
        None => format!(
            "Undecided: no track leads by {LEANING_MARGIN} or more answers. Look at the reasons below and talk it through with your manager or a mentor."
        ),
    };
    let time_allocation = fw
        .levels()
        .iter()
        .filter(|l| !l.time_allocation.is_empty() && branches.contains(&l.track.as_str()))
        .map(|l| TrackTime {
            track: l.track.clone(),
            level: l.id.clone(),
            split: l
                .time_allocation
                .iter()
                .map(|s| format!("{}% {}", s.percent, s.activity.to_lowercase()))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Fit {
        leaning: leader.map_or_else(|| "undecided".to_owned(), |s| s.track.clone()),
        scores,
        reasons,
        unanswered,
        time_allocation,
        summary,
    }
}

/// Reads an answers file: a table `answers` of question id → answer id, e.g.
/// `[answers]` / `strengths = "deep-product-work"`, in TOML or JSON.
pub fn load_answers(file: &str, bytes: &[u8], fw: &Framework) -> Result<Vec<Answer>, LoadError> {
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "answers file",
        diagnostics,
    };
    let text = doc::text(file, bytes, 1 << 20).map_err(fail)?;
    let tree =
        doc::parse(text, Format::from_name(file)).map_err(|p| fail(resolve_all(file, text, p)))?;
    let sink = Sink::for_text(text);
    let mut answers = Vec::new();
    if let Some(root) = Node::root(&sink, &tree).table() {
        root.get("framework");
        if let Some(table) = root.need_table("answers") {
            for (factor_id, node) in table.entries() {
                let Some(factor) = fw.track_choice().iter().find(|f| f.id == factor_id) else {
                    let help =
                        did_you_mean(&factor_id, fw.track_choice().iter().map(|f| f.id.as_str()))
                            .unwrap_or_else(|| {
                                format!(
                                    "the questions are: {}",
                                    fw.track_choice()
                                        .iter()
                                        .map(|f| f.id.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            });
                    sink.error_at(
                        &format!("{}#key", join(table.path(), &factor_id)),
                        format!("unknown question `{factor_id}`"),
                        Some(help),
                    );
                    continue;
                };
                let Some(option) = node.id() else { continue };
                if factor.options.iter().all(|o| o.id != option) {
                    let ids: Vec<&str> = factor.options.iter().map(|o| o.id.as_str()).collect();
                    let help = did_you_mean(&option, ids.iter().copied())
                        .unwrap_or_else(|| format!("the answers are: {}", ids.join(", ")));
                    sink.error_at(
                        node.path(),
                        format!("`{option}` is not an answer to `{factor_id}`"),
                        Some(help),
                    );
                    continue;
                }
                answers.push(Answer {
                    factor: factor_id,
                    option,
                });
            }
        }
        root.finish();
    }
    if sink.has_errors() {
        return Err(fail(resolve_all(file, text, sink.into_problems())));
    }
    Ok(answers)
}

/// The answers as a TOML file that [`load_answers`] reads back.
pub fn answers_to_toml(fw: &Framework, answers: &[Answer]) -> String {
    let mut out = format!(
        "# Answers to the track questions of the {} framework.\nframework = \"{}\"\n\n[answers]\n",
        fw.name(),
        fw.id()
    );
    for a in answers {
        out.push_str(&format!("{} = \"{}\"\n", a.factor, a.option));
    }
    out
}
