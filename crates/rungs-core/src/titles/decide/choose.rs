//! Choosing what a title's role phrases mean: a company's own title, another discipline's role, an ambiguous title, a level by name or by seniority word; then its grade and specialization.

use super::*;

impl Leveller<'_> {
    pub(super) fn decide(&self, s: &Scratch, role: (usize, usize)) -> Levelled {
        let m = &s.matches;
        let tokens = &s.tokens;
        let t = self.fw.titles();
        let unknown = tokens[role.0..role.1]
            .iter()
            .filter(|t| t.id == UNKNOWN && t.grade == 0)
            .count()
            .min(255) as u8;
        let mut out = Levelled {
            kind: Kind::NotPm,
            level: None,
            specialization: None,
            specialization_from_team: false,
            confidence: 0.6,
            basis: Basis::NoRole,
            grade: 0,
            before_grade: None,
            modifier: None,
            unknown,
        };
        let longest = |pred: &dyn Fn(PhraseKind) -> bool| {
            m.iter()
                .filter(|x| pred(self.kind(x)))
                .max_by_key(|x| (x.len, std::cmp::Reverse(x.start)))
                .copied()
        };
        if self.company_title(s, role, &mut out) {
            return out;
        }
        if let Some((o, confidence)) = self.other_role(s, role) {
            out.kind = Kind::NotPm;
            out.basis = Basis::Other(o.phrase);
            out.confidence = confidence;
            return out;
        }
        let best = longest(&|k| matches!(k, PhraseKind::Alias(_) | PhraseKind::Rule(_)));
        if let Some(a) = longest(&|k| matches!(k, PhraseKind::Ambiguous(_))) {
            if best.is_none_or(|b| b.len <= a.len || !b.overlaps(&a)) {
                if let PhraseKind::Ambiguous(i) = self.kind(&a) {
                    out.kind = Kind::Ambiguous;
                    out.basis = Basis::Ambiguous(i);
                    out.confidence = 0.5;
                    return out;
                }
            }
        }
        // The highest seniority word not part of the phrase that named the level.
        let seniority = |except: Option<&Match>| {
            m.iter()
                .filter(|x| {
                    matches!(self.kind(x), PhraseKind::Seniority(_))
                        && except.is_none_or(|e| !e.overlaps(x))
                })
                .filter_map(|x| match self.kind(x) {
                    PhraseKind::Seniority(level) => {
                        Some((self.rank[level.index()], level, x.phrase, *x))
                    }
                    _ => None,
                })
                .max_by_key(|(rank, ..)| *rank)
        };
        // An entry programme's word ("Graduate", "Intern"), when no seniority word says
        // otherwise: it names the rung the programme is.
        let programme = m
            .iter()
            .find_map(|x| match self.kind(x) {
                PhraseKind::Programme(level) => Some((level, x.phrase, *x)),
                _ => None,
            })
            .filter(|_| seniority(None).is_none());
        let penalty = f32::from(unknown) * 0.1;
        let named = best.and_then(|b| match self.kind(&b) {
            PhraseKind::Alias(level) => Some((b, level, 0.95 - penalty, Basis::Alias(b.phrase))),
            PhraseKind::Rule(i) => {
                let rule = &t.rules[usize::from(i)];
                let level = self.fw.level_pos(&rule.level)?;
                Some((b, level, rule.confidence as f32 - penalty, Basis::Rule(i)))
            }
            _ => None,
        });
        if let Some((b, level, confidence, basis)) = named {
            out.kind = Kind::Level;
            out.level = Some(level);
            out.confidence = confidence;
            out.basis = basis;
            if let Some((p_level, word, _)) = programme.filter(|(_, _, x)| !x.overlaps(&b)) {
                out.level = Some(p_level);
                out.confidence = out.confidence.min(0.8);
                out.basis = Basis::Seniority {
                    role: b.phrase,
                    word: Some(word),
                };
                self.finish(s, role, &mut out, Some(b));
                return out;
            }
            if let Some((rank, word_level, word, _)) = seniority(Some(&b)) {
                if rank > self.rank[level.index()] {
                    // "Senior Growth Product Manager": the seniority word lifts a bare role phrase.
                    out.level = Some(word_level);
                    out.confidence = out.confidence.min(0.85);
                    if matches!(out.basis, Basis::Alias(_)) {
                        out.basis = Basis::Seniority {
                            role: b.phrase,
                            word: Some(word),
                        };
                    } else {
                        out.modifier = Some(word);
                    }
                } else {
                    out.modifier = Some(word);
                    out.confidence = out.confidence.min(0.85);
                }
            }
            self.finish(s, role, &mut out, Some(b));
            return out;
        }
        if let Some(r) = longest(&|k| matches!(k, PhraseKind::Role)) {
            out.kind = Kind::Level;
            out.confidence = 0.8 - penalty;
            match seniority(Some(&r)).or(programme.map(|(l, w, x)| (0, l, w, x))) {
                Some((_, level, word, _)) => {
                    out.level = Some(level);
                    out.basis = Basis::Seniority {
                        role: r.phrase,
                        word: Some(word),
                    };
                }
                None => {
                    out.level = self.base_level;
                    out.basis = Basis::Seniority {
                        role: r.phrase,
                        word: None,
                    };
                }
            }
            self.finish(s, role, &mut out, Some(r));
            return out;
        }
        out
    }

    /// A company title is read as the company says, when it is the whole role.
    pub(super) fn company_title(
        &self,
        s: &Scratch,
        role: (usize, usize),
        out: &mut Levelled,
    ) -> bool {
        let Some(c) = s.matches.iter().find(|x| {
            matches!(self.kind(x), PhraseKind::CompanyTitle(_))
                && x.start == role.0
                && x.end() == role.1
        }) else {
            return false;
        };
        let (PhraseKind::CompanyTitle(i), Some(company)) = (self.kind(c), self.company) else {
            return false;
        };
        out.kind = Kind::Level;
        out.level = self.fw.level_pos(&company.titles[usize::from(i)].level);
        out.basis = Basis::CompanyTitle(i);
        out.confidence = 0.98;
        out.unknown = 0;
        self.finish(s, role, out, Some(*c));
        true
    }

    /// Another role, and how sure: it wins when nothing of the discipline is named, when it
    /// overlaps what is ("Director of Product Design"), or when it is the last word ("Product
    /// Manager Intern") and not joined on with "and" ("VP Product & Design").
    pub(super) fn other_role(&self, s: &Scratch, role: (usize, usize)) -> Option<(Match, f32)> {
        let m = &s.matches;
        let is_discipline = |k: PhraseKind| {
            matches!(
                k,
                PhraseKind::Role
                    | PhraseKind::Alias(_)
                    | PhraseKind::Rule(_)
                    | PhraseKind::Ambiguous(_)
                    | PhraseKind::CompanyTitle(_)
            )
        };
        let discipline = || m.iter().filter(|x| is_discipline(self.kind(x)));
        let other = m
            .iter()
            .filter(|x| matches!(self.kind(x), PhraseKind::Other(_)))
            .filter(|o| {
                discipline().next().is_none()
                    || discipline().any(|d| d.overlaps(o))
                    || (o.end() == role.1
                        && discipline().all(|d| d.end() < o.end())
                        && !s.tokens[o.start].joined)
            })
            .max_by_key(|x| x.len)
            .copied()?;
        let confidence = if discipline().next().is_none() {
            0.9
        } else {
            0.8
        };
        Some((other, confidence))
    }

    /// Applies a grade left after the role, and finds the specialization.
    pub(super) fn finish(
        &self,
        s: &Scratch,
        role: (usize, usize),
        out: &mut Levelled,
        used: Option<Match>,
    ) {
        out.confidence = out.confidence.clamp(0.3, 1.0);
        let grade = (role.0..role.1)
            .find(|&i| s.tokens[i].grade > 0 && used.is_none_or(|u| i < u.start || i >= u.end()));
        if let (Some(i), Some(level)) = (grade, out.level) {
            let g = s.tokens[i].grade;
            out.grade = g;
            let id = &self.fw.level_at(level).id;
            if let Some(rule) = self.fw.titles().grades.iter().find(|r| &r.level == id) {
                if let Some(graded) = rule
                    .grades
                    .get(usize::from(g) - 1)
                    .and_then(|l| self.fw.level_pos(l))
                {
                    if graded != level {
                        out.before_grade = Some(level);
                        out.level = Some(graded);
                    }
                    out.confidence = out.confidence.min(0.8);
                }
            }
        }
        let (spec, from_team) = self.specialization(s, role);
        out.specialization = spec;
        out.specialization_from_team = from_team;
    }

    /// The first specialization signal in the role, or failing that in the rest of the title.
    pub(super) fn specialization(&self, s: &Scratch, role: (usize, usize)) -> (Option<u16>, bool) {
        if let Some(i) = self.first_signal(&s.tokens, role) {
            return (Some(i), false);
        }
        let before = self.first_signal(&s.tokens, (0, role.0));
        let found = before.or_else(|| self.first_signal(&s.tokens, (role.1, s.tokens.len())));
        (found, found.is_some())
    }

    /// The earliest specialization signal in a range, without collecting matches.
    pub(super) fn first_signal(&self, tokens: &[Token], (from, to): (usize, usize)) -> Option<u16> {
        for i in from..to {
            let Some(list) = self.by_first.get(&tokens[i].id) else {
                continue;
            };
            for &p in list {
                let phrase = &self.phrases[p as usize];
                if let PhraseKind::Signal(spec) = phrase.kind {
                    let n = phrase.words.len();
                    if i + n <= to
                        && tokens[i..i + n]
                            .iter()
                            .zip(&phrase.words)
                            .all(|(t, &w)| t.id == w)
                    {
                        return Some(spec);
                    }
                }
            }
        }
        None
    }
}
