//! The `More` sheet: every value the other sheets do not hold, one per row, by its path in the
//! framework file. An entry of a list is named by its id where it has one (`levels[apm].duties`),
//! so a row still finds its level when the Levels sheet is reordered; otherwise by its place
//! (`titles.rules[3].phrase`).

use toml::{Table, Value};

use super::Cell;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Id(String),
    Index(usize),
}

/// A path written the way the loader's problems name places: `levels[2].title`,
/// `titles.abbreviations."sr."`.
pub(super) fn show(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => out = crate::doc::join(&out, k),
            Seg::Id(id) => out.push_str(&format!("[{id}]")),
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Reads a path written by [`show`].
pub(super) fn parse(text: &str) -> Result<Vec<Seg>, String> {
    let mut segs = Vec::new();
    let mut chars = text.trim().chars().peekable();
    let bad =
        || format!("`{text}` is not a path: write keys between dots, like levels[apm].duties");
    while let Some(&c) = chars.peek() {
        match c {
            '.' if !segs.is_empty() => {
                chars.next();
                if matches!(chars.peek(), None | Some('.') | Some('[')) {
                    return Err(bad());
                }
            }
            '"' => {
                chars.next();
                let mut key = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => key.push('\n'),
                            Some('t') => key.push('\t'),
                            Some(other) => key.push(other),
                            None => return Err(bad()),
                        },
                        Some(ch) => key.push(ch),
                        None => return Err(bad()),
                    }
                }
                segs.push(Seg::Key(key));
            }
            '[' => {
                chars.next();
                let inner: String = chars.by_ref().take_while(|&ch| ch != ']').collect();
                let inner = inner.trim();
                if inner.is_empty() {
                    return Err(bad());
                }
                segs.push(match inner.parse::<usize>() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::Id(inner.to_owned()),
                });
            }
            _ => {
                let mut key = String::new();
                while let Some(&ch) = chars.peek() {
                    if ch == '.' || ch == '[' {
                        break;
                    }
                    key.push(ch);
                    chars.next();
                }
                let key = key.trim();
                if key.is_empty() || key.contains(['"', ']']) {
                    return Err(bad());
                }
                segs.push(Seg::Key(key.to_owned()));
            }
        }
    }
    if !matches!(segs.first(), Some(Seg::Key(_))) {
        return Err(bad());
    }
    Ok(segs)
}

/// What a `More` row's value is, in the `Kind` column.
pub(super) const KINDS: [&str; 7] = [
    "text",
    "whole number",
    "number",
    "yes/no",
    "list",
    "table",
    "toml",
];

/// Every value of a tree with its path, as the cells of a `More` row: value and kind.
pub(super) fn flatten(
    tree: &Table,
    at: &mut Vec<Seg>,
    out: &mut Vec<(Vec<Seg>, Cell, &'static str)>,
) {
    for (k, v) in tree {
        at.push(Seg::Key(k.clone()));
        value(v, at, out);
        at.pop();
    }
}

fn value(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<(Vec<Seg>, Cell, &'static str)>) {
    match v {
        Value::Table(t) if t.is_empty() => out.push((at.clone(), Cell::Empty, "table")),
        Value::Table(t) => flatten(t, at, out),
        Value::Array(items) if items.is_empty() => out.push((at.clone(), Cell::Empty, "list")),
        Value::Array(items) if items.iter().all(Value::is_table) => {
            let ids: Option<Vec<&str>> = items
                .iter()
                .map(|i| i.get("id").and_then(Value::as_str))
                .collect();
            let keyed = ids.filter(|ids| {
                let unique: std::collections::HashSet<&&str> = ids.iter().collect();
                unique.len() == ids.len()
                    && ids.iter().all(|id| {
                        !id.is_empty() && id.parse::<usize>().is_err() && !id.contains([']', '['])
                    })
            });
            for (i, item) in items.iter().enumerate() {
                let Some(t) = item.as_table() else { continue };
                match &keyed {
                    Some(ids) => {
                        at.push(Seg::Id(ids[i].to_owned()));
                        if t.len() == 1 {
                            // An entry with nothing but its id still has to exist.
                            at.push(Seg::Key("id".into()));
                            out.push((at.clone(), Cell::Text(ids[i].to_owned()), "text"));
                            at.pop();
                        } else {
                            for (k, v) in t.iter().filter(|(k, _)| *k != "id") {
                                at.push(Seg::Key(k.clone()));
                                value(v, at, out);
                                at.pop();
                            }
                        }
                    }
                    None => {
                        at.push(Seg::Index(i));
                        flatten(t, at, out);
                        if t.is_empty() {
                            out.push((at.clone(), Cell::Empty, "table"));
                        }
                    }
                }
                at.pop();
            }
        }
        Value::Array(items) if items.iter().all(plain_line) => {
            let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            out.push((at.clone(), Cell::Text(lines.join("\n")), "list"));
        }
        Value::String(s) => out.push((at.clone(), Cell::Text(s.clone()), "text")),
        Value::Integer(n) => out.push((at.clone(), Cell::Number(*n as f64), "whole number")),
        Value::Float(x) => out.push((at.clone(), Cell::Number(*x), "number")),
        Value::Boolean(b) => out.push((
            at.clone(),
            Cell::Text(if *b { "yes" } else { "no" }.into()),
            "yes/no",
        )),
        other => out.push((at.clone(), Cell::Text(other.to_string()), "toml")),
    }
}

/// A string that a cell holding one item per line gives back unchanged.
fn plain_line(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| !s.is_empty() && !s.contains('\n') && s.trim() == s)
}

/// The value of a `More` row from its cell and kind.
pub(super) fn read(cell: &Cell, kind: &str) -> Result<Value, String> {
    let raw = match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => super::number_text(*n),
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    };
    let text = raw.trim();
    match kind.trim().to_lowercase().as_str() {
        "text" => Ok(Value::String(raw)),
        "whole number" => match cell {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Ok(Value::Integer(*n as i64)),
            _ => text
                .replace(['_', ','], "")
                .parse::<i64>()
                .map(Value::Integer)
                .map_err(|_| format!("`{text}` is not a whole number")),
        },
        "number" => match cell {
            Cell::Number(n) => Ok(Value::Float(*n)),
            _ => text
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Value::Float)
                .ok_or_else(|| format!("`{text}` is not a number")),
        },
        "yes/no" => super::grid::yes_no(text).map(Value::Boolean),
        "list" => Ok(Value::Array(
            raw.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_owned()))
                .collect(),
        )),
        "table" if text.is_empty() => Ok(Value::Table(Table::new())),
        "table" => {
            Err("a row of kind `table` stands for an empty table: leave its value blank".into())
        }
        "toml" => toml::from_str::<Table>(&format!("value = {text}"))
            .ok()
            .and_then(|mut t| t.remove("value"))
            .ok_or_else(|| format!("`{text}` is not a TOML value")),
        other => Err(format!(
            "`{other}` is not a kind of value; the kinds are: {}",
            KINDS.join(", ")
        )),
    }
}

