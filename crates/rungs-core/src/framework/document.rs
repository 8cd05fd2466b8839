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
    /// The same place in the framework's own names, for a person:
    /// "Technical skills › Data Analysis › PM".
    pub place: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every value that differs between two framework files, in the order of the second (then
/// what only the first has).
pub fn diff(before: &str, after: &str) -> Result<Vec<Change>, String> {
    let (ta, tb) = (tree(before)?, tree(after)?);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten(&ta, &ta, String::new(), Vec::new(), &mut a);
    flatten(&tb, &tb, String::new(), Vec::new(), &mut b);
    let old: std::collections::HashMap<&str, &str> = a
        .iter()
        .map(|l| (l.path.as_str(), l.value.as_str()))
        .collect();
    let new: std::collections::HashSet<&str> = b.iter().map(|l| l.path.as_str()).collect();
    let mut out: Vec<Change> = b
        .iter()
        .filter(|l| old.get(l.path.as_str()) != Some(&l.value.as_str()))
        .map(|l| Change {
            path: l.path.clone(),
            place: l.place.clone(),
            before: old.get(l.path.as_str()).map(|s| (*s).to_owned()),
            after: Some(l.value.clone()),
        })
        .collect();
    out.extend(
        a.iter()
            .filter(|l| !new.contains(l.path.as_str()))
            .map(|l| Change {
                path: l.path.clone(),
                place: l.place.clone(),
                before: Some(l.value.clone()),
                after: None,
            }),
    );
    // A value that reads the same (an empty one added or dropped) is no difference to a reader.
    out.retain(|c| {
        c.before.as_deref().unwrap_or("").trim() != c.after.as_deref().unwrap_or("").trim()
    });
    Ok(out)
}

/// One leaf of a framework's tree: where it is, for a program and for a person, and its value.
struct Leaf {
    path: String,
    place: String,
    value: String,
}

/// A level's short title from the tree's `levels`, else the id as it is.
fn level_name(root: &Value, id: &str) -> String {
    root.get("levels")
        .and_then(Value::as_array)
        .and_then(|ls| {
            ls.iter()
                .find(|l| l.get("id").and_then(Value::as_str) == Some(id))
        })
        .and_then(|l| l.get("short_title").or_else(|| l.get("title")))
        .and_then(Value::as_str)
        .unwrap_or(id)
        .to_owned()
}

/// A key as words: `years_on_rung` → "Years on rung".
fn words(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every leaf of a tree with its path; lists of tables with ids are keyed by id, and a list of
/// plain values is one leaf (a list of levels reads as one value). The place names each entry
/// of a list by its name or title where it has one, and levels by their titles.
fn flatten(root: &Value, v: &Value, at: String, place: Vec<String>, out: &mut Vec<Leaf>) {
    match v {
        Value::Table(map) => {
            for (k, v) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                let mut place = place.clone();
                // A list of entries inside another is named by its entries alone (an area's
                // competencies); one at the top keeps its own name too ("Levels › PM"). A text
                // is named by what holds it.
                let listed = matches!(v, Value::Array(items) if items.iter().any(Value::is_table));
                if (!listed || at.is_empty()) && k != "text" {
                    place.push(words(k));
                }
                flatten(root, v, path, place, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_table) => {
            for (i, item) in items.iter().enumerate() {
                let named = ["short_title", "name", "title"]
                    .iter()
                    .find_map(|k| item.get(*k).and_then(Value::as_str));
                let (key, name) = match item.get("id").and_then(Value::as_str) {
                    Some(id) => (
                        id.to_owned(),
                        named.map_or_else(|| id.to_owned(), str::to_owned),
                    ),
                    None => match item.get("levels").and_then(Value::as_array) {
                        // An expectation or a pay band is named by its levels.
                        Some(levels) => {
                            let ids: Vec<&str> = levels.iter().filter_map(Value::as_str).collect();
                            let titles: Vec<String> =
                                ids.iter().map(|l| level_name(root, l)).collect();
                            (ids.join("+"), titles.join(" and "))
                        }
                        None => (
                            i.to_string(),
                            named.map_or_else(|| format!("entry {}", i + 1), str::to_owned),
                        ),
                    },
                };
                let mut place = place.clone();
                place.push(name);
                flatten(root, item, format!("{at}[{key}]"), place, out);
            }
        }
        Value::Array(items) => out.push(Leaf {
            path: at,
            place: place.join(" › "),
            value: items.iter().map(leaf).collect::<Vec<_>>().join(", "),
        }),
        other => out.push(Leaf {
            path: at,
            place: place.join(" › "),
            value: leaf(other),
        }),
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
