//! What may be done to a cycle and its records, and why not: each refusal says its reason.

use super::*;
use crate::assessment::AssessorKind;

/// Why an action was refused, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(super) fn refuse<T>(text: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(text.into()))
}

/// Moving a cycle from one stage to another: forward, one stage at a time, never out of closed.
pub fn advance(from: Stage, to: Stage) -> Result<(), Refused> {
    if from == Stage::Closed {
        return refuse("the cycle is closed: nothing in it changes any more");
    }
    if to == from {
        return refuse(format!("the cycle is already at {}", from.name()));
    }
    if to < from {
        return refuse(format!(
            "a cycle only moves forward: it is at {} and cannot go back to {}; reopen one \
             person's record instead",
            from.name(),
            to.name()
        ));
    }
    match from.next() {
        Some(next) if next == to => Ok(()),
        Some(next) => refuse(format!(
            "a cycle moves one stage at a time: from {} the next stage is {}, not {}",
            from.name(),
            next.name(),
            to.name()
        )),
        None => refuse("the cycle is closed: nothing in it changes any more"),
    }
}

/// Writing a part (as a draft, or submitting it) at this stage, in this state.
///
/// The self-assessment is written during the self-assessment stage and, late, during the
/// manager assessment; the manager's rating only during the manager assessment. A submitted
/// part is final unless an admin reopens it.
pub fn may_write(stage: Stage, part: Part, state: PartState) -> Result<(), Refused> {
    let open = match part {
        Part::Own => stage <= Stage::ManagerAssessment,
        Part::Manager => stage == Stage::ManagerAssessment,
    };
    if !open {
        return if stage < part.stage() {
            refuse(format!(
                "{} opens when the cycle reaches {}; it is at {}",
                capital(part.words()),
                part.stage().name(),
                stage.name()
            ))
        } else {
            refuse(format!(
                "{} can no longer be written: the cycle is at {}{}",
                capital(part.words()),
                stage.name(),
                if stage >= Stage::Shared {
                    " (a change now is a correction, with a reason)"
                } else {
                    ""
                }
            ))
        };
    }
    if state == PartState::Submitted {
        return refuse(format!(
            "{} is submitted and final; an admin can reopen it, with a reason",
            capital(part.words())
        ));
    }
    Ok(())
}

/// Reopening one person's part, so it can be written again: before results are shared, and
/// only a part that was submitted.
pub fn may_reopen(stage: Stage, part: Part, state: PartState) -> Result<(), Refused> {
    if stage >= Stage::Shared {
        return refuse(format!(
            "the results are shared and frozen (the cycle is at {}): correct the rating instead, \
             with a reason",
            stage.name()
        ));
    }
    if state != PartState::Submitted {
        return refuse(format!(
            "{} is {}: only a submitted part needs reopening",
            capital(part.words()),
            state.words()
        ));
    }
    Ok(())
}

/// A calibrated change to a manager's rating: during calibration, of a submitted rating.
pub fn may_calibrate(stage: Stage, manager: PartState) -> Result<(), Refused> {
    if stage != Stage::Calibration {
        return refuse(format!(
            "ratings are calibrated during calibration; the cycle is at {}{}",
            stage.name(),
            if stage > Stage::Calibration {
                " (a change now is a correction, with a reason)"
            } else {
                ""
            }
        ));
    }
    if manager != PartState::Submitted {
        return refuse(format!(
            "the manager's rating is {}: only a submitted rating is calibrated",
            manager.words()
        ));
    }
    Ok(())
}

/// A correction after results are shared: a new record beside the shared one, never an
/// overwrite, of a record that was shared.
pub fn may_correct(stage: Stage, standing: &Standing) -> Result<(), Refused> {
    if stage < Stage::Shared {
        return refuse(format!(
            "the cycle is at {}: results are not shared yet, so change the rating in its stage \
             (or reopen it) rather than correcting it",
            stage.name()
        ));
    }
    if stage == Stage::Closed {
        return refuse("the cycle is closed: nothing in it changes any more");
    }
    if !standing.shared {
        return refuse(
            "this record's results were not shared (it had no submitted manager's rating)",
        );
    }
    Ok(())
}

/// A reason given for a change that must have one: said in words, not empty.
pub fn reason(text: &str) -> Result<&str, Refused> {
    let t = text.trim();
    if t.chars().count() < 3 {
        return refuse("say why, in a few words: the reason is kept with the change");
    }
    if let Err(r) = crate::limits::check("the reason", t, crate::limits::REASON) {
        return Err(Refused(r.message));
    }
    Ok(t)
}

/// Whether a record is shared with its person when the cycle moves to [`Stage::Shared`]: once
/// the manager's rating is submitted. (A record without one stays unshared: there is nothing
/// to share.)
pub fn shared_on_sharing(standing: &Standing) -> bool {
    standing.manager == PartState::Submitted
}

