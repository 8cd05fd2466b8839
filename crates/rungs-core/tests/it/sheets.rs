//! Frameworks as spreadsheets: an exported workbook imports back to the same framework, and a
//! workbook with a mistake is refused with the sheet, row and column of each problem.

use rungs_core::framework::sheets::{self, Cell, Merged, Sheet, Workbook};
use rungs_core::framework::{BUILTIN_TOML, Framework, load};

const ENGINEERING: &str = include_str!("../../../../frameworks/examples/engineering.toml");
const ZONES: &str = include_str!("../../../../frameworks/examples/pay-zones.toml");

/// Everything a framework says, as its users see it.
fn said(fw: &Framework) -> serde_json::Value {
    serde_json::to_value(fw).expect("a framework serializes")
}

fn loaded(text: &str) -> Framework {
    load("f.toml", text.as_bytes())
        .expect("the example loads")
        .framework
}

fn round_trip(text: &str) {
    let book = sheets::export("ladder.xlsx", text).expect("exports");
    let back = match sheets::import(&book, None, None) {
        Ok(i) => i,
        Err(problems) => panic!(
            "the export does not import back:\n{}",
            problems
                .iter()
                .map(|d| d.render(100))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    assert_eq!(said(&back.framework), said(&loaded(text)));
    assert!(
        back.notes
            .iter()
            .all(|n| n.severity != rungs_core::diag::Severity::Error)
    );
}

#[test]
fn the_builtin_ladder_survives_a_round_trip_through_sheets() {
    round_trip(BUILTIN_TOML);
}

#[test]
fn the_example_ladders_survive_a_round_trip_through_sheets() {
    round_trip(ENGINEERING);
    round_trip(&format!("{BUILTIN_TOML}\n{ZONES}"));
}

#[test]
fn an_export_keeps_the_ladder_in_its_own_sheets_not_in_more() {
    let book = sheets::export("ladder.xlsx", BUILTIN_TOML).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Matrix",
            "Levels",
            "Tracks",
            "Areas",
            "Pay",
            "Milestones",
            "More"
        ]
    );
    let rows = |name: &str| book.sheet(name).unwrap().rows.len() - 1;
    assert_eq!(rows("Matrix"), 20, "a row per competency");
    assert_eq!(rows("Levels"), 8);
    assert_eq!(rows("Pay"), 21, "7 bands at 3 company stages");
    assert_eq!(
        rows("Milestones"),
        57,
        "54 milestones, and a row for each of 3 moves without"
    );
    let matrix = book.sheet("Matrix").unwrap();
    assert_eq!(
        matrix.rows[0][2],
        Cell::Text("Associate Product Manager".into())
    );
    assert_eq!(
        matrix.rows[1][6],
        Cell::Text("Strategic technical vision".into())
    );
    let more = book.sheet("More").unwrap();
    for row in &more.rows[1..] {
        let Cell::Text(path) = &row[0] else {
            panic!("a path in every row")
        };
        for covered in ["areas", "moves", "compensation.bands", "levels[apm].title"] {
            assert!(
                !path.starts_with(covered),
                "{path} belongs on its own sheet"
            );
        }
    }
}

// ---- Workbooks with mistakes: each problem at its sheet, row and column ----

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*c).into())
                        }
                    })
                    .collect()
            })
            .collect(),
        merged: Vec::new(),
        file: None,
    }
}

const HEADER: &[&str] = &[
    "Area",
    "Competency",
    "APM",
    "PM",
    "Senior PM",
    "Principal PM",
    "Group PM",
    "Director",
    "VP of Product",
    "CPO",
];

fn row<'a>(area: &'a str, name: &'a str, text: &'a str) -> Vec<&'a str> {
    let mut r = vec![area, name];
    r.extend(std::iter::repeat_n(text, 8));
    r
}

/// A matrix over the built-in ladder's levels, with `change` applied to its rows.
fn matrix(change: impl FnOnce(&mut Vec<Vec<&str>>)) -> Workbook {
    let mut rows: Vec<Vec<&str>> = vec![
        HEADER.to_vec(),
        row("Craft", "Discovery", "Finds out what users need"),
        row("", "Delivery", "Ships what was promised"),
        row("People", "Coaching", "Helps others grow"),
    ];
    change(&mut rows);
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    Workbook {
        file: "ladder.xlsx".into(),
        sheets: vec![sheet("Matrix", &refs)],
    }
}

fn problems(book: &Workbook) -> Vec<rungs_core::diag::Diagnostic> {
    match sheets::import(book, Some(BUILTIN_TOML), None) {
        Ok(_) => panic!("the workbook should be refused"),
        Err(p) => p
            .into_iter()
            .filter(|d| d.severity == rungs_core::diag::Severity::Error)
            .collect(),
    }
}

