//! Integration tests of rungs-core: one test binary, a module per subject.

mod assessments;
mod builtin;
mod calibration;
mod demo;
mod document;
mod growth;
mod level_rule;
mod robustness;
mod sheets;
mod stored;
mod support;
mod team;
mod team_files;
mod titles;
mod validation;
mod zones;
