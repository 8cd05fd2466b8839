//! Integration tests of rungs-core: one test binary, a module per subject.

mod builtin;
mod robustness;
mod support;
mod validation;
