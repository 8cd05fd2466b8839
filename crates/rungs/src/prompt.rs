//! Asking questions in the terminal: one line in, one answer out, on any reader and writer, so
//! the interactive commands can be driven through stdin in tests as well as by people.

use std::io::{BufRead, Write};

use anyhow::{Result, bail};

pub(crate) struct Prompter<'a> {
    input: &'a mut dyn BufRead,
    output: &'a mut dyn Write,
}

impl<'a> Prompter<'a> {
    pub(crate) fn new(input: &'a mut dyn BufRead, output: &'a mut dyn Write) -> Self {
        Self { input, output }
    }

    /// Prints text as it is.
    pub(crate) fn say(&mut self, text: &str) -> Result<()> {
        self.output.write_all(text.as_bytes())?;
        self.output.flush()?;
        Ok(())
    }

    /// Asks for a line; returns it trimmed. `q` quits, and so does the end of the input.
    pub(crate) fn ask(&mut self, prompt: &str) -> Result<String> {
        self.say(prompt)?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            self.say("\n")?;
            bail!("the input ended before the questions were done; nothing was saved");
        }
        let answer = line.trim().to_owned();
        if answer.eq_ignore_ascii_case("q") {
            bail!("stopped at your request; nothing was saved");
        }
        Ok(answer)
    }

    /// Reads one line as it is, without its line end: for a secret piped in.
    pub(crate) fn line(&mut self) -> Result<String> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            bail!("the input was empty");
        }
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }

    /// Asks until `accept` takes the answer; `accept` returns an error message to show otherwise.
    pub(crate) fn ask_until<T>(
        &mut self,
        prompt: &str,
        mut accept: impl FnMut(&str) -> Result<T, String>,
    ) -> Result<T> {
        loop {
            let answer = self.ask(prompt)?;
            match accept(&answer) {
                Ok(value) => return Ok(value),
                Err(message) => self.say(&format!("  {message}\n"))?,
            }
        }
    }

    /// Asks to pick one of `count` numbered options (1-based); Enter takes `default` if there is one.
    pub(crate) fn choose(
        &mut self,
        prompt: &str,
        count: usize,
        default: Option<usize>,
    ) -> Result<usize> {
        self.ask_until(prompt, |answer| {
            if answer.is_empty() {
                return default.ok_or_else(|| format!("type a number from 1 to {count}"));
            }
            match answer.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
                _ => Err(format!("type a number from 1 to {count}")),
            }
        })
    }

    /// A yes/no question; Enter means `default`.
    pub(crate) fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        self.ask_until(prompt, |answer| match answer.to_lowercase().as_str() {
            "" => Ok(default),
            "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            _ => Err("answer y or n".to_owned()),
        })
    }
}
