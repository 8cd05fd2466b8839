//! What a spreadsheet may expand to: files that unpack, repeat or point into gigabytes are
//! refused at the limit they pass, naming it, before they are built; a cell at the longest a cell
//! may be is read and one character more is refused at its place.

use std::io::{Cursor, Read, Write};

use rungs_app::sheets::{MAX_CELL_TEXT, MAX_OTHER_PART, read_csv, read_workbook, write_csv};
use rungs_core::framework::sheets::{Cell, Sheet, Workbook};

use crate::hostile::{self, Scale};

#[test]
fn every_hostile_file_is_refused_at_the_limit_it_passes() {
    for file in hostile::all(Scale::Test) {
        let Some(words) = file.refused_for else {
            continue;
        };
        let problems = match read_workbook(file.name, &file.bytes) {
            Ok(_) => panic!("{} ({}) was read", file.name, file.what),
            Err(p) => p,
        };
        assert_eq!(problems.len(), 1, "{}: {problems:#?}", file.name);
        let said = &problems[0].message;
        assert!(said.contains(words), "{}: {said}", file.name);
        assert!(problems[0].help.is_some(), "{}: says what to do", file.name);
    }
}

#[test]
fn the_refusals_name_the_part_the_sheet_or_the_cell() {
    let files = hostile::all(Scale::Test);
    let refusal = |name: &str| {
        let file = files.iter().find(|f| f.name == name).expect("made");
        read_workbook(name, &file.bytes).expect_err("refused")[0].clone()
    };
    let d = refusal("shared-string.xlsx");
    assert_eq!(
        d.message,
        "the part `xl/sharedStrings.xml` of the file unpacks to 40 MB, more than the 32 MB such a part may"
    );
    assert_eq!(d.location(), "shared-string.xlsx");
    let d = refusal("repeat-rows.ods");
    assert_eq!(
        d.location(),
        "repeat-rows.ods, sheet Matrix, row 1, column ALL"
    );
    assert!(
        d.message.contains("past the 20,000 rows and 500 columns"),
        "{}",
        d.message
    );
    let d = refusal("grid.ods");
    assert_eq!(d.location(), "grid.ods, sheet Matrix, row 20001, column SF");
    let d = refusal("spaces.ods");
    assert_eq!(d.location(), "spaces.ods, sheet Matrix, row 1, column A");
    assert_eq!(
        d.message,
        "the cell holds more than the 32,767 characters a cell may"
    );
    let d = refusal("commas.csv");
    assert_eq!(
        d.location(),
        "commas.csv, sheet Matrix, row 1, column BGQCW"
    );
    let d = refusal("many-parts.xlsx");
    assert!(
        d.message.contains("1,011 parts, more than the 1,000"),
        "{}",
        d.message
    );
}

#[test]
fn a_part_that_is_not_a_sheet_is_held_to_a_smaller_limit() {
    // Styles are read into structures many times their size: 2 MB of them is plenty.
    let over = MAX_OTHER_PART as usize + 1;
    let styles = format!(
        r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</styleSheet>"#,
        " ".repeat(over)
    );
    let problems =
        read_workbook("styled.xlsx", &replace_part("xl/styles.xml", &styles)).expect_err("refused");
    assert!(
        problems[0].message.starts_with(
            "the part `xl/styles.xml` of the file unpacks to 2 MB, more than the 2 MB"
        ),
        "{}",
        problems[0].message
    );
    // A sheet of the same size is read.
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}<row r="1"><c r="A1" t="inlineStr"><is><t>Area</t></is></c></row></sheetData></worksheet>"#,
        " ".repeat(over)
    );
    let book = read_workbook(
        "big.xlsx",
        &replace_part("xl/worksheets/sheet1.xml", &sheet),
    )
    .expect("a sheet may be bigger");
    assert_eq!(book.sheets[0].rows, vec![vec![Cell::Text("Area".into())]]);
}

/// An XLSX file with one of its parts replaced.
fn replace_part(part: &str, text: &str) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Matrix").expect("named");
    let base = wb.save_to_buffer().expect("saved");
    let mut zip = zip::ZipArchive::new(Cursor::new(base)).expect("a zip archive");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("a part");
        let name = entry.name().expect("named").into_owned();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("written");
        if name == part {
            out.write_all(text.as_bytes()).expect("written");
        } else {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            out.write_all(&bytes).expect("written");
        }
    }
    out.finish().expect("written").into_inner()
}

/// An XLSX file with `text` in B3 (written by hand: spreadsheet writers refuse a longer cell).
fn one_cell_xlsx(text: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>"#
    );
    replace_part("xl/worksheets/sheet1.xml", &sheet)
}

