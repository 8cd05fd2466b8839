//! The forms an answer can take, named in a `?format=` parameter. Each is a closed set the
//! document lists, so a client knows every value and a value outside it is refused at the
//! parameter ("unknown variant `xml`, expected one of `json`, `md`, `html`").

use serde::Deserialize;
use utoipa::ToSchema;

/// A document: JSON, Markdown or printable HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DocFormat {
    #[default]
    Json,
    Md,
    Html,
}

/// A table: JSON or CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TableFormat {
    #[default]
    Json,
    Csv,
}

/// A framework: its TOML file as stored, JSON, or an XLSX workbook.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FrameworkFormat {
    #[default]
    Toml,
    Json,
    Xlsx,
}
