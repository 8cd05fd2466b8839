//! Hostile spreadsheets, made on demand (the files themselves are never kept in the repository):
//! small files that unpack or repeat into gigabytes, and ones that lie about their sizes. The
//! tests make them at [`Scale::Test`], just past each limit; `cargo run --release -p rungs-app
//! --example hostile-sheets` writes them at [`Scale::Full`], as they were found in the probe
//! (a 2 GiB shared string, 100,000 repeated rows of 1,000 cells), for scripts/probe-sheets.sh.

#![allow(dead_code, unreachable_pub)]

use std::io::{Cursor, Read, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// How big the hostile files are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Just past each limit, quick to make.
    Test,
    /// As the probe found them: gigabytes unpacked.
    Full,
}

/// One hostile file: its name, what it does, its bytes, and what its refusal must say.
#[derive(Debug)]
pub struct Hostile {
    pub name: &'static str,
    pub what: &'static str,
    pub bytes: Vec<u8>,
    /// Refused, with these words in the reason; `None` when the file may also be read (its
    /// cost bounded by the part limit, measured by the probe rather than refused).
    pub refused_for: Option<&'static str>,
}

const SHEET_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// Text streamed into a part without holding it: a prefix, `n` copies of one byte, a suffix.
struct Run<'a> {
    prefix: &'a [u8],
    byte: u8,
    n: u64,
    suffix: &'a [u8],
}

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(false)
}

fn write_run(w: &mut impl Write, run: &Run<'_>) {
    w.write_all(run.prefix).expect("written");
    let chunk = vec![run.byte; 1 << 20];
    let mut left = run.n;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        w.write_all(&chunk[..n]).expect("written");
        left -= n as u64;
    }
    w.write_all(run.suffix).expect("written");
}

