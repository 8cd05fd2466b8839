//! Frameworks through real spreadsheet files: XLSX and CSV exports import back to the same
//! framework, ODS and merged XLSX cells are read, a big ladder arrives whole, and an
//! organization's framework changes from a spreadsheet only when every cell is right.

use rungs_core::VersionId;
use std::io::{Cursor, Read};

use rungs_app::AppError;
use rungs_app::sheets::{
    framework_workbook, import_workbook, read_csv_sheets, read_workbook, write_csv, write_xlsx,
};
use rungs_core::Framework;
use rungs_core::framework::sheets::{Cell, Sheet, Workbook};
use rungs_core::framework::{BUILTIN_TOML, load};

use crate::hostile::ods;
use crate::support::orgs;

const ENGINEERING: &str = include_str!("../../../../frameworks/examples/engineering.toml");
const ZONES: &str = include_str!("../../../../frameworks/examples/pay-zones.toml");

fn said(fw: &Framework) -> serde_json::Value {
    serde_json::to_value(fw).expect("serializes")
}

fn ladders() -> Vec<(&'static str, String)> {
    vec![
        ("built-in", BUILTIN_TOML.to_owned()),
        ("engineering", ENGINEERING.to_owned()),
        (
            "built-in with pay zones",
            format!("{BUILTIN_TOML}\n{ZONES}"),
        ),
    ]
}

