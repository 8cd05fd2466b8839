//! The `rungs` binary, run as a user runs it.

mod browse;
mod framework_files;
mod growth;
mod one_answer;
mod packet;
mod same_answer;
mod server;
mod support;
mod team;
mod titles;
mod trust;
