//! The quick read of a JSON assessment that is already right: serde straight into the model,
//! with no spanned tree, no paths and no problem list. [`super::load_as`] tries it first.
//!
//! It takes a document only when the full reader would take it as it stands: the same
//! framework and version, every id known, every competency rated once, each milestone listed
//! once, no `null`, no unknown key, no empty text. Anything else, a mistake or merely something
//! the full reader would warn about, comes back as `None`, and the full reader reads the
//! document again and says where and why. `tests::both_readers_agree` holds the two to that.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{
    Assessment, Assessor, AssessorKind, MAX_ASSESSMENT_BYTES, MilestoneMet, Rated, Rating,
};
use crate::doc::is_id;
use crate::framework::Framework;

/// The assessment in `bytes`, if it is plainly right for `fw`.
pub(super) fn read(bytes: &[u8], fw: &Framework) -> Option<Assessment> {
    if bytes.len() > MAX_ASSESSMENT_BYTES {
        return None;
    }
    // One check of the whole text is cheaper than serde_json checking each string.
    let doc: Doc<'_> = serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()?;
    let framework = id(doc.framework).filter(|f| f == fw.id())?;
    let framework_version = text(doc.framework_version).filter(|v| v == fw.version())?;
    let track = id(doc.track).filter(|t| fw.track(t).is_some())?;
    let current_level = match doc.level.0 {
        Some(l) => Some(id(l).filter(|l| fw.level(l).is_some())?),
        None => None,
    };
    let person_id = match doc.person_id.0 {
        Some(p) => Some(id(p)?),
        None => None,
    };
    let notes = match doc.notes.0 {
        Some(n) => Some(text(n)?),
        None => None,
    };
    Some(Assessment {
        person: text(doc.person)?,
        person_id,
        framework,
        framework_version,
        date: doc.date.parse().ok()?,
        assessor: Assessor {
            kind: AssessorKind::parse(&doc.assessor.kind)?,
            name: text(doc.assessor.name)?,
        },
        track,
        current_level,
        ratings: ratings(doc.ratings.0, fw)?,
        milestones: milestones(doc.milestones.0, fw)?,
        notes,
    })
}

/// Every competency rated once, in the framework's order.
fn ratings(given: Vec<(Cow<'_, str>, Entry<'_>)>, fw: &Framework) -> Option<Vec<Rated>> {
    let mut slots: Vec<Option<Rated>> = vec![None; fw.competencies().count()];
    for (competency, entry) in given {
        let slot = slots.get_mut(fw.competency_position(&competency)?)?;
        if entry.value.trim().is_empty() {
            return None;
        }
        let rating = Rating::parse(&entry.value);
        if let Rating::Level(level) = &rating {
            fw.level(level)?;
        }
        let evidence = match entry.evidence {
            Some(e) => Some(text(e)?),
            None => None,
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(Rated {
            competency: competency.into_owned(),
            rating,
            evidence,
        });
    }
    slots.into_iter().collect()
}

/// Known milestones, each once.
fn milestones(given: Vec<Entry<'_>>, fw: &Framework) -> Option<Vec<MilestoneMet>> {
    let mut out: Vec<MilestoneMet> = Vec::with_capacity(given.len());
    for entry in given {
        let id = id(entry.value)?;
        let known = fw
            .moves()
            .iter()
            .any(|m| m.milestones.iter().any(|ms| ms.id == id));
        if !known || out.iter().any(|m| m.id == id) {
            return None;
        }
        let evidence = match entry.evidence {
            Some(e) => Some(text(e)?),
            None => None,
        };
        out.push(MilestoneMet { id, evidence });
    }
    Some(out)
}

/// Text as the full reader takes it: anything but blank, kept as written.
fn text(s: Cow<'_, str>) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.into_owned())
}

fn id(s: Cow<'_, str>) -> Option<String> {
    is_id(&s).then(|| s.into_owned())
}

/// The document's shape. Strings borrow from the body unless they hold escapes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc<'a> {
    #[serde(borrow)]
    person: Cow<'a, str>,
    #[serde(borrow, default)]
    person_id: Given<'a>,
    #[serde(borrow)]
    framework: Cow<'a, str>,
    #[serde(borrow)]
    framework_version: Cow<'a, str>,
    #[serde(borrow)]
    date: Cow<'a, str>,
    #[serde(borrow)]
    assessor: Who<'a>,
    #[serde(borrow)]
    track: Cow<'a, str>,
    #[serde(borrow, default)]
    level: Given<'a>,
    #[serde(borrow, default)]
    notes: Given<'a>,
    #[serde(borrow)]
    ratings: Ratings<'a>,
    #[serde(borrow, default)]
    milestones: Milestones<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Who<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
}

