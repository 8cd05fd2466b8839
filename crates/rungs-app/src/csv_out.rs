//! Writing CSV files: every cell made safe to open in a spreadsheet (see `rungs_core::cell`).

use crate::error::{AppError, Result};

pub(crate) struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvOut {
    /// A file with this header row; `rows` sizes the buffer.
    pub(crate) fn new(header: &[&str], rows: usize) -> Result<CsvOut> {
        let mut out = CsvOut {
            writer: csv::WriterBuilder::new()
                .flexible(false)
                .from_writer(Vec::with_capacity(rows * 128 + 256)),
        };
        out.row(header.iter().copied())?;
        Ok(out)
    }

    pub(crate) fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<()> {
        self.writer
            .write_record(
                cells
                    .into_iter()
                    .map(|c| rungs_core::cell::safe(c))
                    .map(|c| c.into_owned()),
            )
            .map_err(|e| AppError::Internal(format!("writing CSV: {e}")))
    }

    pub(crate) fn finish(self) -> Result<String> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| AppError::Internal(format!("writing CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("writing CSV: {e}")))
    }
}
