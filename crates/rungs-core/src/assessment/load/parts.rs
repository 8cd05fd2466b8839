//! An assessment file's ratings and milestones, each checked against the framework in its place.

use super::*;

pub(super) fn check_level(sink: &Sink, path: &str, id: &str, fw: &Framework) -> bool {
    if fw.level(id).is_some() {
        return true;
    }
    let ids: Vec<&str> = fw.levels().iter().map(|l| l.id.as_str()).collect();
    let help = did_you_mean(id, ids.iter().copied())
        .unwrap_or_else(|| format!("the levels are: {}", ids.join(", ")));
    sink.error_at(path, format!("unknown level `{id}`"), Some(help));
    false
}

pub(super) fn ratings(
    t: &Table<'_>,
    fw: &Framework,
    lenient: bool,
    mut changes: Option<&mut Changes>,
) -> Vec<Rated> {
    let sink = t.sink();
    let mut out = Vec::new();
    for (competency, node) in t.entries() {
        if fw.competency(&competency).is_none() {
            let key_path = format!("{}#key", join(t.path(), &competency));
            if let (true, Some(c)) = (lenient, changes.as_deref_mut()) {
                c.removed_competencies.push(competency);
                continue;
            }
            let ids = fw.competencies().map(|(_, c)| c.id.as_str());
            let help = did_you_mean(&competency, ids)
                .unwrap_or_else(|| "`rungs level <id>` lists a level's competencies".into());
            sink.error_at(
                &key_path,
                format!("unknown competency `{competency}`"),
                Some(help),
            );
            continue;
        }
        // Either "senior-pm" or { level = "senior-pm", evidence = "…" }.
        let (value, evidence, path) = if node.is_table() {
            let Some(r) = node.table() else { continue };
            let level = r.need("level", "\"senior-pm\"");
            let evidence = r.text_max("evidence", "the evidence note", limits::EVIDENCE);
            r.finish();
            let Some(level) = level else { continue };
            let path = level.path().to_owned();
            (level.text(), evidence, path)
        } else {
            (node.text(), None, node.path().to_owned())
        };
        let Some(value) = value else { continue };
        // A level id, or a level's title or alias ("Senior PM").
        let rating = match Rating::parse(&value) {
            Rating::Level(id) if fw.level(&id).is_none() => match fw.find_level(&value) {
                Ok(l) => Rating::Level(l.id.clone()),
                Err(_) => Rating::Level(id),
            },
            other => other,
        };
        if let Rating::Level(id) = &rating {
            if fw.level(id).is_none() {
                if let (true, Some(c)) = (lenient, changes.as_deref_mut()) {
                    if !c.removed_levels.contains(id) {
                        c.removed_levels.push(id.clone());
                    }
                    out.push(Rated {
                        competency: competency.into(),
                        rating: Rating::NotAssessed,
                        evidence,
                    });
                    continue;
                }
                let mut ids: Vec<&str> = fw.levels().iter().map(|l| l.id.as_str()).collect();
                ids.extend(["below", "not-assessed"]);
                let help = did_you_mean(id, ids.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "rate with a level id ({}), \"below\" or \"not-assessed\"",
                        fw.levels()
                            .iter()
                            .map(|l| l.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
                sink.error_at(
                    &path,
                    format!("unknown level `{id}` in the rating of `{competency}`"),
                    Some(help),
                );
                continue;
            }
        }
        out.push(Rated {
            competency: competency.into(),
            rating,
            evidence,
        });
    }
    out
}

pub(super) fn milestones(
    root: &Table<'_>,
    fw: &Framework,
    lenient: bool,
    mut changes: Option<&mut Changes>,
) -> Vec<MilestoneMet> {
    let sink = root.sink();
    let known = |id: &str| {
        fw.moves()
            .iter()
            .any(|m| m.milestones.iter().any(|ms| ms.id == id))
    };
    let mut out: Vec<MilestoneMet> = Vec::new();
    for node in root
        .get("milestones")
        .and_then(|n| n.items())
        .unwrap_or_default()
    {
        // Either "an-id" or { id = "an-id", evidence = "…" }.
        let (id, evidence, path) = if node.is_table() {
            let Some(t) = node.table() else { continue };
            let id = t.need_id("id");
            let evidence = t.text_max("evidence", "the evidence note", limits::EVIDENCE);
            t.finish();
            (id, evidence, join(node.path(), "id"))
        } else {
            (node.id(), None, node.path().to_owned())
        };
        let Some(id) = id else { continue };
        if !known(&id) {
            if let (true, Some(c)) = (lenient, changes.as_deref_mut()) {
                c.removed_milestones.push(id);
                continue;
            }
            let ids = fw
                .moves()
                .iter()
                .flat_map(|m| m.milestones.iter().map(|ms| ms.id.as_str()));
            let help = did_you_mean(&id, ids).unwrap_or_else(|| {
                "`rungs level <id>` lists the milestones for reaching a level".into()
            });
            sink.error_at(&path, format!("unknown milestone `{id}`"), Some(help));
            continue;
        }
        if out.iter().any(|m| m.id == id) {
            sink.warn_at(
                &path,
                format!("the milestone `{id}` is listed twice"),
                Some("keep one entry".into()),
            );
            continue;
        }
        out.push(MilestoneMet { id, evidence });
    }
    out
}