fn imported(book: &Workbook) -> Framework {
    match import_workbook(book, None, None) {
        Ok(i) => i.framework,
        Err(p) => panic!(
            "{}",
            p.iter()
                .map(|d| d.render(100))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn an_xlsx_export_imports_back_to_the_same_framework() {
    for (name, text) in ladders() {
        let original = load("f.toml", text.as_bytes()).expect("loads").framework;
        let book = framework_workbook("ladder.xlsx", &text).expect("a workbook");
        let bytes = write_xlsx(&book).expect("an xlsx file");
        let back = read_workbook("ladder.xlsx", &bytes).expect("reads back");
        assert_eq!(said(&imported(&back)), said(&original), "{name}");
    }
}

#[test]
fn a_csv_export_imports_back_to_the_same_framework() {
    for (name, text) in ladders() {
        let original = load("f.toml", text.as_bytes()).expect("loads").framework;
        let book = framework_workbook("ladder", &text).expect("a workbook");
        let files = write_csv(&book).expect("csv files");
        assert!(files.iter().any(|(f, _)| f == "Matrix.csv"));
        let back = read_csv_sheets("ladder", files).expect("reads back");
        assert_eq!(said(&imported(&back)), said(&original), "{name}");
    }
}

fn unzip(bytes: &[u8], path: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut out = String::new();
    archive
        .by_name(path)
        .expect("the part is in the archive")
        .read_to_string(&mut out)
        .expect("text");
    out
}

#[test]
fn the_xlsx_has_readable_headers_wrapped_text_and_frozen_header_rows() {
    let book = framework_workbook("ladder.xlsx", BUILTIN_TOML).unwrap();
    let bytes = write_xlsx(&book).unwrap();
    let matrix = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert!(matrix.contains(r#"ySplit="1""#), "the header row is frozen");
    assert!(matrix.contains(r#"state="frozen""#));
    assert!(
        matrix.contains("<col "),
        "columns are sized to what they hold"
    );
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"wrapText="1""#), "text wraps");
    assert!(styles.contains("<b/>"), "the header is bold");
    let strings = unzip(&bytes, "xl/sharedStrings.xml");
    for header in [
        "Competency",
        "Senior Product Manager",
        "How to grow",
        "Years on rung",
    ] {
        assert!(strings.contains(header), "{header}");
    }
}

const LEVELS: [&str; 8] = [
    "APM",
    "PM",
    "Senior PM",
    "Principal PM",
    "Group PM",
    "Director",
    "VP of Product",
    "CPO",
];

#[test]
fn an_ods_matrix_is_read() {
    let mut header = vec!["Area", "Competency"];
    header.extend(LEVELS);
    let craft: Vec<&str> = ["Craft", "Discovery"]
        .into_iter()
        .chain(std::iter::repeat_n("Finds out what users need", 8))
        .collect();
    let bytes = ods(&[&header, &craft]);
    let book = read_workbook("ladder.ods", &bytes).expect("an ODS file reads");
    let fw = import_workbook(&book, Some(BUILTIN_TOML), None)
        .expect("imports")
        .framework;
    let names: Vec<&str> = fw.competencies().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(names, ["Discovery"]);
}

#[test]
fn merged_cells_in_an_xlsx_file_are_read_or_named() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Matrix").unwrap();
    let mut header = vec!["Area", "Competency"];
    header.extend(LEVELS);
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let plain = rust_xlsxwriter::Format::new();
    for (r, (area, name)) in [("Craft", "Discovery"), ("", "Delivery")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *area).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        for c in 2..10 {
            ws.write_string(r, c, format!("{name} at {}", LEVELS[usize::from(c) - 2]))
                .unwrap();
        }
    }
    // The area merged down its rows, and one expectation across Principal and Group PM: both
    // read as a person means them.
    ws.merge_range(1, 0, 2, 0, "Craft", &plain).unwrap();
    ws.merge_range(1, 5, 1, 6, "Leads discovery for a group", &plain)
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let book = read_workbook("ladder.xlsx", &bytes).unwrap();
    let fw = import_workbook(&book, Some(BUILTIN_TOML), None)
        .expect("imports")
        .framework;
    let discovery = &fw.areas()[0].competencies[0];
    assert_eq!(fw.areas()[0].competencies.len(), 2);
    assert_eq!(
        discovery.expectations[3].text,
        "Leads discovery for a group"
    );
    assert_eq!(
        discovery.expectations[4].text,
        "Leads discovery for a group"
    );

    // Area and competency merged into one cell: refused, named.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Matrix").unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.merge_range(1, 0, 1, 1, "Craft: Discovery", &plain)
        .unwrap();
    for c in 2..10 {
        ws.write_string(1, c, "Finds out").unwrap();
    }
    let book = read_workbook("ladder.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    let problems = import_workbook(&book, Some(BUILTIN_TOML), None).expect_err("refused");
    assert_eq!(
        problems[0].location(),
        "ladder.xlsx, sheet Matrix, row 2, column A"
    );
    assert!(
        problems[0].message.contains("A2:B2 cannot be read"),
        "{}",
        problems[0].message
    );
}

fn text_sheet(name: &str, rows: Vec<Vec<String>>) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect())
            .collect(),
        merged: Vec::new(),
        file: None,
    }
}

#[test]
fn a_ladder_of_200_competencies_and_12_levels_arrives_whole() {
    let levels: Vec<String> = (1..=12).map(|l| format!("Level {l}")).collect();
    let mut level_rows = vec![
        vec!["Id", "Title", "Track", "Rank", "Experience", "Summary"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
    ];
    for l in 1..=12 {
        level_rows.push(vec![
            format!("l{l}"),
            format!("Level {l}"),
            "shared".into(),
            l.to_string(),
            format!("{}–{}", l - 1, l + 1),
            format!("The rung {l} of 12."),
        ]);
    }
    let cell = |c: usize, l: usize| {
        format!(
            "Competency {c} at level {l}: {}",
            "a long expectation that must not be cut short by any layer. ".repeat(4)
        )
        .trim_end()
        .to_owned()
    };
    let mut header: Vec<String> = vec!["Area".into(), "Competency".into()];
    header.extend(levels.iter().cloned());
    let mut matrix = vec![header];
    for c in 0..200 {
        let mut row = vec![format!("Area {}", c / 20), format!("Competency {c}")];
        row.extend((1..=12).map(|l| cell(c, l)));
        matrix.push(row);
    }
    let book = Workbook {
        file: "big.xlsx".into(),
        sheets: vec![
            text_sheet("Matrix", matrix),
            text_sheet("Levels", level_rows),
        ],
    };
    let bytes = write_xlsx(&book).unwrap();
    let back = read_workbook("big.xlsx", &bytes).unwrap();
    let imported = import_workbook(&back, Some(BUILTIN_TOML), None).expect("imports");
    let fw = &imported.framework;
    assert_eq!(fw.levels().len(), 12);
    assert_eq!(fw.areas().len(), 10);
    assert_eq!(fw.competencies().count(), 200);
    for (c, (_, comp)) in fw.competencies().enumerate() {
        assert_eq!(comp.name, format!("Competency {c}"));
        assert_eq!(comp.expectations.len(), 12);
        for (l, e) in comp.expectations.iter().enumerate() {
            assert_eq!(e.level, format!("l{}", l + 1));
            assert_eq!(e.text, cell(c, l + 1));
        }
    }
    // What was left out of the built-in base (its moves and pay name its own levels) is said.
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("pay bands")),
        "{:#?}",
        imported.notes
    );
}

#[tokio::test]
async fn an_organizations_ladder_changes_from_a_spreadsheet_only_when_every_cell_is_right() {
    let mut header = vec!["Area".to_owned(), "Competency".to_owned()];
    header.extend(LEVELS.iter().map(|l| (*l).to_owned()));
    let row = |area: &str, name: &str, text: &str| {
        let mut r = vec![area.to_owned(), name.to_owned()];
        r.extend(std::iter::repeat_n(text.to_owned(), 8));
        r.join(",")
    };
    let good = format!(
        "{}\n{}\n{}\n",
        header.join(","),
        row("Craft", "Discovery", "Finds out what users need"),
        row("Craft", "Delivery", "Ships what was promised"),
    );
    let mut bad = good.replacen("Ships what was promised,Ships", ",Ships", 1);
    bad.push_str(&row("Craft", "Quality", "Holds the bar"));
    for org in orgs().await {
        let before = org
            .app
            .frameworks()
            .framework_versions(&org.admin)
            .await
            .unwrap()
            .len();
        let err = org
            .app
            .frameworks()
            .import_framework_sheet(
                &org.admin,
                VersionId(1),
                "matrix.csv",
                bad.clone().into_bytes(),
            )
            .await
            .expect_err("an empty cell is refused");
        let AppError::Invalid { problems, .. } = err else {
            panic!("{}: {err:?}", org.name)
        };
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].sheet.as_deref(), Some("Matrix"));
        assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(3)));
        assert!(
            problems[0].location.contains("row 3, column C (APM)"),
            "{}",
            problems[0].location
        );
        assert_eq!(
            org.app
                .frameworks()
                .framework_versions(&org.admin)
                .await
                .unwrap()
                .len(),
            before,
            "{}: nothing was written",
            org.name
        );

        let saved = org
            .app
            .frameworks()
            .import_framework_sheet(
                &org.admin,
                VersionId(1),
                "matrix.csv",
                good.clone().into_bytes(),
            )
            .await
            .expect("a good matrix imports");
        assert_eq!(saved.version.version, VersionId(2));
        // A draft: version 1 stays in use until version 2 is published.
        assert_eq!(
            org.app.framework(org.admin.org).await.unwrap().0,
            VersionId(1)
        );
        org.app
            .frameworks()
            .publish_framework(&org.admin, VersionId(2))
            .await
            .unwrap();
        let (_, fw) = org.app.framework(org.admin.org).await.unwrap();
        let names: Vec<&str> = fw.competencies().map(|(_, c)| c.name.as_str()).collect();
        assert_eq!(names, ["Discovery", "Delivery"], "{}", org.name);
        assert_eq!(fw.levels().len(), 8, "the levels are kept from version 1");

        let (version, bytes) = org
            .app
            .frameworks()
            .framework_xlsx(&org.admin, None)
            .await
            .unwrap();
        assert_eq!(version, VersionId(2));
        let book = read_workbook("framework.xlsx", &bytes).unwrap();
        assert_eq!(said(&imported(&book)), said(&fw));
    }
}

