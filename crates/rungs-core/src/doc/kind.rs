//! What kind of file a person sent, read from its bytes, never from its name: a name can say
//! `.xlsx` of a text file, and a spreadsheet can be called anything.

/// The kinds of file Rungs reads, and those it names in order to refuse them clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An Excel workbook (`.xlsx`): a ZIP archive with `xl/` parts.
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`): a ZIP archive whose `mimetype` says so.
    Ods,
    /// Another ZIP archive (a Word file, a folder zipped).
    Zip,
    /// An Excel 97–2003 workbook (`.xls`), which Rungs does not read.
    OldExcel,
    /// Bytes that are not text.
    Binary,
    /// JSON text (it opens an object).
    Json,
    /// Comma-, semicolon- or tab-separated text.
    Csv,
    /// Any other text, read as TOML.
    Toml,
}

impl FileKind {
    /// The kind of these bytes.
    pub fn of(bytes: &[u8]) -> FileKind {
        if bytes.starts_with(b"PK\x03\x04") {
            return zip_kind(bytes);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return FileKind::OldExcel;
        }
        let head = &bytes[..bytes.len().min(8192)];
        let text = match std::str::from_utf8(head) {
            Ok(t) => t,
            // Cut inside a character at the end of the head: still text.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
            }
            Err(_) => return FileKind::Binary,
        };
        if text.contains('\0') {
            return FileKind::Binary;
        }
        let text = text.trim_start_matches('\u{feff}');
        if text.trim_start().starts_with('{') {
            return FileKind::Json;
        }
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .take(20)
            .collect();
        let toml_like = |l: &&str| {
            l.starts_with('[')
                || l.split_once('=').is_some_and(|(key, _)| {
                    let key = key.trim();
                    !key.is_empty()
                        && key.chars().all(|c| {
                            c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ')
                        })
                })
        };
        if lines.iter().any(toml_like) {
            return FileKind::Toml;
        }
        match lines.first() {
            Some(first) if first.contains([',', ';', '\t']) => FileKind::Csv,
            _ => FileKind::Toml,
        }
    }

    /// The kind a file's name claims, by its extension; none when it names none of these.
    pub fn claimed_by(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" => FileKind::Xlsx,
            "ods" => FileKind::Ods,
            "xls" => FileKind::OldExcel,
            "zip" => FileKind::Zip,
            "json" => FileKind::Json,
            "csv" | "tsv" => FileKind::Csv,
            "toml" => FileKind::Toml,
            _ => return None,
        })
    }

    /// A spreadsheet Rungs reads: XLSX, ODS or CSV.
    pub fn is_sheet(self) -> bool {
        matches!(self, FileKind::Xlsx | FileKind::Ods | FileKind::Csv)
    }

    /// A framework file's text: TOML or JSON.
    pub fn is_document(self) -> bool {
        matches!(self, FileKind::Toml | FileKind::Json)
    }

    /// What the file is, as a person says it: "an Excel workbook (.xlsx)".
    pub fn words(self) -> &'static str {
        match self {
            FileKind::Xlsx => "an Excel workbook (.xlsx)",
            FileKind::Ods => "an OpenDocument spreadsheet (.ods)",
            FileKind::Zip => "a ZIP archive that is not a spreadsheet",
            FileKind::OldExcel => "an Excel 97–2003 workbook (.xls)",
            FileKind::Binary => "binary data, not text",
            FileKind::Json => "JSON text",
            FileKind::Csv => "CSV text",
            FileKind::Toml => "text (read as TOML)",
        }
    }

    /// The extension a file of this kind is named with.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Xlsx => "xlsx",
            FileKind::Ods => "ods",
            FileKind::Zip => "zip",
            FileKind::OldExcel => "xls",
            FileKind::Binary => "bin",
            FileKind::Json => "json",
            FileKind::Csv => "csv",
            FileKind::Toml => "toml",
        }
    }
}

/// An ODS file's first entry is `mimetype`, stored, saying so; an XLSX file has `xl/` parts,
/// whose names stand unpacked in the first entries and in the archive's directory at its end.
/// Only the head and the tail are read: a file of many megabytes is told at once.
fn zip_kind(bytes: &[u8]) -> FileKind {
    let head = &bytes[..bytes.len().min(200)];
    if head.get(30..38) == Some(b"mimetype")
        && contains(head, b"application/vnd.oasis.opendocument.spreadsheet")
    {
        return FileKind::Ods;
    }
    let start = &bytes[..bytes.len().min(4096)];
    let end = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    if contains(start, b"xl/") || contains(end, b"xl/workbook") {
        return FileKind::Xlsx;
    }
    FileKind::Zip
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_bytes() {
        let toml = "[framework]\nid = \"x\"\n";
        assert_eq!(FileKind::of(toml.as_bytes()), FileKind::Toml);
        assert_eq!(FileKind::of(b"# a comment\nname = 1"), FileKind::Toml);
        assert_eq!(FileKind::of(b"  {\"framework\": {}}"), FileKind::Json);
        assert_eq!(
            FileKind::of("\u{feff}Area,Competency,APM\nCraft,Discovery,x\n".as_bytes()),
            FileKind::Csv
        );
        assert_eq!(FileKind::of(b"Area;Competency\n"), FileKind::Csv);
        assert_eq!(FileKind::of(b"just some words"), FileKind::Toml);
        assert_eq!(FileKind::of(b"\x00\x01\x02binary"), FileKind::Binary);
        assert_eq!(FileKind::of(&[0xff, 0xfe, 0x00, 0x41]), FileKind::Binary);
        assert_eq!(
            FileKind::of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            FileKind::OldExcel
        );
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(FileKind::of(&ods), FileKind::Ods);
        let mut xlsx = b"PK\x03\x04".to_vec();
        xlsx.resize(30, 0);
        xlsx.extend_from_slice(b"[Content_Types].xml....xl/workbook.xml");
        assert_eq!(FileKind::of(&xlsx), FileKind::Xlsx);
        assert_eq!(FileKind::of(b"PK\x03\x04word/document.xml"), FileKind::Zip);
    }

    #[test]
    fn a_name_only_claims() {
        assert_eq!(FileKind::claimed_by("Ladder.XLSX"), Some(FileKind::Xlsx));
        assert_eq!(FileKind::claimed_by("ladder.ods"), Some(FileKind::Ods));
        assert_eq!(FileKind::claimed_by("old.xls"), Some(FileKind::OldExcel));
        assert_eq!(FileKind::claimed_by("framework"), None);
        assert!(FileKind::Csv.is_sheet() && !FileKind::Toml.is_sheet());
    }
}
