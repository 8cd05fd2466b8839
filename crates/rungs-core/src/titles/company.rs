//! Company ladders: a company's own level codes and titles, mapped to the framework's levels.

use serde::Serialize;

use crate::diag::resolve_all;
use crate::doc::{self, Format, Node, Sink, join};
use crate::framework::{Framework, LoadError};
use crate::suggest::did_you_mean;

/// A company's ladder, read against one framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    pub id: String,
    pub name: String,
    pub framework: String,
    pub codes: Vec<CompanyCode>,
    pub titles: Vec<CompanyTitle>,
}

/// A level code such as L6, IC5 or PM2.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyCode {
    pub code: String,
    pub level: String,
    /// The title the company gives the code, if any.
    pub title: Option<String>,
    /// Why the company reads it so, shown with the verdict.
    pub note: Option<String>,
}

/// A title as the company uses it, such as an IC "Lead Product Manager".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyTitle {
    pub title: String,
    pub level: String,
    /// Why the company reads it so, shown with the verdict.
    pub note: Option<String>,
}

/// Reads a company ladder file (TOML, or JSON by extension) against a framework.
pub fn load_company(file: &str, bytes: &[u8], fw: &Framework) -> Result<Company, LoadError> {
    let fail = |diagnostics| LoadError {
        file: file.to_owned(),
        what: "company ladder",
        diagnostics,
    };
    let text = doc::text(file, bytes, 4 << 20).map_err(fail)?;
    let tree =
        doc::parse(text, Format::from_name(file)).map_err(|p| fail(resolve_all(file, text, p)))?;
    let sink = Sink::for_text(text);
    let company = Node::root(&sink, &tree).table().and_then(|root| {
        let head = root.need_table("company");
        let (id, name, framework) = match &head {
            Some(h) => {
                let fields = (h.need_id("id"), h.need_text("name"), h.need_id("framework"));
                h.finish();
                fields
            }
            None => (None, None, None),
        };
        if let Some(f) = framework.as_deref().filter(|f| *f != fw.id()) {
            sink.error_at(
                "company.framework",
                format!(
                    "this ladder maps to the `{f}` framework, but the framework in use is `{}`",
                    fw.id()
                ),
                Some(format!("pass the `{f}` framework with --framework")),
            );
        }
        let level = |node: &Option<Node<'_>>| -> Option<String> {
            let n = node.as_ref()?;
            let id = n.id()?;
            if fw.level(&id).is_none() {
                let help = did_you_mean(&id, fw.levels().iter().map(|l| l.id.as_str()))
                    .unwrap_or_else(|| {
                        format!(
                            "the levels are: {}",
                            fw.levels()
                                .iter()
                                .map(|l| l.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    });
                sink.error_at(n.path(), format!("unknown level `{id}`"), Some(help));
                return None;
            }
            Some(id)
        };
        let mut codes: Vec<CompanyCode> = Vec::new();
        for c in root.tables("codes") {
            let code = c.need_text("code");
            let lv = level(&c.need("level", "\"senior-pm\""));
            let title = c.text("title");
            let note = c.text("note");
            c.finish();
            let (Some(code), Some(lv)) = (code, lv) else {
                continue;
            };
            let path = join(c.path(), "code");
            if code.contains(char::is_whitespace) {
                sink.error_at(
                    &path,
                    format!("the code \"{code}\" has a space in it"),
                    Some("codes are single words, like L6 or IC5".into()),
                );
                continue;
            }
            if codes.iter().any(|x| x.code.eq_ignore_ascii_case(&code)) {
                sink.error_at(
                    &path,
                    format!("the code {code} is listed twice"),
                    Some("keep one entry per code".into()),
                );
                continue;
            }
            codes.push(CompanyCode {
                code,
                level: lv,
                title,
                note,
            });
        }
        let mut titles: Vec<CompanyTitle> = Vec::new();
        for t in root.tables("titles") {
            let title = t.need_text("title");
            let lv = level(&t.need("level", "\"senior-pm\""));
            let note = t.text("note");
            t.finish();
            if let (Some(title), Some(level)) = (title, lv) {
                titles.push(CompanyTitle { title, level, note });
            }
        }
        // A code's own title maps too ("Product Manager II" for PM2).
        for c in &codes {
            if let Some(title) = &c.title {
                if !titles.iter().any(|t| t.title.eq_ignore_ascii_case(title)) {
                    titles.push(CompanyTitle {
                        title: title.clone(),
                        level: c.level.clone(),
                        note: c.note.clone(),
                    });
                }
            }
        }
        root.finish();
        Some(Company {
            id: id?,
            name: name?,
            framework: framework?,
            codes,
            titles,
        })
    });
    match company {
        Some(c) if !sink.has_errors() => Ok(c),
        _ => Err(fail(resolve_all(file, text, sink.into_problems()))),
    }
}
