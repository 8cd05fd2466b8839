//! Spreadsheet files as they arrive, down to the archive: the first byte chooses what the rest
//! is, so the fuzzer can change the XML a reader expands (repeat counts, text runs, shared
//! strings) directly rather than through compression.
//!
//! - `0`: the bytes as sent (a ZIP archive, or CSV text)
//! - `1`: an ODS file whose `content.xml` is the rest
//! - `2`: an XLSX file whose first sheet is the rest
//! - `3`: an XLSX file whose shared strings are the rest up to a NUL byte, and its sheet after
//! - `4`: a CSV file
//!
//! With bit `0x40` the parts are compressed; with bit `0x80` the replaced parts declare half
//! their size. Whatever comes in, a file is read or refused within the limits (the run's memory
//! limit catches a reader that expands past them), and what is read holds to them.
#![no_main]
use std::io::{Cursor, Read, Write};

use libfuzzer_sys::fuzz_target;
use rungs_app::sheets::{
    MAX_CELL_TEXT, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT, import_workbook, read_csv,
    read_workbook,
};
use rungs_core::framework::BUILTIN_TOML;
use rungs_core::framework::sheets::{Cell, Workbook};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// A workbook rust_xlsxwriter writes: one sheet, `Matrix`, one shared string.
fn xlsx_base() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Matrix").expect("named");
    ws.write_string(0, 0, "Area").expect("written");
    wb.save_to_buffer().expect("saved")
}

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#;
const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;

/// A ZIP archive of `parts`; the parts named in `lying` declare half their size.
fn archive(parts: &[(&str, Vec<u8>)], compress: bool, lying: &[&str]) -> Vec<u8> {
    let method = if compress {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    };
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let options = SimpleFileOptions::default().compression_method(if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            method
        });
        w.start_file(*name, options).expect("written");
        w.write_all(bytes).expect("written");
    }
    let mut zip = w.finish().expect("written").into_inner();
    for name in lying {
        let size = parts
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, b)| b.len() as u32 / 2);
        for (signature, size_at, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
            let mut i = 0;
            while let Some(at) = zip[i..]
                .windows(4)
                .position(|w| w == signature)
                .map(|p| p + i)
            {
                if zip.len() >= at + name_at + name.len()
                    && zip[at + name_at..].starts_with(name.as_bytes())
                {
                    zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
                }
                i = at + 4;
            }
        }
    }
    zip
}

/// The base XLSX file with some parts replaced.
fn xlsx(replace: &[(&str, Vec<u8>)], compress: bool, lie: bool) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx_base())).expect("an XLSX file");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let name = part.name().expect("named").into_owned();
        let bytes = match replace.iter().find(|(n, _)| *n == name) {
            Some((_, b)) => b.clone(),
            None => {
                let mut b = Vec::new();
                part.read_to_end(&mut b).expect("read");
                b
            }
        };
        parts.push((name, bytes));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let lying: Vec<&str> = if lie {
        replace.iter().map(|(n, _)| *n).collect()
    } else {
        Vec::new()
    };
    archive(&parts, compress, &lying)
}

fn holds_to_the_limits(book: &Workbook) {
    let (mut cells, mut text) = (0, 0);
    for sheet in &book.sheets {
        for (r, row) in sheet.rows.iter().enumerate() {
            cells += row.len();
            for (c, cell) in row.iter().enumerate() {
                if *cell != Cell::Empty {
                    assert!(r < MAX_ROWS && c < MAX_COLUMNS, "a value at ({r}, {c})");
                }
                if let Cell::Text(s) = cell {
                    assert!(s.chars().count() <= MAX_CELL_TEXT, "a cell of {}", s.len());
                    text += s.len();
                }
            }
        }
    }
    assert!(cells <= MAX_CELLS, "{cells} cells");
    assert!(text <= MAX_TEXT, "{text} bytes of text");
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (compress, lie) = (mode & 0x40 != 0, mode & 0x80 != 0);
    let read = match mode % 8 {
        0 => read_workbook("fuzz", rest),
        1 => {
            let content = [ODS_HEAD.as_bytes(), rest, ODS_TAIL.as_bytes()].concat();
            let parts = [
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
                ),
                ("content.xml", content),
                ("META-INF/manifest.xml", MANIFEST.as_bytes().to_vec()),
            ];
            let lying: &[&str] = if lie { &["content.xml"] } else { &[] };
            read_workbook("fuzz.ods", &archive(&parts, compress, lying))
        }
        2 => read_workbook(
            "fuzz.xlsx",
            &xlsx(&[("xl/worksheets/sheet1.xml", rest.to_vec())], compress, lie),
        ),
        3 => {
            let (strings, sheet) = match rest.iter().position(|&b| b == 0) {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &b""[..]),
            };
            read_workbook(
                "fuzz.xlsx",
                &xlsx(
                    &[
                        ("xl/sharedStrings.xml", strings.to_vec()),
                        ("xl/worksheets/sheet1.xml", sheet.to_vec()),
                    ],
                    compress,
                    lie,
                ),
            )
        }
        _ => read_csv("fuzz.csv", "Matrix", rest).map(|sheet| Workbook {
            file: "fuzz.csv".into(),
            sheets: vec![sheet],
        }),
    };
    if let Ok(book) = read {
        holds_to_the_limits(&book);
        let _ = import_workbook(&book, Some(BUILTIN_TOML), None);
    }
});