/// Sets the value at a path, making the tables and list entries on the way.
pub(super) fn apply(tree: &mut Table, path: &[Seg], v: Value) -> Result<(), String> {
    let Some((Seg::Key(first), rest)) = path.split_first() else {
        return Err("a path starts with a key".into());
    };
    if rest.is_empty() {
        tree.insert(first.clone(), v);
        return Ok(());
    }
    let slot = tree
        .entry(first.clone())
        .or_insert_with(|| empty_for(&rest[0]));
    apply_in(slot, rest, v, path)
}

fn empty_for(next: &Seg) -> Value {
    match next {
        Seg::Key(_) => Value::Table(Table::new()),
        Seg::Id(_) | Seg::Index(_) => Value::Array(Vec::new()),
    }
}

fn apply_in(at: &mut Value, path: &[Seg], v: Value, whole: &[Seg]) -> Result<(), String> {
    let Some((seg, rest)) = path.split_first() else {
        *at = v;
        return Ok(());
    };
    let wrong = || {
        format!(
            "`{}` leads through a value that is not a table or a list",
            show(whole)
        )
    };
    let next: &mut Value = match seg {
        Seg::Key(k) => {
            let t = at.as_table_mut().ok_or_else(wrong)?;
            if rest.is_empty() {
                t.insert(k.clone(), v);
                return Ok(());
            }
            t.entry(k.clone()).or_insert_with(|| empty_for(&rest[0]))
        }
        Seg::Id(id) => {
            let items = at.as_array_mut().ok_or_else(wrong)?;
            let found = items
                .iter()
                .position(|i| i.get("id").and_then(Value::as_str) == Some(id.as_str()));
            let i = match found {
                Some(i) => i,
                None => {
                    let mut t = Table::new();
                    t.insert("id".into(), Value::String(id.clone()));
                    items.push(Value::Table(t));
                    items.len() - 1
                }
            };
            &mut items[i]
        }
        Seg::Index(i) => {
            let items = at.as_array_mut().ok_or_else(wrong)?;
            let len = items.len();
            if *i == len {
                items.push(Value::Table(Table::new()));
            }
            items.get_mut(*i).ok_or_else(|| {
                format!(
                    "`{}` skips entries: the list has {len} so far, so the next is [{len}]",
                    show(whole)
                )
            })?
        }
    };
    apply_in(next, rest, v, whole)
}

/// Where a path leads in a tree, as the loader names it (`levels[3].title`): ids become places.
pub(super) fn locate(tree: &Table, path: &[Seg]) -> Option<String> {
    let mut out = String::new();
    let mut at: Option<&Value> = None;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                at = match at {
                    None => tree.get(k),
                    Some(v) => v.get(k.as_str()),
                };
                out = crate::doc::join(&out, k);
            }
            Seg::Id(id) => {
                let items = at?.as_array()?;
                let i = items
                    .iter()
                    .position(|i| i.get("id").and_then(Value::as_str) == Some(id.as_str()))?;
                at = items.get(i);
                out.push_str(&format!("[{i}]"));
            }
            Seg::Index(i) => {
                at = at?.as_array()?.get(*i);
                out.push_str(&format!("[{i}]"));
            }
        }
        at?;
    }
    Some(out)
}