/// Who sees what of a record.
///
/// The person sees their own self-assessment always, and the manager's rating only once the
/// results are shared. The manager and an admin see the self-assessment only once it is
/// submitted (a draft is the person's own until then), and the manager's rating always.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Person,
    Manager,
    Admin,
}

impl Viewer {
    /// Who a caller is to a record: an admin is an admin even on their own record; anyone
    /// else is the person on their own and a manager on the records of their people.
    pub fn of(admin: bool, own: bool) -> Viewer {
        match (admin, own) {
            (true, _) => Viewer::Admin,
            (false, true) => Viewer::Person,
            (false, false) => Viewer::Manager,
        }
    }

    /// The part of a record that is this viewer's to write: the self-assessment on their own
    /// record (an admin's too), the manager's rating on anyone else's.
    pub fn writes(self, own: bool) -> Part {
        match self {
            Viewer::Person => Part::Own,
            Viewer::Manager => Part::Manager,
            Viewer::Admin if own => Part::Own,
            Viewer::Admin => Part::Manager,
        }
    }
}

pub fn sees(viewer: Viewer, part: Part, standing: &Standing) -> bool {
    match (viewer, part) {
        (Viewer::Person, Part::Own) | (Viewer::Manager | Viewer::Admin, Part::Manager) => true,
        (Viewer::Person, Part::Manager) => standing.shared,
        (Viewer::Manager | Viewer::Admin, Part::Own) => standing.own == PartState::Submitted,
    }
}

/// What moving a cycle on from `from` would leave undone, in sentences, given how many people
/// it has and how many of each part are submitted. Empty when nothing is left behind; an
/// admin moves on past anything here only on purpose (the move asks to confirm).
pub fn left_undone(from: Stage, people: usize, own: usize, manager: usize) -> Vec<String> {
    let (own_missing, manager_missing) =
        (people.saturating_sub(own), people.saturating_sub(manager));
    let of = |n: usize, what: &str| format!("{n} of {people} {what}");
    let mut out = Vec::new();
    match from {
        Stage::SelfAssessment if own_missing > 0 => out.push(format!(
            "{} not submitted: they can still be written, late, during manager assessment, and \
             not after it",
            of(own_missing, "self-assessments are")
        )),
        Stage::ManagerAssessment => {
            if manager_missing > 0 {
                out.push(format!(
                    "{} not submitted: once calibration starts they can no longer be written, and \
                     those people's results will not be shared",
                    of(manager_missing, "manager's ratings are")
                ));
            }
            if own_missing > 0 {
                out.push(format!(
                    "{} not submitted: they can no longer be written after this stage",
                    of(own_missing, "self-assessments are")
                ));
            }
        }
        Stage::Calibration if manager_missing > 0 => out.push(format!(
            "{} no submitted manager's rating: their records will not be shared",
            of(manager_missing, "people have")
        )),
        _ => {}
    }
    out
}

/// An assessment made outside a review, of a person in `review` (at `stage`): while the review
/// runs (until its results are shared), a self-assessment or a manager's rating is written in
/// the review's record and nowhere else, so one record per person counts for the review and a
/// manager's rating stays hidden from the person until it is shared. A peer's assessment is
/// not part of a review and is kept as always.
pub fn outside_review(review: &str, stage: Stage, kind: AssessorKind) -> Result<(), Refused> {
    if stage >= Stage::Shared || kind == AssessorKind::Peer {
        return Ok(());
    }
    let part = match kind {
        AssessorKind::Own => Part::Own,
        _ => Part::Manager,
    };
    refuse(format!(
        "this person is in the review \"{review}\" (at {}): while it runs, {} is written in the \
         review's record, so that one record counts for the review{}",
        stage.name(),
        part.words(),
        if stage < part.stage() {
            format!(" (it opens there at {})", part.stage().name())
        } else if may_write(stage, part, PartState::Draft).is_err() {
            " (its time there has passed)".to_owned()
        } else {
            String::new()
        }
    ))
}

/// Whether a manager (`me`) answers for a person's record in a review: they are the manager
/// the review recorded (from the roster when it started, or by an admin's hand-over), or above
/// that manager now (`above_recorded`). A roster move during the review does not move the
/// record: the person's new manager does not read or write it until an admin hands it over.
pub fn answers_for(me: &str, recorded: Option<&str>, above_recorded: bool) -> bool {
    recorded == Some(me) || (recorded.is_some() && above_recorded)
}

/// Handing a person's record to another manager: before the results are shared, to someone
/// other than the person and the manager who has it.
pub fn may_hand_over(
    stage: Stage,
    person: &str,
    from: Option<&str>,
    to: &str,
) -> Result<(), Refused> {
    if stage >= Stage::Shared {
        return refuse(format!(
            "the results are shared (the cycle is at {}): the record stays with the manager who \
             rated it",
            stage.name()
        ));
    }
    if to == person {
        return refuse("a person cannot be their own manager in a review");
    }
    if from == Some(to) {
        return refuse("the record is already with that manager");
    }
    Ok(())
}
