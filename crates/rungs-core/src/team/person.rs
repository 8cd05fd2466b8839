//! What makes a valid person: one set of checks, with one wording, for a row of a roster CSV,
//! a person sent to the API and a form on a page. Each problem names its field; a CSV reader
//! turns that into a line and column, the API into a JSON path.

use compact_str::CompactString;

use crate::date::Date;
use crate::framework::{Framework, LevelPos, Unknown};
use crate::suggest::did_you_mean;
use crate::titles::{Kind, Leveller, Scratch};

/// The most characters a roster id may have.
pub const MAX_ID: usize = 64;

/// A problem with one field of a person, or a note about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field, as the roster's column and the API's property are named: `level`, `manager`.
    pub field: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl FieldProblem {
    fn new(field: &'static str, message: impl Into<String>, help: impl Into<String>) -> Self {
        FieldProblem {
            field,
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// Pay as it was given: text as people write it (`185,000`, `$185K`), or a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayInput<'a> {
    Text(&'a str),
    Whole(i64),
}

/// A person's fields as given, before any check. Empty text counts as not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonDraft<'a> {
    pub id: Option<&'a str>,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub title: Option<&'a str>,
    /// A level id, title or alias; when empty, the title is levelled.
    pub level: Option<&'a str>,
    /// A track id; defaults to the level's.
    pub track: Option<&'a str>,
    pub rung_start: Option<&'a str>,
    pub pay: Option<PayInput<'a>>,
    pub currency: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// A person whose every field checked out. Manager links are checked apart, once everyone is
/// known ([`own_manager`], [`unknown_manager`], [`reporting_cycle`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPerson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub title: Option<&'a str>,
    pub level: LevelPos,
    /// The level came from the title, not the `level` field.
    pub level_from_title: bool,
    pub track: usize,
    pub rung_start: Option<Date>,
    pub pay: Option<u64>,
    /// The pay's currency, when it is not the framework's.
    pub currency: Option<CompactString>,
    /// Position of the company stage in the framework's compensation.
    pub stage: Option<usize>,
    pub location: Option<&'a str>,
}

/// The outcome of checking one person: the person if every field is right, the problems
/// (errors), and notes that refuse nothing (a level filled in from the title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCheck<'a> {
    pub person: Option<CheckedPerson<'a>>,
    pub problems: Vec<FieldProblem>,
    pub notes: Vec<FieldProblem>,
}

/// Checks people against one framework; keeps the title leveller between people.
#[derive(Debug)]
pub struct PersonChecker<'f> {
    fw: &'f Framework,
    leveller: Leveller<'f>,
    scratch: Scratch,
    stages: Vec<&'f str>,
}

/// The help for an unknown level: the nearest ids, or all of them.
pub fn unknown_help(unknown: &Unknown) -> String {
    match unknown.suggestions.as_slice() {
        [] => format!("the {}s are: {}", unknown.kind, unknown.known.join(", ")),
        [one] => format!("did you mean `{one}`?"),
        many => format!("did you mean one of: {}?", many.join(", ")),
    }
}

/// A roster id: letters, digits, `-`, `_` and `.`, up to [`MAX_ID`] characters.
pub fn check_id(id: &str) -> Result<(), FieldProblem> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(FieldProblem::new(
            "id",
            format!("\"{id}\" is not a roster id"),
            format!("use letters, digits, -, _ and . (up to {MAX_ID}), like p-001"),
        ))
    }
}

/// An email address, checked closely enough to catch mistakes.
pub fn check_email(email: &str) -> Result<(), FieldProblem> {
    let e = email.trim();
    let ok = e.len() <= crate::limits::EMAIL
        && !e.contains(|c: char| c.is_whitespace() || c.is_control())
        && e.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !host.contains('@')
        });
    if ok {
        Ok(())
    } else {
        Err(FieldProblem::new(
            "email",
            format!("\"{email}\" is not an email address"),
            "write it like ada@example.com, or leave it empty",
        ))
    }
}

/// A person named as their own manager.
pub fn own_manager(id: &str) -> FieldProblem {
    FieldProblem::new(
        "manager",
        format!("`{id}` cannot be their own manager"),
        "leave the manager empty for the top of the organization",
    )
}

