use super::*;
use crate::team::{DemoOptions, demo, load_roster};

/// Everything a history holds, entry by entry, to compare two readings.
type Summary = Vec<(super::super::Entry, Vec<u8>, String, Vec<u16>)>;

fn summary(h: &History) -> Summary {
    (0..h.len())
        .map(|e| {
            let entry = h.entries()[e];
            let (start, len) = entry.milestones;
            let met = h.met[start as usize..start as usize + usize::from(len)].to_vec();
            (
                entry,
                h.codes(e).to_vec(),
                h.assessor(entry.assessor).to_owned(),
                met,
            )
        })
        .collect()
}

fn read(
    text: &str,
    roster: &Roster,
    part_bytes: usize,
    most: usize,
) -> Result<(Summary, Vec<Diagnostic>), Vec<Diagnostic>> {
    let fw = crate::framework::builtin();
    let mut history = History::new(fw);
    match load_in_parts(
        "h.csv",
        text.as_bytes(),
        fw,
        roster,
        &mut history,
        part_bytes,
        most,
    ) {
        Ok(notes) => Ok((summary(&history), notes)),
        Err(e) => {
            assert!(history.is_empty(), "nothing is added on an error");
            Err(e.diagnostics)
        }
    }
}

#[test]
fn a_history_read_in_parts_is_the_history_read_whole() {
    let fw = crate::framework::builtin();
    let d = demo(
        fw,
        &DemoOptions {
            people: 60,
            seed: 7,
            cycles: 3,
            as_of: "2026-11-01".parse().expect("a date"),
            stage: None,
        },
    );
    let roster = load_roster("r.csv", d.roster_csv.as_bytes(), fw)
        .expect("the demo roster loads")
        .roster;
    let mut lines: Vec<String> = d.history_csv.lines().map(str::to_owned).collect();
    assert!(lines.len() > 100, "{} lines", lines.len());
    // An assessor's name over two lines, in quotes, a quarter of the way in.
    let quarter = lines.len() / 4;
    let mut fields: Vec<String> = lines[quarter].split(',').map(str::to_owned).collect();
    fields[3] = "\"Ada \"\"the\"\"\nLovelace\"".into();
    lines[quarter] = fields.join(",");
    let good = lines.join("\n") + "\n";
    let whole = read(&good, &roster, usize::MAX, 1).expect("the history loads");
    assert_eq!(whole.0.len(), lines.len() - 1);
    assert!(whole.0.iter().any(|e| e.2 == "Ada \"the\"\nLovelace"));
    let crlf = good.replace('\n', "\r\n");
    let whole_crlf = read(&crlf, &roster, usize::MAX, 1).expect("the CRLF history loads");
    assert_eq!(whole_crlf.0.len(), whole.0.len());
    for (text, whole) in [(&good, &whole), (&crlf, &whole_crlf)] {
        for most in [2, 3, 5, 8] {
            // (Not assert_eq: the two readings are too long to print.)
            let parts = read(text, &roster, 256, most);
            assert!(parts.as_ref() == Ok(whole), "{most} parts read differently");
        }
    }

    // Bad rows in different parts are reported at their lines in the file, which count the
    // line inside the quoted name.
    let mut bad = lines.clone();
    bad[5] = bad[5].replacen("p-", "nobody-", 1);
    let last = bad.len() - 2;
    let mut fields: Vec<String> = bad[last].split(',').map(str::to_owned).collect();
    fields[1] = "2026-13-01".into();
    bad[last] = fields.join(",");
    let bad = bad.join("\n") + "\n";
    let errors = read(&bad, &roster, usize::MAX, 1).expect_err("the bad rows fail");
    let at: Vec<(usize, Option<&str>)> = errors
        .iter()
        .map(|d| (d.start.map_or(0, |p| p.line), d.field.as_deref()))
        .collect();
    assert_eq!(at, vec![(6, Some("person")), (last + 2, Some("date"))]);
    for most in [2, 3, 8] {
        assert_eq!(
            read(&bad, &roster, 256, most),
            Err(errors.clone()),
            "{most} parts"
        );
        assert_eq!(
            read(&bad.replace('\n', "\r\n"), &roster, 256, most),
            Err(errors.clone())
        );
    }
}
