//! A cycle's due dates, and what each person has to do next and by when.

use super::*;

/// The days each stage is due to end (any may be unset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dates {
    pub self_assessment: Option<Date>,
    pub manager_assessment: Option<Date>,
    pub calibration: Option<Date>,
    pub shared: Option<Date>,
}

impl Dates {
    pub fn due(&self, stage: Stage) -> Option<Date> {
        match stage {
            Stage::SelfAssessment => self.self_assessment,
            Stage::ManagerAssessment => self.manager_assessment,
            Stage::Calibration => self.calibration,
            Stage::Shared => self.shared,
            Stage::Closed => None,
        }
    }

    /// The dates must come in the order of the stages.
    pub fn check(&self) -> Result<(), Refused> {
        let set: Vec<(Stage, Date)> = Stage::ALL
            .into_iter()
            .filter_map(|s| self.due(s).map(|d| (s, d)))
            .collect();
        for w in set.windows(2) {
            if w[1].1 < w[0].1 {
                return refuse(format!(
                    "{} ends on {}, before {} ends on {}: the dates must follow the stages",
                    w[1].0.name(),
                    w[1].1,
                    w[0].0.name(),
                    w[0].1
                ));
            }
        }
        Ok(())
    }
}

/// Something someone must do next in a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Todo {
    /// What to do, in words: "Submit your self-assessment".
    pub what: String,
    /// By when, if the stage has a date.
    pub due: Option<Date>,
    /// Whose record it is about (a person id), if about one.
    pub person: Option<String>,
    /// Past its date on `today`.
    pub late: bool,
}

/// What the person must do in their own record.
pub fn own_todo(stage: Stage, standing: &Standing, dates: &Dates, today: Date) -> Option<Todo> {
    if may_write(stage, Part::Own, standing.own).is_err() {
        return None;
    }
    let what = match standing.own {
        PartState::NotStarted => "Write and submit your self-assessment",
        _ => "Submit your self-assessment (a draft is saved)",
    };
    let due = dates.due(Stage::SelfAssessment);
    Some(Todo {
        what: what.into(),
        due,
        person: None,
        late: due.is_some_and(|d| d < today),
    })
}

/// What a manager must do for one of their people.
pub fn manager_todo(
    stage: Stage,
    standing: &Standing,
    person: &str,
    name: &str,
    dates: &Dates,
    today: Date,
) -> Option<Todo> {
    if may_write(stage, Part::Manager, standing.manager).is_err() {
        return None;
    }
    let what = match standing.manager {
        PartState::NotStarted => format!("Rate {name}"),
        _ => format!("Submit your rating of {name} (a draft is saved)"),
    };
    let due = dates.due(Stage::ManagerAssessment);
    Some(Todo {
        what,
        due,
        person: Some(person.to_owned()),
        late: due.is_some_and(|d| d < today),
    })
}

pub(super) fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
