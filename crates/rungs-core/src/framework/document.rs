//! A framework file as a tree of values, for what works on the file rather than on the ladder:
//! the differences between two versions, and changing a few values (a title, an expectation, a
//! pay band) by the same paths the loader's problems name (`levels[2].title`). What comes out is
//! loaded again before it is kept, so every rule stays the loader's.

pub use toml::Value;

use crate::doc::Format;

/// A framework file's text as a tree of values, in the file's order (TOML or JSON, by
/// [`Format::sniff`]).
pub fn tree(source: &str) -> Result<Value, String> {
    match Format::sniff(source.as_bytes()) {
        Format::Json => serde_json::from_str(source).map_err(|e| e.to_string()),
        Format::Toml => toml::from_str(source).map_err(|e| e.message().to_owned()),
    }
}

/// The tree written as a TOML framework file.
pub fn to_toml(tree: &Value) -> Result<String, String> {
    toml::to_string(tree).map_err(|e| e.to_string())
}

/// One value that differs between two versions: its place, in words a reader follows
/// (`levels[pm].title`: an entry of a list is named by its id where it has one), and the value
/// before and after (none where it was added or removed).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every value that differs between two framework files, in the order of the second (then
/// what only the first has).
pub fn diff(before: &str, after: &str) -> Result<Vec<Change>, String> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten(&tree(before)?, String::new(), &mut a);
    flatten(&tree(after)?, String::new(), &mut b);
    let old: std::collections::HashMap<&str, &str> =
        a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let new: std::collections::HashSet<&str> = b.iter().map(|(k, _)| k.as_str()).collect();
    let mut out: Vec<Change> = b
        .iter()
        .filter(|(k, v)| old.get(k.as_str()) != Some(&v.as_str()))
        .map(|(k, v)| Change {
            path: k.clone(),
            before: old.get(k.as_str()).map(|s| (*s).to_owned()),
            after: Some(v.clone()),
        })
        .collect();
    out.extend(
        a.iter()
            .filter(|(k, _)| !new.contains(k.as_str()))
            .map(|(k, v)| Change {
                path: k.clone(),
                before: Some(v.clone()),
                after: None,
            }),
    );
    Ok(out)
}

/// Every leaf of a tree with its path; lists of tables with ids are keyed by id, and a list of
/// plain values is one leaf (a list of levels reads as one value).
fn flatten(v: &Value, at: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Table(map) => {
            for (k, v) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                flatten(v, path, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_table) => {
            for (i, item) in items.iter().enumerate() {
                let key = match item.get("id").and_then(Value::as_str) {
                    Some(id) => id.to_owned(),
                    None => match item.get("levels").and_then(Value::as_array) {
                        // An expectation or a pay band is named by its levels.
                        Some(levels) => levels
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("+"),
                        None => i.to_string(),
                    },
                };
                flatten(item, format!("{at}[{key}]"), out);
            }
        }
        Value::Array(items) => {
            out.push((at, items.iter().map(leaf).collect::<Vec<_>>().join(", ")))
        }
        other => out.push((at, leaf(other))),
    }
}

fn leaf(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Sets the value at a loader's path (`levels[2].title`,
/// `compensation.bands[0].ranges.startup.min`) to `value`; a path that leads nowhere in the
/// tree is an error naming it.
pub fn set(tree: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let mut at = tree;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            at = at
                .get_mut(key)
                .ok_or_else(|| format!("the framework has no `{path}`"))?;
        }
        for index in indexes.split('[').skip(1) {
            let n: usize = index
                .trim_end_matches(']')
                .parse()
                .map_err(|_| format!("`{path}` is not a place in the framework"))?;
            at = at
                .get_mut(n)
                .ok_or_else(|| format!("the framework has no `{path}`"))?;
        }
    }
    *at = value;
    Ok(())
}
