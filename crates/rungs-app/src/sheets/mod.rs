//! Frameworks to and from spreadsheet files: XLSX and ODS read with calamine, XLSX written with
//! rust_xlsxwriter, CSV with the csv crate (a sheet per file). What the sheets mean is the
//! core's ([`rungs_core::framework::sheets`]); this module only moves cells in and out of files,
//! and holds what a file may expand to while it is read ([`limits`]).

mod limits;
mod read;
mod scan;
mod write;

use rungs_core::diag::Diagnostic;
use rungs_core::framework::sheets::{self, Imported, Workbook};

use crate::{Actor, AppError, FrameworkSaved, Result, policy};

pub use limits::{
    MAX_CELL_TEXT, MAX_CELLS, MAX_COLUMNS, MAX_OTHER_PART, MAX_PART, MAX_PARTS, MAX_ROWS, MAX_TEXT,
    MAX_UNPACKED,
};
pub use read::{read_csv, read_csv_sheets, read_workbook};
pub use write::{write_csv, write_xlsx};

/// The largest spreadsheet accepted: a ladder of a few hundred competencies is well under 1 MB.
pub const MAX_SPREADSHEET: usize = 16 * 1024 * 1024;

/// The template a person fills in with their own ladder (frameworks/examples/ladder-template.xlsx:
/// made-up example content, labelled so on its first sheet).
pub const TEMPLATE_XLSX: &[u8] =
    include_bytes!("../../../../frameworks/examples/ladder-template.xlsx");

/// The media type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A framework file as a workbook; `name` names it.
pub fn framework_workbook(name: &str, source: &str) -> Result<Workbook> {
    sheets::export(name, source).map_err(AppError::Internal)
}

/// Reads a workbook into a framework laid over `base` (a framework file's text), named `name`
/// when given.
pub fn import_workbook(
    book: &Workbook,
    base: Option<&str>,
    name: Option<&str>,
) -> std::result::Result<Imported, Vec<Diagnostic>> {
    sheets::import(book, base, name)
}

impl crate::Frameworks<'_> {
    /// Makes a new version of the organization's framework from a spreadsheet (XLSX, ODS, or a
    /// CSV competency matrix), laid over version `after`: each sheet replaces its part of it. A
    /// problem anywhere is refused at its sheet, row and column, and then nothing changes. The
    /// import's notes (what it left out or made up, such as a milestone id) come back with
    /// the loader's warnings.
    pub async fn import_framework_sheet(
        &self,
        actor: &Actor,
        after: rungs_core::VersionId,
        file: &str,
        bytes: Vec<u8>,
    ) -> Result<FrameworkSaved> {
        policy::admin(actor, "change the framework")?;
        let (_, base) = self.framework_source(actor, Some(after)).await?;
        let name = file.to_owned();
        let imported = tokio::task::spawn_blocking(move || {
            let book = read_workbook(&name, &bytes)?;
            import_workbook(&book, Some(&base), None)
        })
        .await?
        .map_err(|problems| {
            AppError::invalid(format!("{file} is not a ladder Rungs can read"), &problems)
        })?;
        let mut saved = self
            .put_framework(actor, after, imported.toml.into_bytes())
            .await?;
        // What the import did on the reader's behalf comes first, at its cells.
        let notes = imported.notes.iter().map(crate::Problem::from);
        saved.warnings.splice(0..0, notes);
        Ok(saved)
    }

    /// A version of the organization's framework (the current one when none) as an XLSX file.
    pub async fn framework_xlsx(
        &self,
        actor: &Actor,
        version: Option<rungs_core::VersionId>,
    ) -> Result<(rungs_core::VersionId, Vec<u8>)> {
        let (version, source) = self.framework_source(actor, version).await?;
        let bytes = tokio::task::spawn_blocking(move || {
            let book = framework_workbook("framework.xlsx", &source)?;
            write_xlsx(&book)
        })
        .await??;
        Ok((version, bytes))
    }
}
