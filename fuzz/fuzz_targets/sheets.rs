//! A framework from spreadsheet cells, on any text, over the built-in ladder and over nothing.
//! Sheets are separated by a NUL byte; a sheet's first line is its name, then a row per line,
//! cells between tabs. A row starting with `merge:` merges cells: `merge:r1,c1,r2,c2`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rungs_core::framework::BUILTIN_TOML;
use rungs_core::framework::sheets::{Cell, Merged, Sheet, Workbook, export, import};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut book = Workbook {
        file: "fuzz.xlsx".into(),
        sheets: Vec::new(),
    };
    for part in text.split('\0') {
        let mut lines = part.lines();
        let mut sheet = Sheet {
            name: lines.next().unwrap_or_default().to_owned(),
            ..Sheet::default()
        };
        for line in lines {
            if let Some(m) = line.strip_prefix("merge:") {
                let n: Vec<usize> = m.split(',').filter_map(|x| x.trim().parse().ok()).collect();
                if let [r1, c1, r2, c2] = n[..] {
                    if r1 <= r2 && c1 <= c2 && r2 < 10_000 && c2 < 1_000 {
                        sheet.merged.push(Merged { rows: (r1, r2), cols: (c1, c2) });
                    }
                }
                continue;
            }
            sheet.rows.push(
                line.split('\t')
                    .map(|c| match c.parse::<f64>() {
                        Ok(n) => Cell::Number(n),
                        Err(_) if c.is_empty() => Cell::Empty,
                        Err(_) if c.starts_with('#') => Cell::Error(c.to_owned()),
                        Err(_) => Cell::Text(c.to_owned()),
                    })
                    .collect(),
            );
        }
        book.sheets.push(sheet);
    }
    for base in [Some(BUILTIN_TOML), None] {
        if let Ok(imported) = import(&book, base, None) {
            // What imported exports, and imports back.
            let again = export("again.xlsx", &imported.toml).expect("an imported ladder exports");
            assert!(import(&again, None, None).is_ok(), "an export of a ladder imports back");
        }
    }
});