const TEMPLATE_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../frameworks/examples/ladder-template"
);
const TEMPLATE_XLSX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../frameworks/examples/ladder-template.xlsx"
);

/// The template's sheets as kept in CSV files, in the order a person reads them.
fn template_csv() -> Workbook {
    let order = ["Read me", "Matrix", "Levels", "Tracks", "Pay", "Milestones"];
    let files = order
        .iter()
        .map(|s| {
            let name = format!("{s}.csv");
            let bytes = std::fs::read(format!("{TEMPLATE_DIR}/{name}")).expect("a template sheet");
            (name, bytes)
        })
        .collect();
    read_csv_sheets("ladder-template", files).expect("the CSV template reads")
}

/// The cells of a workbook as text, sheet by sheet, for comparing what two files hold.
fn cells(book: &Workbook) -> Vec<(String, Vec<Vec<String>>)> {
    book.sheets
        .iter()
        .map(|s| {
            let rows = s
                .rows
                .iter()
                .map(|r| {
                    let mut r: Vec<String> =
                        r.iter().map(|c| c.text().unwrap_or_default()).collect();
                    while r.last().is_some_and(String::is_empty) {
                        r.pop();
                    }
                    r
                })
                .collect();
            (s.name.clone(), rows)
        })
        .collect()
}

/// frameworks/examples/ladder-template.xlsx is the CSV template as one workbook: regenerate it
/// with `UPDATE_SNAPSHOTS=1 cargo test -p rungs-app --test app template`.
#[test]
fn the_template_workbook_holds_the_csv_template() {
    let csv = template_csv();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(TEMPLATE_XLSX, write_xlsx(&csv).unwrap()).unwrap();
    }
    let bytes = std::fs::read(TEMPLATE_XLSX).expect("the template workbook is there");
    let xlsx = read_workbook("ladder-template.xlsx", &bytes).unwrap();
    assert_eq!(
        cells(&xlsx),
        cells(&csv),
        "regenerate it: UPDATE_SNAPSHOTS=1"
    );
}

