//! A verdict a person reads: the level, track and specialization, how sure, and which words decided.

use serde::Serialize;

use super::decide::{Basis, Kind, Levelled, Scratch};
use super::{Leveller, PhraseKind};
use crate::framework::LevelPos;

/// The full verdict on a title, as `rungs title --json` gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = TitleVerdict))]
pub struct Verdict {
    pub title: String,
    pub verdict: Kind,
    pub level: Option<String>,
    pub track: Option<String>,
    pub specialization: Option<String>,
    /// How sure the reading is, 0–1.
    pub confidence: f64,
    /// Which words decided, in a sentence.
    pub reason: String,
    /// For an ambiguous title, every level it may mean.
    pub candidates: Vec<Candidate>,
    /// For a title that is not the discipline's, what it is instead.
    pub role: Option<Role>,
    /// The words read as the role.
    pub role_words: String,
    /// The rest of the title: team, product or location.
    pub team: Option<String>,
    /// The verdict in a phrase: "Senior PM", "not product management: program management",
    /// "not recognised: …", "ambiguous: …".
    pub summary: String,
}

impl Verdict {
    /// The confidence in a word a person reads without decoding a decimal: "high" from 0.85,
    /// "medium" from 0.6, "low" below (the reason says why).
    pub fn confidence_word(&self) -> &'static str {
        match self.confidence {
            c if c >= 0.85 => "high",
            c if c >= 0.6 => "medium",
            _ => "low",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub level: String,
    pub track: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = TitleRole))]
pub struct Role {
    /// The role's id, or none when the title names no role Rungs knows.
    pub id: Option<String>,
    pub name: String,
}

fn roman(n: u8) -> &'static str {
    ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
        .get(usize::from(n))
        .copied()
        .unwrap_or("?")
}

