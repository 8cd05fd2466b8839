//! `rungs`: the command-line face of Rungs. Parsing and dispatch only; the work is in
//! `rungs-core`, and each command's rendering in `commands/`.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod logs;
mod prompt;
mod source;
mod text;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: reading documents and answering requests make
/// many small allocations, and it serves them in about two thirds of the time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let mut input = std::io::stdin().lock();
    // With --json, stdout carries only the JSON; questions go to stderr.
    let mut prompts: Box<dyn Write> = if cli.global.json {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    let mut prompt = prompt::Prompter::new(&mut input, &mut prompts);
    match commands::run(cli, &mut prompt) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`rungs levels | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.text.as_bytes());
            let _ = stdout.flush();
            output.status
        }
        Err(err) => {
            match err.downcast_ref::<source::Invalid>() {
                Some(invalid) => eprintln!("{invalid}"),
                None => eprintln!("error: {err:#}"),
            }
            ExitCode::FAILURE
        }
    }
}
