//! The Rungs domain: career frameworks as data, and the engines that read them.
//!
//! Pure: no I/O beyond parsing strings, no async, no database types. The faces (the `rungs`
//! binary, the web server) read files and requests, hand their contents to this crate, and
//! render what it computes.
#![forbid(unsafe_code)]

pub mod access;
pub mod assessment;
pub mod browse;
pub mod cell;
pub mod cycle;
pub mod date;
pub mod diag;
mod doc;
pub mod eval;
pub mod framework;
pub mod ids;
pub mod limits;
pub mod path;
pub mod pay;
mod rng;
pub mod suggest;
pub mod team;
pub mod titles;
pub mod trackfit;
pub mod words;

pub use date::Date;
pub use diag::{Diagnostic, Position, Severity};
pub use doc::{FileKind, Format};
pub use framework::{Framework, LoadError, Loaded, Unknown};
pub use ids::{AssessmentId, CompetencyId, CycleId, LevelId, PersonId, VersionId};
