//! Teams: a roster of people with reporting lines, their assessment history, and the analytics a
//! product leader runs on them.

mod codes;
mod demo;
mod history;
mod history_csv;
mod history_files;
mod ids;
pub mod person;
mod report;
mod roster;
mod stored;
mod table;

pub use demo::{Demo, DemoOptions, demo};
pub use history::{Entry, History};
pub use history_csv::{HISTORY_COLUMNS, MAX_HISTORY_BYTES, load_history_csv};
pub use history_files::{HistoryFile, is_history_file, read_history_file};
pub use report::*;
pub use roster::{
    LoadedRoster, MAX_ROSTER_BYTES, Person, ROSTER_COLUMNS, Roster, load_roster, template,
};
pub use stored::{AssessmentRecord, HistoryBuilder, Part, PersonRecord, RosterBuilder, Unread};
