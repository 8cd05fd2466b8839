//! The names a sheet may give a level (its id, title, short title or an alias), resolved against the framework being built.

use super::*;

/// Level names to ids, for reading a level named in a cell.
#[derive(Debug)]
pub(in crate::framework::sheets) struct LevelNames {
    names: HashMap<String, Option<String>>,
    /// Every name as written, with its level, for suggestions.
    shown: Vec<(String, String)>,
    ids: Vec<String>,
}

impl LevelNames {
    /// Every level's id, title, short title and aliases (any case) → its id; a name two levels
    /// share leads nowhere.
    pub(in crate::framework::sheets) fn of(tree: &Tree) -> LevelNames {
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        let mut shown = Vec::new();
        let mut ids = Vec::new();
        for level in tree
            .get("levels")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(id) = level.get("id").and_then(Value::as_str) else {
                continue;
            };
            ids.push(id.to_owned());
            let mut own: Vec<String> = vec![id.to_owned()];
            for key in ["title", "short_title"] {
                if let Some(t) = level.get(key).and_then(Value::as_str) {
                    own.push(t.to_owned());
                }
            }
            for a in level
                .get("aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(a) = a.as_str() {
                    own.push(a.to_owned());
                }
            }
            own.sort_by_key(|n| n.trim().to_lowercase());
            own.dedup_by_key(|n| n.trim().to_lowercase());
            for n in own {
                shown.push((n.trim().to_owned(), id.to_owned()));
                names
                    .entry(n.trim().to_lowercase())
                    .and_modify(|e| {
                        if e.as_deref() != Some(id) {
                            *e = None;
                        }
                    })
                    .or_insert_with(|| Some(id.to_owned()));
            }
        }
        LevelNames { names, shown, ids }
    }

    /// The level a cell names, or why none.
    pub(in crate::framework::sheets) fn find(&self, name: &str) -> Result<String, String> {
        match self.names.get(&name.trim().to_lowercase()) {
            Some(Some(id)) => Ok(id.clone()),
            Some(None) => Err(format!(
                "`{name}` names more than one level; use the level's id"
            )),
            None => Err(format!(
                "`{name}` is not a level of the framework; {}",
                self.hint(name)
            )),
        }
    }

    /// The levels a name that matched none may have meant, or every level.
    pub(in crate::framework::sheets) fn hint(&self, name: &str) -> String {
        let near = crate::suggest::nearest(name, self.shown.iter().map(|(n, _)| n.as_str()), 6);
        let mut levels: Vec<&str> = Vec::new();
        let mut said: Vec<String> = Vec::new();
        for n in near {
            let Some((_, id)) = self.shown.iter().find(|(s, _)| s == n) else {
                continue;
            };
            if !levels.contains(&id.as_str()) && levels.len() < 3 {
                levels.push(id);
                said.push(if n == id {
                    format!("`{n}`")
                } else {
                    format!("`{n}` ({id})")
                });
            }
        }
        if said.is_empty() {
            format!("the levels are: {}", self.ids.join(", "))
        } else {
            format!("did you mean {}?", said.join(" or "))
        }
    }

    pub(in crate::framework::sheets) fn ids(&self) -> &[String] {
        &self.ids
    }
}