/// The one error's place, as a person reads it, and its message.
fn only(book: &Workbook) -> (String, String) {
    let p = problems(book);
    assert_eq!(p.len(), 1, "{p:#?}");
    (p[0].location(), p[0].message.clone())
}

#[test]
fn a_matrix_alone_replaces_the_competencies_and_keeps_the_rest() {
    let imported = sheets::import(&matrix(|_| {}), Some(BUILTIN_TOML), None).unwrap();
    let fw = &imported.framework;
    let names: Vec<&str> = fw.competencies().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(names, ["Discovery", "Delivery", "Coaching"]);
    assert_eq!(fw.areas()[0].id, "craft");
    assert_eq!(
        fw.areas()[0].competencies.len(),
        2,
        "a blank area continues the one above"
    );
    assert_eq!(fw.levels().len(), 8);
    assert_eq!(fw.moves().len(), loaded(BUILTIN_TOML).moves().len());
    let e = &fw.areas()[1].competencies[0].expectations;
    assert_eq!(e.len(), 8);
    assert!(e.iter().all(|e| e.text == "Helps others grow"));
    assert!(imported.toml.contains("name = \"Discovery\""));
}

#[test]
fn a_header_that_names_no_level_is_refused_at_its_cell() {
    let book = matrix(|rows| rows[0][4] = "Senoir PM");
    let p = problems(&book);
    assert_eq!(
        p[0].location(),
        "ladder.xlsx, sheet Matrix, row 1, column E (Senoir PM)"
    );
    assert!(
        p[0].message.contains("matches no level"),
        "{}",
        p[0].message
    );
    assert!(
        p[0].message.contains("(senior-pm)"),
        "suggests the nearest: {}",
        p[0].message
    );
    // And so the level it meant has no column.
    assert!(
        p[1].message.contains("no column for the level `senior-pm`"),
        "{p:#?}"
    );
}

#[test]
fn an_empty_expectation_is_refused_at_its_cell() {
    let book = matrix(|rows| rows[2][7] = "");
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Matrix, row 3, column H (Director)");
    assert!(message.contains("`director` is empty"), "{message}");
}

#[test]
fn a_level_without_a_column_is_refused_at_the_header() {
    let book = matrix(|rows| {
        for r in rows.iter_mut() {
            r.pop();
        }
    });
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Matrix, row 1");
    assert!(
        message.contains("no column for the level `cpo`"),
        "{message}"
    );
}

#[test]
fn a_band_with_its_minimum_above_its_maximum_is_refused_at_the_maximum() {
    let mut book = matrix(|_| {});
    book.sheets.push(sheet(
        "Pay",
        &[
            &["Levels", "Stage", "Min", "Max", "Currency"],
            &["APM", "startup", "70000", "100000", "USD"],
            &["APM", "large", "$150,000", "110,000", "USD"],
        ],
    ));
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Pay, row 3, column D (Max)");
    assert!(
        message.contains("minimum (150000) is above its maximum (110000)"),
        "{message}"
    );
}

#[test]
fn merged_cells_that_cannot_be_read_are_refused_and_those_across_levels_are_read() {
    let mut book = matrix(|_| {});
    // Area and Competency merged on row 3: which column would the value belong to?
    book.sheets[0].merged.push(Merged {
        rows: (2, 2),
        cols: (0, 1),
    });
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Matrix, row 3, column A");
    assert!(
        message.contains("merged cells A3:B3 cannot be read"),
        "{message}"
    );

    // One expectation merged across the Principal and Group PM columns is theirs both.
    let mut book = matrix(|rows| rows[1][6] = "");
    book.sheets[0].merged.push(Merged {
        rows: (1, 1),
        cols: (5, 6),
    });
    let fw = sheets::import(&book, Some(BUILTIN_TOML), None)
        .unwrap()
        .framework;
    let e = &fw.areas()[0].competencies[0].expectations;
    assert_eq!(e[4].level, "group-pm");
    assert_eq!(e[4].text, "Finds out what users need");
}

#[test]
fn the_loaders_own_findings_point_at_the_cells_they_came_from() {
    // Two competencies with the same id: the loader finds it; the report names the row.
    let book = matrix(|rows| rows[3][1] = "Delivery");
    let p = problems(&book);
    assert!(
        p.iter()
            .any(|d| d.location() == "ladder.xlsx, sheet Matrix, row 4, column B (Competency)"),
        "{p:#?}"
    );
}

