//! Reading one title: which segment holds the role, which phrases it contains, and the verdict.

mod choose;
use serde::Serialize;

use super::normalize::{self, Words};
use super::{Leveller, PhraseKind, UNKNOWN};
use crate::framework::LevelPos;

/// What a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A level of the ladder.
    Level,
    /// Not a role of this discipline.
    NotPm,
    /// A title that means different levels in different places.
    Ambiguous,
}

/// What decided a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A code on the company's ladder (position in its codes).
    CompanyCode(u16),
    /// A title on the company's ladder (position in its titles).
    CompanyTitle(u16),
    /// A level's title or alias (phrase index).
    Alias(u32),
    /// A phrase rule (position in `titles.rules`).
    Rule(u16),
    /// A role phrase with a seniority word (phrase indexes; the word is absent for a bare role).
    Seniority { role: u32, word: Option<u32> },
    /// A phrase naming another role (phrase index).
    Other(u32),
    /// An ambiguous title (position in `titles.ambiguous`).
    Ambiguous(u16),
    /// No words of the discipline at all.
    NoRole,
}

/// The verdict on one title, compact: indexes into the framework, no text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levelled {
    pub kind: Kind,
    pub level: Option<LevelPos>,
    pub specialization: Option<u16>,
    /// The specialization came from the team or product after the role, not the role itself.
    pub specialization_from_team: bool,
    pub confidence: f32,
    pub basis: Basis,
    /// A grade (I = 1, II = 2, …) after the role; 0 for none.
    pub grade: u8,
    /// The level before the grade was applied, when a grade rule moved it.
    pub before_grade: Option<LevelPos>,
    /// A seniority word that did not change the level ("senior" in "Senior Director").
    pub modifier: Option<u32>,
    /// Words of the role that the vocabulary does not know.
    pub unknown: u8,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) id: u32,
    pub(crate) segment: u16,
    pub(crate) grade: u8,
    /// Follows "and" or "&": a second role joined to the first ("VP Product & Design").
    pub(crate) joined: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub(crate) phrase: u32,
    pub(crate) start: usize,
    pub(crate) len: usize,
}

impl Match {
    fn end(&self) -> usize {
        self.start + self.len
    }

    fn overlaps(&self, other: &Match) -> bool {
        self.start < other.end() && other.start < self.end()
    }
}

/// Buffers reused from one title to the next, so levelling many titles allocates nothing.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    pub(crate) words: Words,
    pub(crate) tokens: Vec<Token>,
    pub(crate) matches: Vec<Match>,
    /// The token range read as the role.
    pub(crate) role: (usize, usize),
}

const MAX_SEGMENTS: usize = 16;

