//! The bands read from the Pay sheet, written into the framework: its own and each zone's, each value noted where it came from.

use super::*;

/// Writes the bands read into the framework: the framework's own, and each zone's.
pub(super) fn write_bands(b: &mut Builder, read: PayRows) {
    let PayRows {
        bands,
        currencies,
        new_zones,
    } = read;
    let comp = match b
        .tree
        .entry("compensation")
        .or_insert_with(|| Value::Table(Tree::new()))
    {
        Value::Table(t) => t,
        other => {
            *other = Value::Table(Tree::new());
            let Value::Table(t) = other else { return };
            t
        }
    };
    let own: Vec<Value> = band_values(&bands, &None);
    comp.insert("bands".into(), Value::Array(own));
    if let Some((_, c, _)) = currencies.iter().find(|(z, _, _)| z.is_none()) {
        comp.insert("currency".into(), Value::String(c.clone()));
    }
    let mut zone_ids: Vec<&String> = bands.iter().filter_map(|x| x.0.as_ref()).collect();
    zone_ids.dedup();
    let zone_ids: Vec<String> = zone_ids.into_iter().cloned().collect();
    for id in zone_ids {
        let zone_bands = band_values(&bands, &Some(id.clone()));
        let zones = comp
            .entry("zones")
            .or_insert_with(|| Value::Array(Vec::new()));
        let Some(zones) = zones.as_array_mut() else {
            continue;
        };
        let i = match zones
            .iter()
            .position(|z| z.get("id").and_then(Value::as_str) == Some(id.as_str()))
        {
            Some(i) => i,
            None => {
                let mut z = Tree::new();
                z.insert("id".into(), Value::String(id.clone()));
                let name = new_zones
                    .iter()
                    .find(|(n, _)| *n == id)
                    .map_or(id.clone(), |(_, name)| name.clone());
                z.insert("name".into(), Value::String(name));
                zones.push(Value::Table(z));
                zones.len() - 1
            }
        };
        if let Some(Value::Table(z)) = zones.get_mut(i) {
            z.insert("bands".into(), Value::Array(zone_bands));
            if let Some((_, c, _)) = currencies
                .iter()
                .find(|(zz, _, _)| zz.as_deref() == Some(id.as_str()))
            {
                z.insert("currency".into(), Value::String(c.clone()));
            }
        }
    }
    b.origin(vec![Seg::Key("compensation".into())], Place::sheet(PAY));
    let mut counts: Vec<(Option<String>, usize)> = Vec::new();
    let places: Vec<(Option<String>, Place)> = bands
        .iter()
        .map(|(z, _, _, p)| (z.clone(), p.clone()))
        .collect();
    for (zone, place) in places {
        let k = match counts.iter_mut().find(|(z, _)| *z == zone) {
            Some((_, c)) => {
                *c += 1;
                *c - 1
            }
            None => {
                counts.push((zone.clone(), 1));
                0
            }
        };
        b.origin(band_path(&zone, k), place);
    }
    for (zone, _, place) in currencies {
        let mut p = match &zone {
            None => vec![Seg::Key("compensation".into())],
            Some(z) => vec![
                Seg::Key("compensation".into()),
                Seg::Key("zones".into()),
                Seg::Id(z.clone()),
            ],
        };
        p.push(Seg::Key("currency".into()));
        b.origin(p, place);
    }
}

pub(super) fn band_path(zone: &Option<String>, k: usize) -> Vec<Seg> {
    let mut p = vec![Seg::Key("compensation".into())];
    if let Some(z) = zone {
        p.extend([Seg::Key("zones".into()), Seg::Id(z.clone())]);
    }
    p.extend([Seg::Key("bands".into()), Seg::Index(k)]);
    p
}

pub(super) fn band_values(
    bands: &[(Option<String>, Vec<Value>, Tree, Place)],
    zone: &Option<String>,
) -> Vec<Value> {
    bands
        .iter()
        .filter(|(z, _, _, _)| z == zone)
        .map(|(_, levels, ranges, _)| {
            let mut t = Tree::new();
            t.insert("levels".into(), Value::Array(levels.clone()));
            t.insert("ranges".into(), Value::Table(ranges.clone()));
            Value::Table(t)
        })
        .collect()
}
