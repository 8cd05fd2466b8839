//! The application layer's use cases, on every backend (SQLite always, PostgreSQL when
//! `RUNGS_TEST_DATABASE_URL` is set): assessment history in and out, the team report over
//! stored data, and the one rule for a person's latest assessment.

mod cycles;
mod demo;
mod history;
mod hostile;
mod latest;
mod named;
mod one_answer;
mod org_pay;
mod sheets;
mod sheets_limits;
mod support;
mod versions;