impl Leveller<'_> {
    /// Levels one title.
    pub fn level(&self, title: &str, s: &mut Scratch) -> Levelled {
        normalize::split(title, &mut s.words);
        s.tokens.clear();
        let mut code = None;
        let mut joined = false;
        for i in 0..s.words.words.len() {
            let w = s.words.word(i);
            let segment = s.words.segment(i);
            if !self.codes.is_empty() {
                if let Some(&c) = self.codes.get(w) {
                    code.get_or_insert(c);
                    continue;
                }
            }
            if self.skip.contains_key(w) {
                joined |= w == "and" || w == "&";
                continue;
            }
            if let Some(expanded) = self.expand.get(w) {
                for &id in expanded {
                    s.tokens.push(Token {
                        id,
                        segment,
                        grade: 0,
                        joined,
                    });
                    joined = false;
                }
                continue;
            }
            let id = self.ids.get(w).copied().unwrap_or(UNKNOWN);
            let grade = self.grades.get(w).copied().unwrap_or(0);
            s.tokens.push(Token {
                id,
                segment,
                grade,
                joined,
            });
            joined = false;
        }
        if let (Some(c), Some(company)) = (code, self.company) {
            let level = self.fw.level_pos(&company.codes[usize::from(c)].level);
            let (specialization, from_team) = self.specialization(s, (0, s.tokens.len()));
            return Levelled {
                kind: Kind::Level,
                level,
                specialization,
                specialization_from_team: from_team,
                confidence: 0.98,
                basis: Basis::CompanyCode(c),
                grade: 0,
                before_grade: None,
                modifier: None,
                unknown: 0,
            };
        }
        let role = self.role_range(s);
        s.role = role;
        s.matches.clear();
        self.scan(&s.tokens, role, &mut s.matches);
        self.decide(s, role)
    }

    /// Every phrase found in a range of tokens.
    fn scan(&self, tokens: &[Token], (from, to): (usize, usize), out: &mut Vec<Match>) {
        for i in from..to {
            let Some(list) = self.by_first.get(&tokens[i].id) else {
                continue;
            };
            for &p in list {
                let phrase = &self.phrases[p as usize];
                let words = &phrase.words;
                if i + words.len() > to
                    || !tokens[i..i + words.len()]
                        .iter()
                        .zip(words)
                        .all(|(t, &w)| t.id == w)
                {
                    continue;
                }
                // Another role never reaches across "and": in "VP Product & Design", design is
                // a second remit of the VP, not "product design".
                if matches!(phrase.kind, PhraseKind::Other(_))
                    && tokens[i + 1..i + words.len()].iter().any(|t| t.joined)
                {
                    continue;
                }
                out.push(Match {
                    phrase: p,
                    start: i,
                    len: words.len(),
                });
            }
        }
    }

    fn kind(&self, m: &Match) -> PhraseKind {
        self.phrases[m.phrase as usize].kind
    }

    fn names_a_role(&self, m: &Match) -> bool {
        !matches!(
            self.kind(m),
            PhraseKind::Seniority(_) | PhraseKind::Programme(_) | PhraseKind::Signal(_)
        )
    }

    /// The token range that holds the role: the first segment that names one, joined with a
    /// neighbouring segment of seniority words ("Director, Product Management"); failing that,
    /// two adjacent segments read together ("VP, Product").
    fn role_range(&self, s: &mut Scratch) -> (usize, usize) {
        let mut bounds = [(0usize, 0usize); MAX_SEGMENTS];
        let mut count = 0;
        for (i, t) in s.tokens.iter().enumerate() {
            let seg = usize::from(t.segment).min(MAX_SEGMENTS - 1);
            if count == 0 || seg >= count {
                count = seg + 1;
                bounds[seg] = (i, i + 1);
            } else {
                bounds[seg].1 = i + 1;
            }
        }
        let segments = &bounds[..count];
        let names_role = |this: &Self, s: &mut Scratch, range: (usize, usize)| {
            s.matches.clear();
            this.scan(&s.tokens, range, &mut s.matches);
            s.matches.iter().any(|m| this.names_a_role(m))
        };
        let only_seniority = |this: &Self, s: &mut Scratch, range: (usize, usize)| {
            if range.0 == range.1 {
                return false;
            }
            s.matches.clear();
            this.scan(&s.tokens, range, &mut s.matches);
            (range.0..range.1).all(|i| {
                s.tokens[i].grade > 0
                    || s.matches.iter().any(|m| {
                        matches!(
                            this.kind(m),
                            PhraseKind::Seniority(_) | PhraseKind::Programme(_)
                        ) && m.start <= i
                            && i < m.end()
                    })
            })
        };
        let found = (0..segments.len()).find(|&k| names_role(self, s, segments[k]));
        let (mut first, mut last) = match found {
            Some(k) => (k, k),
            None => match (0..segments.len().saturating_sub(1))
                .find(|&k| names_role(self, s, (segments[k].0, segments[k + 1].1)))
            {
                Some(k) => (k, k + 1),
                None => return segments.first().copied().unwrap_or((0, 0)),
            },
        };
        // A neighbour joins the role when it is only seniority words ("Product Manager,
        // Senior"), or when reading the two together finds a longer phrase across the join
        // ("Director, Product Management", "Manager, Product Management").
        let longest_across = |this: &Self, s: &mut Scratch, range: (usize, usize), join: usize| {
            s.matches.clear();
            this.scan(&s.tokens, range, &mut s.matches);
            s.matches
                .iter()
                .filter(|m| this.names_a_role(m) && m.start < join && m.end() > join)
                .map(|m| m.len)
                .max()
                .unwrap_or(0)
        };
        if first > 0 {
            let joined = (segments[first - 1].0, segments[last].1);
            if only_seniority(self, s, segments[first - 1])
                || longest_across(self, s, joined, segments[first].0) > 0
            {
                first -= 1;
            }
        }
        if last + 1 < segments.len() {
            let joined = (segments[first].0, segments[last + 1].1);
            if only_seniority(self, s, segments[last + 1])
                || longest_across(self, s, joined, segments[last + 1].0) > 0
            {
                last += 1;
            }
        }
        (segments[first].0, segments[last].1)
    }
}
