//! `rungs title "<title>"` and `rungs title --csv <file> --column <name>`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rungs_core::Framework;
use rungs_core::titles::{Company, Kind, Leveller, Scratch, Verdict, load_company};

use super::Output;
use crate::source::{Invalid, read_limited};
use crate::text::{WIDTH, bullet, paragraph, row};

fn company(fw: &Framework, path: Option<&Path>) -> Result<Option<Company>> {
    let Some(path) = path else { return Ok(None) };
    let bytes = read_limited(path, 4 << 20, "a list of titles")?;
    Ok(Some(
        load_company(&path.display().to_string(), &bytes, fw).map_err(Invalid)?,
    ))
}

pub(super) fn one(
    fw: &Framework,
    title: &str,
    company_file: Option<&Path>,
    json: bool,
) -> Result<Output> {
    let company = company(fw, company_file)?;
    let verdicts = rungs_app::ladder::titles(fw, company.as_ref(), &[title], 1, "title")
        .map_err(super::server::said)?;
    let Some(v) = verdicts.first() else {
        bail!("no answer for the title")
    };
    if json {
        return Output::json(v);
    }
    Ok(Output::text(render(fw, v)))
}

fn render(fw: &Framework, v: &Verdict) -> String {
    let mut out = String::new();
    paragraph(&mut out, &format!("\"{}\"", v.title.trim()), 0);
    let widths = [16, WIDTH - 18];
    let name = |id: &str| {
        fw.level(id)
            .map_or(id.to_owned(), |l| format!("{} ({})", l.title, l.id))
    };
    match v.verdict {
        Kind::Level => {
            let level = v.level.as_deref().map(name).unwrap_or_default();
            let track = v
                .track
                .as_deref()
                .and_then(|t| fw.track(t))
                .map_or(String::new(), |t| {
                    if t.shared {
                        format!(", {}", t.name.to_lowercase())
                    } else {
                        format!(", {} track", t.name.to_lowercase())
                    }
                });
            row(&mut out, &["  Level", &format!("{level}{track}")], &widths);
            let spec = v
                .specialization
                .as_deref()
                .and_then(|s| fw.specializations().iter().find(|x| x.id == s))
                .map_or("none named".to_owned(), |s| s.name.clone());
            row(&mut out, &["  Specialization", &spec], &widths);
        }
        Kind::NotPm | Kind::Ambiguous => {
            row(&mut out, &["  Verdict", &v.summary], &widths);
        }
    }
    row(
        &mut out,
        &["  Confidence", &format!("{:.2}", v.confidence)],
        &widths,
    );
    row(&mut out, &["  Why", &v.reason], &widths);
    if !v.role_words.is_empty() {
        row(
            &mut out,
            &["  Read as", &format!("\"{}\"", v.role_words)],
            &widths,
        );
    }
    if let Some(team) = &v.team {
        row(&mut out, &["  Team", team], &widths);
    }
    if !v.candidates.is_empty() {
        out.push_str("  Candidates\n");
        for c in &v.candidates {
            bullet(&mut out, &format!("{}: {}", name(&c.level), c.reason), 4);
        }
    }
    out
}

/// The columns appended to each row.
const COLUMNS: [&str; 8] = [
    "rungs_verdict",
    "rungs_level",
    "rungs_track",
    "rungs_specialization",
    "rungs_confidence",
    "rungs_reason",
    "rungs_role",
    "rungs_candidates",
];