/// A manager who is not on the roster, with the nearest ids that are.
pub fn unknown_manager<'a>(manager: &str, ids: impl IntoIterator<Item = &'a str>) -> FieldProblem {
    FieldProblem::new(
        "manager",
        format!("manager `{manager}` is not on the roster"),
        did_you_mean(manager, ids)
            .unwrap_or_else(|| "the manager must be a person id on the roster".into()),
    )
}

/// A reporting line that would go round in a circle, as the ids in it: `a → b → a`.
pub fn reporting_cycle(ids: &[&str]) -> FieldProblem {
    let first = ids.first().copied().unwrap_or_default();
    FieldProblem::new(
        "manager",
        format!("reporting cycle: {} → {first}", ids.join(" → ")),
        "someone in the chain must report outside it, or to no one",
    )
}

impl<'f> PersonChecker<'f> {
    pub fn new(fw: &'f Framework) -> Self {
        PersonChecker {
            fw,
            leveller: Leveller::new(fw, None),
            scratch: Scratch::default(),
            stages: fw
                .compensation()
                .map(|c| c.stages.iter().map(|s| s.id.as_str()).collect())
                .unwrap_or_default(),
        }
    }

    /// Checks every field of a person (all but the manager).
    pub fn check<'a>(&mut self, d: &PersonDraft<'a>) -> PersonCheck<'a> {
        let fw = self.fw;
        let given = |v: Option<&'a str>| v.map(str::trim).filter(|v| !v.is_empty());
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let id = match given(d.id) {
            None => {
                problems.push(FieldProblem::new(
                    "id",
                    "`id` is empty",
                    "every person needs an id, like p-001",
                ));
                None
            }
            Some(id) => match check_id(id) {
                Ok(()) => Some(id),
                Err(p) => {
                    problems.push(p);
                    None
                }
            },
        };
        let name = given(d.name);
        if name.is_none() {
            problems.push(FieldProblem::new(
                "name",
                "`name` is empty",
                "every person needs a name",
            ));
        }
        // Typed text is held to its limit; a text past it is refused, not cut.
        let mut limited = |field: &'static str, what: &str, text: Option<&str>, max: usize| {
            if let Some(Err(r)) = text.map(|t| crate::limits::check(what, t, max)) {
                problems.push(FieldProblem::new(field, r.message, r.help));
                return false;
            }
            true
        };
        let name = name.filter(|n| limited("name", "the name", Some(n), crate::limits::NAME));
        let title_ok = limited("title", "the title", given(d.title), crate::limits::TITLE);
        limited(
            "location",
            "the location",
            given(d.location),
            crate::limits::LOCATION,
        );
        let email = given(d.email).filter(|e| match check_email(e) {
            Ok(()) => true,
            Err(p) => {
                problems.push(p);
                false
            }
        });
        let title = given(d.title).filter(|_| title_ok);
        let level = self.level(d.level, title, &mut problems, &mut notes);
        let track = self.track(given(d.track), level, &mut problems);
        let rung_start = given(d.rung_start).and_then(|text| match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                problems.push(FieldProblem::new(
                    "rung_start",
                    format!("\"{text}\" is not a date: {e}"),
                    "write a date as YYYY-MM-DD, e.g. 2024-03-01",
                ));
                None
            }
        });
        let pay = pay_of(d.pay, &mut problems);
        let currency = given(d.currency).and_then(|c| {
            let code = CompactString::from(c).to_ascii_uppercase();
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(code)
            } else {
                problems.push(FieldProblem::new(
                    "currency",
                    format!("\"{c}\" is not a currency code"),
                    "use a three-letter code such as USD or EUR",
                ));
                None
            }
        });
        // The framework's own currency is the default: kept as no currency.
        let currency =
            currency.filter(|c| fw.compensation().is_none_or(|comp| comp.currency != *c));
        let stage = given(d.stage).and_then(|s| match self.stages.iter().position(|x| *x == s) {
            Some(i) => Some(i),
            None => {
                let help = did_you_mean(s, self.stages.iter().copied())
                    .unwrap_or_else(|| format!("the stages are: {}", self.stages.join(", ")));
                problems.push(FieldProblem::new(
                    "stage",
                    format!("unknown company stage `{s}`"),
                    help,
                ));
                None
            }
        });
        let location = given(d.location);
        let person = match (id, name, level, track) {
            (Some(id), Some(name), Some((level, level_from_title)), Some(track))
                if problems.is_empty() =>
            {
                Some(CheckedPerson {
                    id,
                    name,
                    email,
                    title,
                    level,
                    level_from_title,
                    track,
                    rung_start,
                    pay,
                    currency,
                    stage,
                    location,
                })
            }
            _ => None,
        };
        PersonCheck {
            person,
            problems,
            notes,
        }
    }

    /// The level: given, or filled in from the title (with a note saying so).
    fn level(
        &mut self,
        given_level: Option<&str>,
        title: Option<&str>,
        problems: &mut Vec<FieldProblem>,
        notes: &mut Vec<FieldProblem>,
    ) -> Option<(LevelPos, bool)> {
        let fw = self.fw;
        let given = given_level.map(str::trim).filter(|v| !v.is_empty());
        match given {
            Some(l) => match fw.find_level(l) {
                Ok(level) => Some((level.pos(), false)),
                Err(unknown) => {
                    problems.push(FieldProblem::new(
                        "level",
                        format!("unknown level `{l}`"),
                        unknown_help(&unknown),
                    ));
                    None
                }
            },
            None => match title {
                Some(t) => {
                    let levelled = self.leveller.level(t, &mut self.scratch);
                    let verdict = self.leveller.describe(t, &levelled, &self.scratch);
                    match (levelled.kind, levelled.level) {
                        (Kind::Level, Some(l)) => {
                            notes.push(FieldProblem {
                                field: "title",
                                message: format!(
                                    "level filled in from the title \"{t}\": {} ({})",
                                    fw.level_at(l).id,
                                    verdict.reason
                                ),
                                help: None,
                            });
                            Some((l, true))
                        }
                        _ => {
                            problems.push(FieldProblem::new(
                                "level",
                                format!(
                                    "the level is empty and the title \"{t}\" does not settle one: {}",
                                    verdict.reason
                                ),
                                "write the level id in the `level` field",
                            ));
                            None
                        }
                    }
                }
                None => {
                    problems.push(FieldProblem::new(
                        "level",
                        "no level and no title",
                        "write a level id, or a title Rungs can level",
                    ));
                    None
                }
            },
        }
    }

    /// The track: given (and one the level is on), or the level's own.
    fn track(
        &self,
        given: Option<&str>,
        level: Option<(LevelPos, bool)>,
        problems: &mut Vec<FieldProblem>,
    ) -> Option<usize> {
        let fw = self.fw;
        match (given, level) {
            (Some(t), Some((l, _))) => match fw.track_index(t) {
                Some(i) => {
                    let lv = fw.level_at(l);
                    let on_trunk = fw.track(&lv.track).is_some_and(|x| x.shared);
                    if lv.track != t && !on_trunk {
                        problems.push(FieldProblem::new(
                            "track",
                            format!("`{}` is on the `{}` track, not `{t}`", lv.id, lv.track),
                            format!("write `{}` or leave the track empty", lv.track),
                        ));
                    }
                    Some(i)
                }
                None => {
                    let ids: Vec<&str> = fw.tracks().iter().map(|x| x.id.as_str()).collect();
                    let help = did_you_mean(t, ids.iter().copied())
                        .unwrap_or_else(|| format!("the tracks are: {}", ids.join(", ")));
                    problems.push(FieldProblem::new(
                        "track",
                        format!("unknown track `{t}`"),
                        help,
                    ));
                    None
                }
            },
            (None, Some((l, _))) => fw.track_index(&fw.level_at(l).track),
            _ => None,
        }
    }
}

/// Pay as sent: a whole number, or text as people write it; none when not given.
fn pay_of(pay: Option<PayInput<'_>>, problems: &mut Vec<FieldProblem>) -> Option<u64> {
    match pay {
        None => None,
        Some(PayInput::Whole(v)) => match u64::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                problems.push(FieldProblem::new(
                    "pay",
                    "pay cannot be negative",
                    "give whole currency units, like 185000",
                ));
                None
            }
        },
        Some(PayInput::Text(text)) => {
            Some(text.trim()).filter(|p| !p.is_empty()).and_then(
                |p| match crate::pay::parse_amount(p) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        problems.push(FieldProblem::new(
                            "pay",
                            format!("\"{p}\" {}", e.reason),
                            e.help,
                        ));
                        None
                    }
                },
            )
        }
    }
}

#[cfg(test)]
mod tests;