/// A string that may be left out but, unlike `Option`, is never `null`: the full reader
/// refuses `null`.
#[derive(Default)]
struct Given<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Given<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Str.deserialize(d).map(|s| Given(Some(s)))
    }
}

/// `"value"`, or `{ "<key>": "value", "evidence": "…" }` where the key is `level` for a
/// rating and `id` for a milestone.
struct Entry<'a> {
    value: Cow<'a, str>,
    evidence: Option<Cow<'a, str>>,
}

impl<'a> Entry<'a> {
    fn bare(value: Cow<'a, str>) -> Self {
        Entry {
            value,
            evidence: None,
        }
    }
}

/// Reads an [`Entry`] whose object form names its value with this key.
#[derive(Clone, Copy)]
struct EntrySeed(&'static str);

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = Entry<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = Entry<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string or an object with `{}` and `evidence`", self.0)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Str.visit_borrowed_str(v).map(Entry::bare)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Str.visit_str(v).map(Entry::bare)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut value, mut evidence) = (None, None);
        while let Some(key) = map.next_key_seed(Str)? {
            let slot = match key.as_ref() {
                k if k == self.0 => &mut value,
                "evidence" => &mut evidence,
                _ => return Err(de::Error::custom("an unknown key")),
            };
            if slot.is_some() {
                return Err(de::Error::custom("a key twice"));
            }
            *slot = Some(map.next_value_seed(Str)?);
        }
        Ok(Entry {
            value: value.ok_or_else(|| de::Error::custom("no value"))?,
            evidence,
        })
    }
}

/// The ratings object, in the order written.
struct Ratings<'a>(Vec<(Cow<'a, str>, Entry<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Ratings<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RatingsVisitor;
        impl<'de> Visitor<'de> for RatingsVisitor {
            type Value = Ratings<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of ratings")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(24));
                while let Some(key) = map.next_key_seed(Str)? {
                    out.push((key, map.next_value_seed(EntrySeed("level"))?));
                }
                Ok(Ratings(out))
            }
        }
        d.deserialize_map(RatingsVisitor)
    }
}

/// The milestones list.
#[derive(Default)]
struct Milestones<'a>(Vec<Entry<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Milestones<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MilestonesVisitor;
        impl<'de> Visitor<'de> for MilestonesVisitor {
            type Value = Milestones<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of milestones")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = seq.next_element_seed(EntrySeed("id"))? {
                    out.push(entry);
                }
                Ok(Milestones(out))
            }
        }
        d.deserialize_seq(MilestonesVisitor)
    }
}

/// A string, borrowed when it can be.
struct Str;

impl<'de> Visitor<'de> for Str {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

impl<'de> DeserializeSeed<'de> for Str {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::assessment::load::load_in_full;
    use crate::doc::Format;
    use crate::framework::builtin;

    const EXAMPLE: &str = include_str!("../../../../examples/ada-manager.json");

    /// Reads `doc` both ways. When the quick reader takes it, the full reader must take it
    /// too, with the same result and nothing to warn about. Says whether the quick one took it.
    fn agree(doc: &[u8]) -> bool {
        let fw = builtin();
        let Some(quick) = read(doc, fw) else {
            return false;
        };
        let text = String::from_utf8_lossy(doc);
        let full = load_in_full("a.json", doc, Format::Json, fw)
            .unwrap_or_else(|e| panic!("only the quick reader takes {text}: {e:?}"));
        assert_eq!(quick, full.assessment, "{text}");
        assert!(full.warnings.is_empty(), "{text}: {:?}", full.warnings);
        assert!(full.changes.is_none(), "{text}");
        true
    }

    fn example() -> Value {
        serde_json::from_str(EXAMPLE).expect("the example is JSON")
    }

