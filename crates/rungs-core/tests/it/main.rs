//! Integration tests of rungs-core: one test binary, a module per subject.

mod builtin;
mod level_rule;
mod robustness;
mod support;
mod validation;
