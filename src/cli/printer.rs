//! Everything a user reads goes through one [`Printer`]: in the `--lang` language only, results
//! on standard output, problems and notes on standard error, warnings and notes held back by
//! `--quiet`.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use smartcity::diagnostics::{Code, Problem, Severity};
use smartcity::text::{Lang, Text, terminal_safe};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Warnings of one code in one file printed in full; more are counted.
const WARNINGS_SHOWN: usize = 3;

/// Prints for one run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    lang: Lang,
    quiet: bool,
}

impl Printer {
    /// A printer in `lang`; `quiet` hides warnings, notes and the progress bar.
    pub(crate) fn new(lang: Lang, quiet: bool) -> Printer {
        Printer { lang, quiet }
    }

    /// The reader's language.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// The same printer, quiet.
    pub(crate) fn quiet(self) -> Printer {
        Printer {
            quiet: true,
            ..self
        }
    }

    /// Results, on standard output. A closed pipe (`| head`) is not an error worth a message.
    /// Data (CSV, JSON) goes out as it is, unless standard output is a terminal: then control
    /// characters from the inputs are shown escaped (`terminal_safe`), never run by the terminal.
    pub(crate) fn output(&self, bytes: &[u8]) -> std::io::Result<()> {
        if std::io::stdout().is_terminal() {
            return self.text(&String::from_utf8_lossy(bytes));
        }
        let mut out = std::io::stdout().lock();
        reader_gone_is_fine(out.write_all(bytes).and_then(|()| out.flush()))
    }

    /// Results streamed to standard output by `fill` as they are made (a national CSV is never
    /// held whole); on a terminal they are collected first and shown as [`Self::output`] shows
    /// them.
    pub(crate) fn output_with(
        &self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if std::io::stdout().is_terminal() {
            let mut bytes = Vec::new();
            fill(&mut bytes)?;
            return self.output(&bytes);
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        reader_gone_is_fine(fill(&mut out).and_then(|()| out.flush()))
    }

    /// Text for people (a table, a listing, a verdict per file), on standard output, its control
    /// characters shown escaped wherever it goes (a pipe into `less -R` reaches a terminal too).
    pub(crate) fn text(&self, text: &str) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        let written = out.write_all(terminal_safe(text, true).as_bytes());
        reader_gone_is_fine(written.and_then(|()| out.flush()))
    }

    /// The width of the terminal standard output goes to; none when it goes to a file or pipe,
    /// which get every column.
    pub(crate) fn width(&self) -> Option<usize> {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        console::Term::stdout()
            .size_checked()
            .map(|(_rows, cols)| cols as usize)
    }

    /// Problems, on standard error: errors always, warnings unless quiet.
    ///
    /// Errors are all shown. Of the warnings of one code in one file, the first
    /// [`WARNINGS_SHOWN`] are, and the rest counted in one line: a national table with 20,000
    /// blank required answers says so in a few lines (JSON output keeps every one).
    pub(crate) fn problems(&self, problems: &[Problem]) {
        let mut err = std::io::stderr().lock();
        let mut seen: HashMap<(&Path, Code), usize> = HashMap::new();
        let mut held: Vec<(&Path, Code)> = Vec::new();
        for p in problems {
            if p.severity == Severity::Warning {
                if self.quiet {
                    continue;
                }
                let n = seen.entry((p.file.as_path(), p.code)).or_default();
                *n += 1;
                if *n > WARNINGS_SHOWN {
                    if *n == WARNINGS_SHOWN + 1 {
                        held.push((p.file.as_path(), p.code));
                    }
                    continue;
                }
            }
            let _ = writeln!(err, "{}", terminal_safe(&p.render(self.lang), true));
        }
        for (file, code) in held {
            let more = seen[&(file, code)] - WARNINGS_SHOWN;
            let (file, code) = (file.display().to_string(), code.as_str());
            let line = Text::new(
                format!("{file}: … dan {more} peringatan {code} lagi"),
                format!(
                    "{file}: … and {more} more {code} {}",
                    if more == 1 { "warning" } else { "warnings" }
                ),
            );
            let _ = writeln!(err, "{}", terminal_safe(line.get(self.lang), false));
        }
    }

    /// An error that ends the run, always shown.
    /// Its control characters are shown escaped; its own line breaks (a template error's
    /// snippet) stay.
    pub(crate) fn error(&self, text: &Text) {
        eprintln!("{}", terminal_safe(text.get(self.lang), true));
    }

    /// A note or warning about the run (what was written, a summary), unless quiet.
    pub(crate) fn note(&self, text: &Text) {
        // A note is one line: a line break in it (a file name's) is shown escaped.
        if !self.quiet {
            eprintln!("{}", terminal_safe(text.get(self.lang), false));
        }
    }

    /// A progress bar on standard error for `len` steps of `what`; hidden when standard error
    /// is not a terminal (pipes, CI, logs) or when quiet.
    pub(crate) fn progress(&self, len: usize, what: Text) -> ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} · {rate} · {eta}")
        {
            // Files per second as a person reads them (`693/s`, `1,5/s`), in the reader's
            // convention, instead of indicatif's four decimals.
            let lang = self.lang;
            let rate = move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let per_sec = state.per_sec();
                let decimals = if per_sec < 10.0 { 1 } else { 0 };
                let _ = write!(w, "{}/s", lang.number(per_sec, decimals));
            };
            bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
        }
        bar.set_message(terminal_safe(what.get(self.lang), false).into_owned());
        bar
    }
}

/// A reader that stopped reading (`| head`) took what it wanted: like other command-line tools,
/// say nothing of the closed pipe and do not fail for it.
fn reader_gone_is_fine(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