/// An XLSX file as rust_xlsxwriter writes it (one sheet, `Matrix`, one shared string in A1),
/// with some of its parts replaced.
fn xlsx_with(replace: &[(&str, Run<'_>)], extra: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Matrix").expect("named");
    ws.write_string(0, 0, "Area").expect("written");
    let base = wb.save_to_buffer().expect("saved");
    let mut zip = zip::ZipArchive::new(Cursor::new(base)).expect("an XLSX file");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let name = part.name().expect("named").into_owned();
        out.start_file(name.as_str(), deflated()).expect("written");
        match replace.iter().find(|(n, _)| *n == name) {
            Some((_, run)) => write_run(&mut out, run),
            None => {
                let mut bytes = Vec::new();
                part.read_to_end(&mut bytes).expect("read");
                out.write_all(&bytes).expect("written");
            }
        }
    }
    for i in 0..extra {
        out.start_file(format!("x/{i}"), SimpleFileOptions::default())
            .expect("written");
    }
    out.finish().expect("written").into_inner()
}

/// A one-sheet ODS file as LibreOffice writes the parts calamine reads, its table given as the
/// XML of its rows (streamed: a prefix, a run, a suffix).
fn ods_with(rows: &Run<'_>) -> Vec<u8> {
    let head = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Matrix">"#;
    let tail = "</table:table></office:spreadsheet></office:body></office:document-content>";
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("mimetype", stored).expect("written");
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    w.start_file("content.xml", deflated()).expect("written");
    w.write_all(head.as_bytes()).expect("written");
    write_run(&mut w, rows);
    w.write_all(tail.as_bytes()).expect("written");
    w.start_file("META-INF/manifest.xml", stored)
        .expect("written");
    w.write_all(manifest.as_bytes()).expect("written");
    w.finish().expect("written").into_inner()
}

/// A one-sheet ODS file of these rows of text cells (empty text is an empty cell).
pub fn ods(rows: &[&[&str]]) -> Vec<u8> {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if cell.is_empty() {
                table.push_str("<table:table-cell/>");
            } else {
                table.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    ods_with(&Run {
        prefix: table.as_bytes(),
        byte: b' ',
        n: 0,
        suffix: b"",
    })
}

/// Sets the uncompressed size a ZIP archive declares for one part, in its local header and in
/// the central directory, to `size`: a part that says it is small and is not.
fn declare_size(mut zip: Vec<u8>, part: &str, size: u32) -> Vec<u8> {
    let name = part.as_bytes();
    for (signature, size_at, name_at) in [
        (b"PK\x03\x04", 22, 30), // local file header
        (b"PK\x01\x02", 24, 46), // central directory header
    ] {
        let mut i = 0;
        while let Some(at) = find(&zip[i..], signature).map(|p| p + i) {
            if zip[at + name_at..].starts_with(name) {
                zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i = at + 4;
        }
    }
    zip
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Every hostile file, at `scale`.
pub fn all(scale: Scale) -> Vec<Hostile> {
    let full = scale == Scale::Full;
    // A part past the 32 MB limit, or 2 GiB as the probe found it.
    let huge: u64 = if full { 2 << 30 } else { 40 << 20 };
    let sst_head = format!(r#"<sst xmlns="{SHEET_NS}" count="1" uniqueCount="1"><si><t>"#);
    let sheet_head = format!(r#"<worksheet xmlns="{SHEET_NS}"><sheetData>"#);
    let sheet_a1_shared =
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;

    vec![
        Hostile {
            name: "shared-string.xlsx",
            what: "one shared string of 2 GiB unpacked",
            bytes: xlsx_with(
                &[(
                    "xl/sharedStrings.xml",
                    Run {
                        prefix: sst_head.as_bytes(),
                        byte: b'a',
                        n: huge,
                        suffix: b"</t></si></sst>",
                    },
                )],
                0,
            ),
            refused_for: Some("unpacks to"),
        },
        Hostile {
            name: "inline-cell.xlsx",
            what: "one inline cell of 2 GiB unpacked",
            bytes: xlsx_with(
                &[(
                    "xl/worksheets/sheet1.xml",
                    Run {
                        prefix: format!(r#"{sheet_head}<row r="1"><c r="A1" t="inlineStr"><is><t>"#)
                            .as_bytes(),
                        byte: b'a',
                        n: huge,
                        suffix: b"</t></is></c></row></sheetData></worksheet>",
                    },
                )],
                0,
            ),
            refused_for: Some("unpacks to"),
        },
        Hostile {
            name: "whitespace.xlsx",
            what: "2 GiB of white space in a sheet",
            bytes: xlsx_with(
                &[(
                    "xl/worksheets/sheet1.xml",
                    Run {
                        prefix: sheet_head.as_bytes(),
                        byte: b' ',
                        n: huge,
                        suffix: b"</sheetData></worksheet>",
                    },
                )],
                0,
            ),
            refused_for: Some("unpacks to"),
        },
        Hostile {
            name: "styles.xlsx",
            what: "a styles part of 299,000 fonts, just under its 2 MB limit",
            bytes: {
                let head = format!(r#"<styleSheet xmlns="{SHEET_NS}"><fonts>"#);
                // `<font/>` is 7 bytes: as many fonts as fit under the part's limit.
                let mut fonts = Vec::new();
                let n = if full { 299_000 } else { 100_000 };
                fonts.extend(std::iter::repeat_n(b"<font/>".as_slice(), n).flatten());
                let prefix = [head.as_bytes(), &fonts].concat();
                xlsx_with(
                    &[(
                        "xl/styles.xml",
                        Run {
                            prefix: &prefix,
                            byte: b' ',
                            n: 0,
                            suffix: b"</fonts></styleSheet>",
                        },
                    )],
                    0,
                )
            },
            refused_for: None,
        },
        Hostile {
            name: "strings.xlsx",
            what: "millions of empty shared strings",
            bytes: xlsx_with(
                &[(
                    "xl/sharedStrings.xml",
                    Run {
                        prefix: format!(r#"<sst xmlns="{SHEET_NS}">"#).as_bytes(),
                        byte: b' ',
                        n: 0,
                        suffix: &[
                            b"<si><t/></si>".repeat(if full { 2_500_000 } else { 500_001 }),
                            b"</sst>".to_vec(),
                        ]
                        .concat(),
                    },
                )],
                0,
            ),
            refused_for: Some("different texts"),
        },
        Hostile {
            name: "strings-at-limit.xlsx",
            what: "500,000 empty shared strings, as many as a file may have",
            bytes: xlsx_with(
                &[(
                    "xl/sharedStrings.xml",
                    Run {
                        prefix: format!(r#"<sst xmlns="{SHEET_NS}">"#).as_bytes(),
                        byte: b' ',
                        n: 0,
                        suffix: &[
                            b"<si><t/></si>".repeat(if full { 500_000 } else { 1_000 }),
                            b"</sst>".to_vec(),
                        ]
                        .concat(),
                    },
                )],
                0,
            ),
            refused_for: None,
        },
        Hostile {
            name: "many-parts.xlsx",
            what: "an archive of 100,000 empty parts",
            bytes: xlsx_with(&[], if full { 100_000 } else { 1_001 }),
            refused_for: Some("parts"),
        },
        Hostile {
            name: "shared-refs.xlsx",
            what: "one 30,000-character shared string in 100,000 cells",
            bytes: {
                let mut cells = String::from(&sheet_head);
                let rows = if full { 20_000 } else { 2_000 };
                for r in 1..=rows {
                    cells.push_str(&format!("<row r=\"{r}\">"));
                    for c in ["A", "B", "C", "D", "E"] {
                        cells.push_str(&format!("<c r=\"{c}{r}\" t=\"s\"><v>0</v></c>"));
                    }
                    cells.push_str("</row>");
                }
                xlsx_with(
                    &[
                        (
                            "xl/sharedStrings.xml",
                            Run {
                                prefix: sst_head.as_bytes(),
                                byte: b'a',
                                n: 30_000,
                                suffix: b"</t></si></sst>",
                            },
                        ),
                        (
                            "xl/worksheets/sheet1.xml",
                            Run {
                                prefix: cells.as_bytes(),
                                byte: b' ',
                                n: 0,
                                suffix: b"</sheetData></worksheet>",
                            },
                        ),
                    ],
                    0,
                )
            },
            refused_for: Some("MB of text"),
        },
        Hostile {
            name: "dense.xlsx",
            what: "a value at the end of each of 20,000 rows, 500 columns wide",
            bytes: {
                let mut cells = String::from(&sheet_head);
                let rows = if full { 19_999 } else { 1_100 };
                for r in 1..=rows {
                    cells.push_str(&format!("<row r=\"{r}\"><c r=\"SF{r}\"><v>1</v></c></row>"));
                }
                xlsx_with(
                    &[(
                        "xl/worksheets/sheet1.xml",
                        Run {
                            prefix: cells.as_bytes(),
                            byte: b' ',
                            n: 0,
                            suffix: b"</sheetData></worksheet>",
                        },
                    )],
                    0,
                )
            },
            refused_for: Some("cells"),
        },
        Hostile {
            name: "lying-size.xlsx",
            what: "a sheet that says it is 1 KB and unpacks to 2 GiB",
            bytes: declare_size(
                xlsx_with(
                    &[(
                        "xl/worksheets/sheet1.xml",
                        Run {
                            prefix: sheet_head.as_bytes(),
                            byte: b' ',
                            n: huge,
                            suffix: sheet_a1_shared.as_bytes(),
                        },
                    )],
                    0,
                ),
                "xl/worksheets/sheet1.xml",
                1024,
            ),
            refused_for: Some(""),
        },
        Hostile {
            name: "repeat-rows.ods",
            what: "one row repeated 100,000 times, of 1,000 cells",
            bytes: ods_with(&Run {
                prefix: br#"<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#,
                byte: b' ',
                n: 0,
                suffix: b"",
            }),
            refused_for: Some("column"),
        },
        Hostile {
            name: "grid.ods",
            what: "20,001 rows of 500 cells, repeated",
            bytes: ods_with(&Run {
                prefix: br#"<table:table-row table:number-rows-repeated="20001"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="500"/></table:table-row>"#,
                byte: b' ',
                n: 0,
                suffix: b"",
            }),
            refused_for: Some("row 20,001"),
        },
        Hostile {
            name: "block.ods",
            what: "2,000 rows of 500 cells, repeated",
            bytes: ods_with(&Run {
                prefix: br#"<table:table-row table:number-rows-repeated="2000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="500"/></table:table-row>"#,
                byte: b' ',
                n: 0,
                suffix: b"",
            }),
            refused_for: Some("cells"),
        },
        Hostile {
            name: "sparse.ods",
            what: "two values at opposite corners of 20,000 rows by 500 columns",
            bytes: ods_with(&Run {
                prefix: br#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="19998"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="499"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
                byte: b' ',
                n: 0,
                suffix: b"",
            }),
            refused_for: Some("cells"),
        },
        Hostile {
            name: "far-column.ods",
            what: "one value in column 500 of each of 20,000 rows",
            bytes: {
                let rows = if full { 19_999 } else { 1_001 };
                let row = format!(
                    r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="499"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#
                );
                ods_with(&Run {
                    prefix: row.as_bytes(),
                    byte: b' ',
                    n: 0,
                    suffix: b"",
                })
            },
            refused_for: Some("cells"),
        },
        Hostile {
            name: "spaces.ods",
            what: "a cell of a billion spaces, written as a count",
            bytes: ods_with(&Run {
                prefix: br#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row>"#,
                byte: b' ',
                n: 0,
                suffix: b"",
            }),
            refused_for: Some("characters"),
        },
        Hostile {
            name: "repeated-text.ods",
            what: "a 30,000-character cell repeated 40,000 times",
            bytes: {
                let text = "a".repeat(30_000);
                let row = format!(
                    r#"<table:table-row table:number-rows-repeated="19999"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
                );
                ods_with(&Run {
                    prefix: row.as_bytes(),
                    byte: b' ',
                    n: 0,
                    suffix: b"",
                })
            },
            refused_for: Some("MB of text"),
        },
        Hostile {
            name: "zero-repeat.ods",
            what: "rows repeated zero times, each holding a value at column 500",
            bytes: {
                let row = r#"<table:table-row table:number-rows-repeated="0"><table:table-cell table:number-columns-repeated="499"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
                let n = if full { 150_000 } else { 1_100 };
                ods_with(&Run {
                    prefix: row.repeat(n).as_bytes(),
                    byte: b' ',
                    n: 0,
                    suffix: b"",
                })
            },
            refused_for: Some("cells"),
        },
        Hostile {
            name: "commas.csv",
            what: "a CSV row of 16 million empty cells and a value",
            bytes: {
                let n = if full { (16 << 20) - 16 } else { 1 << 20 };
                let mut bytes = vec![b','; n];
                bytes.extend_from_slice(b"x\n");
                bytes
            },
            refused_for: Some("column"),
        },
        Hostile {
            name: "empty-rows.csv",
            what: "8 million rows of empty cells",
            bytes: b",\n".repeat(if full { 8 << 20 } else { 20_001 }),
            refused_for: Some("rows"),
        },
    ]
}