#[test]
fn a_cell_as_long_as_a_cell_may_be_is_read_and_one_more_character_is_refused() {
    // Characters, not bytes: a cell of two-byte letters at the limit is read.
    let longest = "é".repeat(MAX_CELL_TEXT);
    let too_long = format!("{longest}e");

    let book = read_workbook("ok.xlsx", &one_cell_xlsx(&longest)).expect("read");
    assert_eq!(book.sheets[0].rows[2][1], Cell::Text(longest.clone()));
    let problems = read_workbook("long.xlsx", &one_cell_xlsx(&too_long)).expect_err("refused");
    assert_eq!(
        problems[0].location(),
        "long.xlsx, sheet Matrix, row 3, column B"
    );
    assert_eq!(
        problems[0].message,
        "the cell holds 32,768 characters, more than the 32,767 a cell may"
    );

    let csv = |text: &str| format!("a,b\nc,\"{text}\"\n").into_bytes();
    let sheet = read_csv("ok.csv", "Matrix", &csv(&longest)).expect("read");
    assert_eq!(sheet.rows[1][1], Cell::Text(longest.clone()));
    let problems = read_csv("long.csv", "Matrix", &csv(&too_long)).expect_err("refused");
    assert_eq!(
        problems[0].location(),
        "long.csv, sheet Matrix, row 2, column B"
    );

    let ods = |text: &str| hostile::ods(&[&["a"], &["b", text]]);
    let book = read_workbook("ok.ods", &ods(&longest)).expect("read");
    assert_eq!(book.sheets[0].rows[1][1], Cell::Text(longest));
    let problems = read_workbook("long.ods", &ods(&too_long)).expect_err("refused");
    assert_eq!(
        problems[0].location(),
        "long.ods, sheet Matrix, row 2, column B"
    );
}

#[test]
fn a_csv_export_never_writes_a_formula_and_reads_back_the_same() {
    let risky = [
        "=HYPERLINK(\"http://evil.test\",\"click\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "'quoted already",
    ];
    let book = Workbook {
        file: "ladder".into(),
        sheets: vec![Sheet {
            name: "Matrix".into(),
            rows: vec![risky.iter().map(|t| Cell::Text((*t).into())).collect()],
            merged: Vec::new(),
            file: None,
        }],
    };
    let files = write_csv(&book).expect("written");
    let text = String::from_utf8(files[0].1.clone()).expect("UTF-8");
    for field in text.trim_end().split(',') {
        let field = field.trim_matches('"');
        assert!(
            !matches!(
                field.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t')
            ),
            "a spreadsheet would run {field:?}"
        );
    }
    let back = read_csv("Matrix.csv", "Matrix", &files[0].1).expect("read");
    assert_eq!(back.rows, book.sheets[0].rows);
}

#[test]
fn a_csv_row_of_empty_cells_costs_nothing_past_its_last_value() {
    let mut bytes = b"Area,Competency".to_vec();
    bytes.extend(std::iter::repeat_n(b',', 400_000));
    bytes.push(b'\n');
    let sheet = read_csv("wide.csv", "Matrix", &bytes).expect("read");
    assert_eq!(
        sheet.rows,
        vec![vec![
            Cell::Text("Area".into()),
            Cell::Text("Competency".into())
        ]]
    );
}

/// A cell reference no spreadsheet writes (more than three letters, or a row of more than
/// seven digits) is refused before the reader adds it up (it overflowed there, found by the
/// fuzzer); every real reference, ranges and `$` signs included, is read.
#[test]
fn a_cell_reference_that_is_not_one_is_refused_before_it_is_read() {
    let sheet = |r: &str, merged: &str| {
        format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD3"/><sheetData><row r="3"><c r="{r}" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells></worksheet>"#
        )
    };
    let read = |r: &str, merged: &str| {
        read_workbook(
            "f.xlsx",
            &replace_part("xl/worksheets/sheet1.xml", &sheet(r, merged)),
        )
    };
    let book = read("B3", "$B$3:C3").expect("read");
    assert_eq!(book.sheets[0].rows[2][1], Cell::Text("x".into()));
    for (r, merged) in [
        ("SPREADSHEETML3", "B3:C3"),
        ("B12345678901", "B3:C3"),
        ("B3", "B3:AAAAAAAA3"),
        ("B3", "B3:C3:D3"),
    ] {
        let problems = read(r, merged).expect_err("refused");
        assert_eq!(problems.len(), 1, "{r} {merged}: {problems:#?}");
        assert!(
            problems[0].message.contains("names a cell")
                && problems[0].message.contains("xl/worksheets/sheet1.xml"),
            "{r} {merged}: {}",
            problems[0].message
        );
    }
}