#[test]
fn more_mistakes_each_at_their_place() {
    let mut book = matrix(|_| {});
    book.sheets.push(sheet(
        "Levels",
        &[
            &["Id", "Title", "Track", "Rank", "Experience"],
            &["pm-1", "PM 1", "shared", "1", "0-2"],
            &["pm-2", "PM 2", "shraed", "2", "two to five"],
        ],
    ));
    book.sheets.push(sheet("Notes", &[&["anything"]]));
    let p = problems(&book);
    let places: Vec<String> = p.iter().map(|d| d.location()).collect();
    assert!(
        places.contains(&"ladder.xlsx, sheet Levels, row 3, column C (Track)".to_owned()),
        "{places:#?}"
    );
    assert!(
        places.contains(&"ladder.xlsx, sheet Levels, row 3, column E (Experience)".to_owned()),
        "{places:#?}"
    );
    // The matrix's headers are the built-in's titles, not these levels'.
    assert!(
        places.contains(&"ladder.xlsx, sheet Matrix, row 1, column C (APM)".to_owned()),
        "{places:#?}"
    );

    let book = Workbook {
        file: "two.xlsx".into(),
        sheets: vec![sheet("Sheet1", &[&["a"]]), sheet("Sheet2", &[&["b"]])],
    };
    let p = problems(&book);
    assert!(p[0].message.contains("no sheet named `Matrix`"), "{p:#?}");
}

#[test]
fn a_matrix_column_with_no_header_is_not_dropped_without_a_word() {
    let book = matrix(|rows| {
        rows[0].push("");
        rows[1].push("a note someone kept");
    });
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Matrix, row 1, column K");
    assert!(message.contains("values but no header"), "{message}");
}

#[test]
fn a_workbooks_only_sheet_is_its_matrix_unless_named_as_another() {
    let mut book = matrix(|_| {});
    book.sheets[0].name = "Sheet1".into();
    assert!(sheets::import(&book, Some(BUILTIN_TOML), None).is_ok());
    book.sheets[0].name = "Levels".into();
    let p = problems(&book);
    assert!(p[0].message.contains("no sheet named `Matrix`"), "{p:#?}");
}

#[test]
fn a_wrong_header_does_not_hide_the_problems_in_the_rows() {
    let book = matrix(|rows| {
        rows[0][9] = "CEO";
        rows[2][3] = "";
    });
    let places: Vec<String> = problems(&book).iter().map(|d| d.location()).collect();
    assert_eq!(
        places,
        [
            "ladder.xlsx, sheet Matrix, row 1, column J (CEO)",
            "ladder.xlsx, sheet Matrix, row 1",
            "ladder.xlsx, sheet Matrix, row 3, column D (PM)",
        ]
    );
}

#[test]
fn the_matrix_is_the_one_sheet_not_named_as_another() {
    let mut book = matrix(|_| {});
    book.sheets[0].name = "Our ladder".into();
    book.sheets
        .push(sheet("Read me", &[&["Fill in the ladder"]]));
    let imported = sheets::import(&book, Some(BUILTIN_TOML), None).expect("imports");
    assert_eq!(imported.framework.competencies().count(), 3);
    assert!(
        imported.notes.is_empty(),
        "a read-me sheet is passed over: {:#?}",
        imported.notes
    );
    // Two such sheets: which is the matrix? Said, not guessed.
    book.sheets.push(sheet("Old ladder", &[&["Area"]]));
    let p = problems(&book);
    assert!(
        p[0].message
            .contains("its sheets: Our ladder, Read me, Old ladder"),
        "{p:#?}"
    );
}

#[test]
fn a_yes_or_no_cell_that_is_neither_is_named() {
    let mut book = matrix(|_| {});
    book.sheets.push(sheet(
        "Pay",
        &[
            &["Levels", "Stage", "Min", "Max", "Open-ended"],
            &["cpo", "large", "500000", "1000000", "maybe"],
        ],
    ));
    let (at, message) = only(&book);
    assert_eq!(at, "ladder.xlsx, sheet Pay, row 2, column E (Open-ended)");
    assert_eq!(message, "`maybe` is not yes or no");
}

#[test]
fn every_sheets_problems_are_found_in_one_pass() {
    // An empty expectation in the Matrix and a band upside down in Pay: both, each at its cell.
    let mut book = matrix(|rows| rows[2][7] = "");
    book.sheets.push(sheet(
        "Pay",
        &[
            &["Levels", "Stage", "Min", "Max", "Currency"],
            &["APM", "large", "$150,000", "110,000", "USD"],
        ],
    ));
    let at: Vec<String> = problems(&book).iter().map(|d| d.location()).collect();
    assert_eq!(
        at,
        [
            "ladder.xlsx, sheet Matrix, row 3, column H (Director)",
            "ladder.xlsx, sheet Pay, row 2, column D (Max)",
        ]
    );
}
