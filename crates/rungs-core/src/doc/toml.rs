//! TOML into the spanned tree, through the `toml` crate's recovering parser.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Entry, Item, Value};
use crate::diag::Problem;

/// Parses TOML, reporting every syntax error the parser recovers from.
pub(super) fn parse(text: &str) -> Result<Item, Vec<Problem>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| {
                let message = e.message().trim().replace('\n', "; ");
                Problem::error(e.span(), "", format!("TOML syntax: {message}"))
                    .help("see https://toml.io for the syntax; strings need quotes, lists square brackets")
            })
            .collect());
    }
    Ok(Item {
        span: doc.span(),
        value: table(doc.get_ref()),
    })
}

fn table(t: &DeTable<'_>) -> Value {
    Value::Table(
        t.iter()
            .map(|(k, v)| Entry {
                key: k.get_ref().to_string(),
                key_span: k.span(),
                item: item(v),
            })
            .collect(),
    )
}

fn item(v: &Spanned<DeValue<'_>>) -> Item {
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            // TOML integers fit in i64; the parser has already refused any that do not.
            Err(_) => Value::Float(f64::INFINITY),
        },
        DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Date(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(item).collect()),
        DeValue::Table(t) => table(t),
    };
    Item {
        span: v.span(),
        value,
    }
}