impl Leveller<'_> {
    /// Levels a title and explains the result.
    pub fn verdict(&self, title: &str) -> Verdict {
        let mut s = Scratch::default();
        let l = self.level(title, &mut s);
        self.describe(title, &l, &s)
    }

    /// "Senior PM" (the level's own words, as a person reads them; the id is in the verdict's
    /// `level`), or "no level" when the reading settled none.
    fn level_name(&self, level: Option<LevelPos>) -> String {
        match level {
            Some(level) => self.fw.level_at(level).short_title.clone(),
            None => "no level".to_owned(),
        }
    }

    fn phrase(&self, p: u32) -> &str {
        &self.phrases[p as usize].text
    }

    /// Explains a result of [`Leveller::level`]; `s` must be the scratch that call used.
    pub fn describe(&self, title: &str, l: &Levelled, s: &Scratch) -> Verdict {
        let fw = self.fw;
        let (role_words, team) = self.role_and_team(s);
        let mut reason = self.basis_reason(l, &role_words);
        self.qualify(l, &team, &mut reason);
        let level = l.level.map(|v| fw.level_at(v));
        let candidates = self.candidates(l);
        let role = self.role(l);
        let discipline = fw.name().to_lowercase();
        let summary = match (&l.kind, &role) {
            (Kind::Level, _) => level.map_or_else(String::new, |x| x.short_title.clone()),
            (Kind::NotPm, Some(Role { id: Some(_), name })) => {
                format!("not {discipline}: {}", name.to_lowercase())
            }
            (Kind::NotPm, _) => format!(
                "not recognised: none of its words names a {discipline} role Rungs knows (a title in another language, or of another field)"
            ),
            (Kind::Ambiguous, _) => {
                "ambiguous: it means different levels in different places".to_owned()
            }
        };
        Verdict {
            title: title.to_owned(),
            summary,
            verdict: l.kind,
            level: level.map(|l| l.id.clone()),
            track: level.map(|l| l.track.clone()),
            specialization: l
                .specialization
                .filter(|_| l.kind == Kind::Level)
                .map(|i| fw.specializations()[usize::from(i)].id.clone()),
            confidence: (f64::from(l.confidence) * 100.0).round() / 100.0,
            reason,
            candidates,
            role,
            role_words: role_words.join(" "),
            team: (!team.is_empty()).then(|| team.join(", ")),
        }
    }
    /// The title's words that name the role, and the rest, by segment, as the team.
    fn role_and_team(&self, s: &Scratch) -> (Vec<String>, Vec<String>) {
        let (from, to) = s.role;
        let segments = if from < to {
            (s.tokens[from].segment, s.tokens[to - 1].segment)
        } else {
            (0, 0)
        };
        let mut role_words = Vec::new();
        let mut team: Vec<String> = Vec::new();
        let mut last_team_segment = u16::MAX;
        for i in 0..s.words.words.len() {
            let (w, seg) = (s.words.word(i), s.words.segment(i));
            if (segments.0..=segments.1).contains(&seg) {
                role_words.push(w.to_owned());
            } else if !self.skip.contains_key(w) {
                if seg != last_team_segment {
                    team.push(String::new());
                    last_team_segment = seg;
                }
                if let Some(last) = team.last_mut() {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(w);
                }
            }
        }
        team.retain(|t| !t.is_empty());
        (role_words, team)
    }

    /// Why the title reads as it does, from what decided it.
    fn basis_reason(&self, l: &Levelled, role_words: &[String]) -> String {
        let fw = self.fw;
        let t = fw.titles();
        let discipline = fw.name().to_lowercase();
        match l.basis {
            Basis::CompanyCode(c) => {
                let company = self.company.map_or("The company", |c| c.name.as_str());
                let code = self
                    .company
                    .map_or("", |co| co.codes[usize::from(c)].code.as_str());
                let note = self
                    .company
                    .and_then(|co| co.codes[usize::from(c)].note.as_deref())
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default();
                format!(
                    "{company}'s ladder maps the code {code} to {}{note}",
                    self.level_name(l.level)
                )
            }
            Basis::CompanyTitle(i) => {
                let company = self.company.map_or("The company", |c| c.name.as_str());
                let title = self
                    .company
                    .map_or("", |co| co.titles[usize::from(i)].title.as_str());
                let note = self
                    .company
                    .and_then(|co| co.titles[usize::from(i)].note.as_deref())
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default();
                format!(
                    "{company}'s ladder maps \"{title}\" to {}{note}",
                    self.level_name(l.level)
                )
            }
            Basis::Alias(p) => {
                let level = match self.phrases[p as usize].kind {
                    PhraseKind::Alias(level) => Some(level),
                    _ => l.level,
                };
                let is_title = level
                    .is_some_and(|v| self.phrase(p).eq_ignore_ascii_case(&fw.level_at(v).title));
                let how = if is_title {
                    "is the title of"
                } else {
                    "is a name for"
                };
                format!("\"{}\" {how} {}", self.phrase(p), self.level_name(level))
            }
            Basis::Seniority {
                role,
                word: Some(w),
            } => format!(
                "\"{}\" with \"{}\" points to {}",
                self.phrase(w),
                self.phrase(role),
                self.level_name(l.before_grade.or(l.level))
            ),
            Basis::Seniority { role, word: None } => {
                format!(
                    "\"{}\" without a seniority word is {}",
                    self.phrase(role),
                    self.level_name(l.before_grade.or(l.level))
                )
            }
            Basis::Rule(i) => {
                let rule = &t.rules[usize::from(i)];
                format!(
                    "\"{}\" reads as {}: {}",
                    rule.phrase,
                    self.level_name(l.before_grade.or(l.level)),
                    rule.note
                )
            }
            Basis::Other(p) => {
                let (name, note) = match self.phrases[p as usize].kind {
                    PhraseKind::Other(i) => {
                        let role = &t.other_roles[usize::from(i)];
                        (role.name.to_lowercase(), role.note.clone())
                    }
                    _ => (String::new(), None),
                };
                let mut r = format!("\"{}\" names {name}, not {discipline}", self.phrase(p));
                if let Some(n) = note {
                    r.push_str(&format!(" ({})", n.trim_end_matches('.')));
                }
                r
            }
            Basis::Ambiguous(i) => {
                let a = &t.ambiguous[usize::from(i)];
                let mut summary = a.summary.clone();
                if let Some(first) = summary.get(..1) {
                    let lower = first.to_lowercase();
                    summary.replace_range(..1, &lower);
                }
                format!("\"{}\" is ambiguous: {summary}", a.title)
            }
            Basis::NoRole => {
                let words = role_words.join(" ");
                let examples: Vec<String> = t
                    .role_phrases
                    .iter()
                    .take(2)
                    .map(|p| format!("\"{p}\""))
                    .collect();
                if words.is_empty() {
                    "the title is empty".to_owned()
                } else {
                    format!(
                        "no words in \"{words}\" name a {discipline} role (such as {})",
                        examples.join(" or ")
                    )
                }
            }
        }
    }

    /// What else moved or qualified the reading: a modifier, a grade, unknown words, a
    /// specialization taken from the team.
    fn qualify(&self, l: &Levelled, team: &[String], reason: &mut String) {
        let fw = self.fw;
        if let Some(m) = l.modifier {
            reason.push_str(&format!(
                "; \"{}\" does not change the level",
                self.phrase(m)
            ));
        }
        if l.grade > 0 && l.kind == Kind::Level {
            match l.before_grade {
                Some(before) => reason.push_str(&format!(
                    "; grade {} after {} reads as {}",
                    roman(l.grade),
                    fw.level_at(before).short_title,
                    self.level_name(l.level)
                )),
                None => reason.push_str(&format!("; grade {} stays at this level", roman(l.grade))),
            }
        }
        if l.unknown > 0 && l.kind == Kind::Level {
            let n = l.unknown;
            reason.push_str(&format!(
                "; {n} word{} not recognised, so less sure",
                if n == 1 { "" } else { "s" }
            ));
        }
        if let (Some(sp), true) = (l.specialization, l.specialization_from_team) {
            reason.push_str(&format!(
                "; the specialization ({}) comes from \"{}\"",
                fw.specializations()[usize::from(sp)].name,
                team.join(", ")
            ));
        }
    }

    /// The levels an ambiguous title may mean, each with why.
    fn candidates(&self, l: &Levelled) -> Vec<Candidate> {
        let fw = self.fw;
        let t = fw.titles();
        match l.basis {
            Basis::Ambiguous(i) => t.ambiguous[usize::from(i)]
                .candidates
                .iter()
                .map(|c| Candidate {
                    level: c.level.clone(),
                    track: fw
                        .level(&c.level)
                        .map_or(String::new(), |l| l.track.clone()),
                    reason: c.reason.clone(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The role a title names when it is not one of this discipline's.
    fn role(&self, l: &Levelled) -> Option<Role> {
        let t = self.fw.titles();
        match (l.kind, l.basis) {
            (Kind::NotPm, Basis::Other(p)) => match self.phrases[p as usize].kind {
                PhraseKind::Other(i) => {
                    let r = &t.other_roles[usize::from(i)];
                    Some(Role {
                        id: Some(r.id.clone()),
                        name: r.name.clone(),
                    })
                }
                _ => None,
            },
            (Kind::NotPm, _) => Some(Role {
                id: None,
                name: "not recognised".to_owned(),
            }),
            _ => None,
        }
    }
}