pub(super) fn csv(
    fw: &Framework,
    input: &Path,
    column: Option<&str>,
    out: Option<&Path>,
    company_file: Option<&Path>,
) -> Result<Output> {
    let company = company(fw, company_file)?;
    let leveller = Leveller::new(fw, company.as_ref());
    let file =
        std::fs::File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, file));
    let headers = reader
        .headers()
        .with_context(|| format!("cannot read the header row of {}", input.display()))?
        .clone();
    let names: Vec<&str> = headers.iter().collect();
    let index = rungs_core::titles::title_column(&names, column).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}{}",
            input.display(),
            if column.is_none() {
                "; name it with --column <name>"
            } else {
                ""
            }
        )
    })?;

    // Write to a temporary file beside --out and rename it at the end: a bad row leaves no
    // half-written output behind.
    let temp = out.map(|o| {
        o.with_extension(format!(
            "{}.partial",
            o.extension().and_then(|e| e.to_str()).unwrap_or("csv")
        ))
    });
    let sink: Box<dyn Write> = match &temp {
        Some(t) => Box::new(
            std::fs::File::create(t).with_context(|| format!("cannot write {}", t.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let result = stream(&leveller, &mut reader, &headers, index, sink, input, size);
    match (result, temp, out) {
        (Ok(rows), Some(t), Some(o)) => {
            std::fs::rename(&t, o).with_context(|| format!("cannot write {}", o.display()))?;
            Ok(Output::text(format!(
                "Levelled {rows} titles into {}.\n",
                o.display()
            )))
        }
        (Ok(_), _, _) => Ok(Output::text(String::new())),
        (Err(e), Some(t), _) => {
            let _ = std::fs::remove_file(t);
            Err(e)
        }
        (Err(e), None, _) => Err(e),
    }
}

fn stream(
    leveller: &Leveller<'_>,
    reader: &mut csv::Reader<std::io::BufReader<std::fs::File>>,
    headers: &csv::StringRecord,
    index: usize,
    sink: Box<dyn Write>,
    input: &Path,
    size: u64,
) -> Result<u64> {
    let fw = leveller.framework();
    let mut writer =
        csv::WriterBuilder::new().from_writer(std::io::BufWriter::with_capacity(1 << 16, sink));
    let mut head = headers.clone();
    for c in COLUMNS {
        head.push_field(c);
    }
    writer.write_record(head.iter().map(|f| rungs_core::cell::safe(f).into_owned()))?;
    let progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut shown = Instant::now();
    let mut scratch = Scratch::default();
    let mut record = csv::StringRecord::new();
    let mut rows: u64 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(String::new(), |p| format!(":{}", line_of(input, p)));
                bail!("{}{line}: {}", input.display(), csv_message(&e));
            }
        }
        let title = record.get(index).unwrap_or_default();
        let l = leveller.level(title, &mut scratch);
        let v = leveller.describe(title, &l, &scratch);
        let kind = match v.verdict {
            Kind::Level => "level",
            Kind::NotPm => "not-pm",
            Kind::Ambiguous => "ambiguous",
        };
        let confidence = format!("{:.2}", v.confidence);
        let role = v
            .role
            .as_ref()
            .map_or(String::new(), |r| r.id.clone().unwrap_or_default());
        let candidates = v
            .candidates
            .iter()
            .map(|c| c.level.as_str())
            .collect::<Vec<_>>()
            .join("|");
        let mut fields: Vec<&str> = record.iter().collect();
        fields.extend([
            kind,
            v.level.as_deref().unwrap_or(""),
            v.track.as_deref().unwrap_or(""),
            v.specialization.as_deref().unwrap_or(""),
            &confidence,
            &v.reason,
            &role,
            &candidates,
        ]);
        // Every cell, the input's included, safe to open in a spreadsheet.
        writer.write_record(
            fields
                .iter()
                .map(|f| rungs_core::cell::safe(f).into_owned()),
        )?;
        rows += 1;
        if progress && shown.elapsed() > Duration::from_millis(200) {
            shown = Instant::now();
            let done = reader.position().byte();
            let pct = (done * 100).checked_div(size).unwrap_or(0).min(100);
            let bar = "#".repeat((pct / 5) as usize);
            eprint!("\r[{bar:<20}] {pct:>3}%  {rows} titles levelled");
        }
    }
    writer.flush()?;
    if progress {
        eprintln!(
            "\r[{}] 100%  {rows} titles levelled in {:.1} s",
            "#".repeat(20),
            started.elapsed().as_secs_f64()
        );
    }
    let _ = fw;
    Ok(rows)
}

/// The line a record starts on. The reader stops at the `\r` of a `\r\n`, so it places the next
/// record's start before the `\n`, on the line before: the line breaks between that place and
/// the record's first byte are counted from the file itself.
fn line_of(input: &Path, position: &csv::Position) -> u64 {
    use std::io::{Read, Seek, SeekFrom};
    let mut head = [0u8; 64];
    let read = std::fs::File::open(input).and_then(|mut f| {
        f.seek(SeekFrom::Start(position.byte()))?;
        f.read(&mut head)
    });
    let breaks = head[..read.unwrap_or(0)]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .filter(|&&b| b == b'\n')
        .count();
    position.line() + breaks as u64
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!(
                "this row has {len} fields where the header has {expected_len}; check for a missing or extra comma, or quote the field"
            )
        }
        csv::ErrorKind::Utf8 { .. } => {
            "this row is not UTF-8 text; save the file as UTF-8".to_owned()
        }
        _ => e.to_string(),
    }
}