#[test]
fn the_template_imports_as_a_ladder_of_its_own() {
    let bytes = std::fs::read(TEMPLATE_XLSX).unwrap();
    let book = read_workbook("ladder-template.xlsx", &bytes).unwrap();
    let imported =
        import_workbook(&book, Some(BUILTIN_TOML), Some("Acme product")).expect("imports");
    let fw = &imported.framework;
    assert_eq!(
        (fw.id(), fw.name(), fw.version()),
        ("acme-product", "Acme product", "1")
    );
    assert_eq!(fw.summary(), None, "not the built-in's summary");
    let levels: Vec<&str> = fw.levels().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        levels,
        [
            "pm-1",
            "pm-2",
            "senior-pm",
            "staff-pm",
            "lead-pm",
            "head-of-product"
        ]
    );
    assert_eq!(fw.competencies().count(), 6);
    assert_eq!(fw.areas().len(), 3);
    let senior = fw.level("senior-pm").unwrap();
    assert!(
        senior.duties.is_empty(),
        "nothing of the built-in's Senior PM is kept"
    );
    assert_eq!(senior.years_to_reach, None);
    let bands = &fw.compensation().unwrap().bands;
    assert_eq!(bands.len(), 5);
    assert_eq!(bands[3].levels, ["staff-pm", "lead-pm"]);
    assert_eq!(
        fw.moves().iter().map(|m| m.milestones.len()).sum::<usize>(),
        6
    );
    let customer = &fw.areas()[0].competencies[0];
    assert_eq!(customer.actions.len(), 2, "one action per line of the cell");
    // Not an error or a warning in it: only the note of what the built-in's levels had.
    assert!(
        imported
            .notes
            .iter()
            .all(|n| n.severity == rungs_core::diag::Severity::Note),
        "{:#?}",
        imported.notes
    );
    // And the same from the folder of CSV files.
    let from_csv =
        import_workbook(&template_csv(), Some(BUILTIN_TOML), Some("Acme product")).unwrap();
    assert_eq!(said(&from_csv.framework), said(fw));
}

#[test]
fn a_value_far_off_the_sheet_is_refused_not_made_into_a_grid() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Matrix").unwrap();
    ws.write_string(0, 0, "Area").unwrap();
    // The last cell of a sheet: read into a grid, 17 billion cells.
    ws.write_string(1_048_575, 16_383, "far").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let problems = read_workbook("far.xlsx", &bytes).expect_err("refused");
    assert!(
        problems[0].message.contains("row 1,048,576, column XFD"),
        "{}",
        problems[0].message
    );
}

#[tokio::test]
async fn an_upload_is_read_by_what_it_holds_not_by_its_name() {
    for org in orgs().await {
        let app = &org.app;
        let refused = |e: AppError| match e {
            AppError::Invalid { title, problems } => (title, problems),
            other => panic!("{}: {other:?}", org.name),
        };
        // Text named .xlsx: read as the text it is, and said so, with the file's own name.
        let (title, problems) = refused(
            app.frameworks()
                .upload_framework(
                    &org.admin,
                    VersionId(1),
                    "ladder.xlsx",
                    b"this is not a ladder".to_vec(),
                )
                .await
                .unwrap_err(),
        );
        assert!(
            title.starts_with(
                "ladder.xlsx is named as an Excel workbook (.xlsx) but holds text (read as TOML)"
            ),
            "{}: {title}",
            org.name
        );
        assert!(
            problems
                .iter()
                .all(|p| p.location.starts_with("ladder.xlsx")),
            "{problems:#?}"
        );
        assert!(!title.contains("framework.toml"), "{title}");
        // An old Excel file, and a Word file: refused, saying what they are.
        let (_, problems) = refused(
            app.frameworks()
                .upload_framework(
                    &org.admin,
                    VersionId(1),
                    "ladder.xls",
                    vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
                )
                .await
                .unwrap_err(),
        );
        assert!(
            problems[0]
                .message
                .contains("an Excel 97–2003 workbook (.xls)")
        );
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("save it as an Excel Workbook (.xlsx)")
        );
        // A CSV matrix without a .csv name is imported as the spreadsheet it is; an XLSX
        // export named anything is too.
        let csv = "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CPO\n\
                   Craft,Discovery,a,b,c,d,e,f,g,h\n";
        let saved = app
            .frameworks()
            .upload_framework(&org.admin, VersionId(1), "matrix", csv.as_bytes().to_vec())
            .await
            .expect("a CSV matrix, unnamed");
        assert_eq!(saved.version.version, VersionId(2), "{}", org.name);
        let (_, xlsx) = app
            .frameworks()
            .framework_xlsx(&org.admin, Some(VersionId(1)))
            .await
            .unwrap();
        let saved = app
            .frameworks()
            .upload_framework(&org.admin, VersionId(2), "export.bin", xlsx)
            .await
            .expect("an XLSX file, whatever its name");
        assert_eq!(saved.version.version, VersionId(3));
        assert_eq!(
            app.framework(org.admin.org)
                .await
                .unwrap()
                .1
                .competencies()
                .count(),
            20
        );
    }
}