    #[test]
    fn a_right_document_takes_the_quick_path_and_reads_the_same() {
        assert!(agree(EXAMPLE.as_bytes()));
        let a = read(EXAMPLE.as_bytes(), builtin()).expect("quick");
        assert_eq!(a.ratings.len(), 20);
        assert_eq!(a.ratings[0].competency, "technical-knowledge");
        assert_eq!(
            a.rating("financial-acumen")
                .and_then(|r| r.evidence.as_deref()),
            Some("Needs to own a P&L before Principal.")
        );
        assert_eq!(a.milestones.len(), 2);
        // Escapes and ratings in another order read the same both ways.
        let mut v = example();
        v["person"] = json!("Ada \"Countess\" Lovelace\n\u{e9}");
        let ratings = v["ratings"].as_object().expect("ratings").clone();
        let reversed: serde_json::Map<String, Value> = ratings.into_iter().rev().collect();
        v["ratings"] = Value::Object(reversed);
        let text = serde_json::to_string(&v).expect("writes");
        assert!(agree(text.replace('\u{e9}', "\\u00e9").as_bytes()));
        assert!(agree(
            serde_json::to_string_pretty(&v).expect("writes").as_bytes()
        ));
    }

    #[test]
    fn anything_the_full_reader_would_question_goes_to_it() {
        let fw = builtin();
        let refused = |v: &Value| read(v.to_string().as_bytes(), fw).is_none();
        let top = example();
        // Each key given another value: two are fine, the rest must go to the full reader.
        let mut right = 0;
        for key in top.as_object().expect("object").keys() {
            for bad in [
                Value::Null,
                json!(""),
                json!("  "),
                json!(1),
                json!([]),
                json!({}),
                json!("Not An Id"),
            ] {
                let mut v = top.clone();
                v[key] = bad;
                right += usize::from(agree(v.to_string().as_bytes()));
            }
        }
        assert_eq!(
            right, 2,
            "only `milestones: []` and a person named \"Not An Id\""
        );
        let mut cases: Vec<Value> = Vec::new();
        let edits: [fn(&mut Value); 14] = [
            |v| v["framework_version"] = json!("2024.9"),
            |v| v["framework"] = json!("engineering"),
            |v| v["track"] = json!("astronaut"),
            |v| v["level"] = json!("chief-pm"),
            |v| v["unknown"] = json!("x"),
            |v| v["assessor"]["kind"] = json!("boss"),
            |v| v["assessor"]["extra"] = json!("x"),
            |v| v["ratings"]["influence"] = json!("guru-pm"),
            |v| v["ratings"]["flying"] = json!("pm"),
            |v| {
                v["ratings"].as_object_mut().map(|r| r.remove("influence"));
            },
            |v| v["ratings"]["influence"] = json!({ "id": "pm" }),
            |v| v["ratings"]["influence"] = json!({ "level": "pm", "evidence": "" }),
            |v| {
                v["milestones"] =
                    json!(["establishes-best-practices", "establishes-best-practices"])
            },
            |v| v["milestones"] = json!([{ "level": "establishes-best-practices" }]),
        ];
        for edit in edits {
            let mut v = top.clone();
            edit(&mut v);
            cases.push(v);
        }
        for v in &cases {
            assert!(refused(v), "the quick reader took {v}");
        }
        // A key written twice: serde_json would keep the last, the full reader refuses.
        let twice = EXAMPLE.replacen(
            "\"track\": \"ic\",",
            "\"track\": \"ic\", \"track\": \"ic\",",
            1,
        );
        assert!(read(twice.as_bytes(), fw).is_none());
        let twice = EXAMPLE.replacen(
            "\"influence\": \"senior-pm\",",
            "\"influence\": \"senior-pm\", \"influence\": \"senior-pm\",",
            1,
        );
        assert!(read(twice.as_bytes(), fw).is_none());
    }

    /// Every one-byte deletion or insertion in the example: whatever the quick reader takes,
    /// the full reader takes the same way.
    #[test]
    fn both_readers_agree() {
        let bytes = EXAMPLE.as_bytes();
        let (mut taken, mut tried) = (0, 0);
        for at in 0..=bytes.len() {
            let mut variants = Vec::new();
            if at < bytes.len() {
                let mut v = bytes.to_vec();
                v.remove(at);
                variants.push(v);
            }
            for b in *b" \"\\,:{}[]n1-x\t" {
                let mut v = bytes.to_vec();
                v.insert(at, b);
                variants.push(v);
            }
            for v in variants {
                tried += 1;
                taken += usize::from(agree(&v));
            }
        }
        // Whitespace between tokens and some harmless text edits still take the quick path.
        assert!(taken > 100 && taken < tried, "{taken} of {tried}");
    }
}
