//! Reading many rows at once: a whole roster, every assessment of an organization.
//!
//! Through sqlx, each row read costs about half a microsecond per column (100,000 people with
//! 15 columns took 0.8 s; the native SQLite driver is no faster). So for large reads the
//! database writes the rows into one JSON array of arrays, which the store parses in one pass:
//! 100,000 people come back in about 0.15 s, and any text they hold comes back as it was.

use rungs_core::{PersonId, VersionId};
use std::borrow::Cow;

use serde::Deserialize;

use rungs_core::team::{AssessmentRecord, PersonRecord};

use crate::{Backend, PersonFields, PersonRow, Result, StoreError};

/// The SQL that reads these columns (expressions) of the rows of `from` (a table with its
/// joins and `WHERE`) as one JSON array of arrays, in no particular order.
/// The first column is the rows' integer id: the read also returns how many rows there were
/// (`n`) and the largest id (`last`), so the next page can be asked for before this one is read.
pub(super) fn select(backend: Backend, columns: &[&str], from: &str) -> String {
    let list = columns.join(", ");
    let id = columns.first().copied().unwrap_or("id");
    let counts = format!("COUNT(*) AS n, MAX({id}) AS last");
    match backend {
        Backend::Sqlite => {
            format!("SELECT json_group_array(json_array({list})) AS rows, {counts} FROM {from}")
        }
        Backend::Postgres => format!(
            "SELECT COALESCE(json_agg(json_build_array({list}))::text, '[]') AS rows, {counts} \
             FROM {from}"
        ),
    }
}

/// The rows of a [`select`], each as the tuple `T`.
pub(super) fn rows<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<Vec<T>> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Damaged(format!("rows read in bulk do not parse: {e}")))
}

/// What a page read in bulk held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    /// How many rows it held.
    pub rows: usize,
    /// The largest id among them: the next page starts after it.
    pub last: Option<i64>,
}

/// Deserializes a JSON array element by element, handing each to a callback: the rows are
/// never all held at once.
struct EachRow<F, T> {
    each: F,
    page: Page,
    _row: std::marker::PhantomData<fn(T)>,
}

impl<'de, F, T> serde::de::Visitor<'de> for EachRow<F, T>
where
    T: Deserialize<'de>,
    F: FnMut(T) -> Result<i64>,
{
    type Value = Result<Page>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        mut self,
        mut seq: A,
    ) -> Result<Result<Page>, A::Error> {
        while let Some(row) = seq.next_element::<T>()? {
            match (self.each)(row) {
                Ok(id) => {
                    self.page.rows += 1;
                    self.page.last = Some(self.page.last.map_or(id, |l| l.max(id)));
                }
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(self.page))
    }
}

/// Hands each row of a JSON array of rows to `each` (which returns the row's id).
fn each_row<'de, T: Deserialize<'de>>(
    text: &'de str,
    each: impl FnMut(T) -> Result<i64>,
) -> Result<Page> {
    let mut de = serde_json::Deserializer::from_str(text);
    let visitor = EachRow {
        each,
        page: Page::default(),
        _row: std::marker::PhantomData,
    };
    serde::Deserializer::deserialize_seq(&mut de, visitor)
        .map_err(|e| StoreError::Damaged(format!("rows read in bulk do not parse: {e}")))?
}

/// The text a bulk read returned, held in the database's row to spare a copy.
pub(super) struct Text(pub(super) sqlx::any::AnyRow);

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Text(…)")
    }
}

impl Text {
    fn get(&self) -> Result<&str> {
        use sqlx::Row;
        Ok(self.0.try_get::<&str, _>("rows")?)
    }

    /// How many rows, and the largest id among them.
    fn page(&self) -> Result<Page> {
        use sqlx::Row;
        let rows: i64 = self.0.try_get("n")?;
        Ok(Page {
            rows: usize::try_from(rows).unwrap_or_default(),
            last: self.0.try_get("last")?,
        })
    }
}

/// A page read in bulk, and whether another may follow.
pub trait Paged {
    /// How many rows it holds and its largest id, known before reading it.
    fn page(&self) -> Result<Page>;

    /// The id the next page starts after, when this page was full (`limit` rows).
    fn next_after(&self, limit: i64) -> Result<Option<i64>> {
        let page = self.page()?;
        Ok(page.last.filter(|_| page.rows as i64 >= limit))
    }
}

impl Paged for PeopleBulk {
    fn page(&self) -> Result<Page> {
        self.text.page()
    }
}

impl Paged for AssessmentsBulk {
    fn page(&self) -> Result<Page> {
        self.text.page()
    }
}

/// A page of people read in bulk (see [`crate::Roster::people_page`]): walk them with
/// [`PeopleBulk::each`].
#[derive(Debug)]
pub struct PeopleBulk {
    pub(super) text: Text,
}

#[derive(Deserialize)]
struct PersonCells<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    Option<i64>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
);

/// The columns [`PeopleBulk`] reads, in the order of `PersonCells`.
pub(super) const PEOPLE_COLUMNS: [&str; 13] = [
    "p.id",
    "p.key",
    "p.name",
    "p.email",
    "p.title",
    "p.level",
    "p.track",
    "p.manager_key",
    "p.rung_start",
    "p.pay",
    "p.currency",
    "p.stage",
    "p.location",
];

impl PeopleBulk {
    /// Hands `each` every person of the page, with the order they were added in (their
    /// store id, increasing).
    pub fn each(&self, each: &mut dyn FnMut(i64, PersonRecord<'_>)) -> Result<Page> {
        each_row(self.text.get()?, |c: PersonCells<'_>| {
            each(
                c.0,
                PersonRecord {
                    id: &c.1,
                    name: &c.2,
                    email: c.3.as_deref(),
                    title: c.4.as_deref(),
                    level: &c.5,
                    track: &c.6,
                    manager: c.7.as_deref(),
                    rung_start: c.8.as_deref(),
                    pay: c.9,
                    currency: c.10.as_deref(),
                    stage: c.11.as_deref(),
                    location: c.12.as_deref(),
                },
            );
            Ok(c.0)
        })
    }
}

/// A page of assessments read in bulk, for the team report (see
/// [`crate::Records::assessments_page`]): walk them with [`AssessmentsBulk::each`].
#[derive(Debug)]
pub struct AssessmentsBulk {
    pub(super) text: Text,
}

/// The fields the team report reads, borrowed from the text read in bulk.
#[derive(Deserialize)]
struct SummaryCells<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
);

/// The columns [`AssessmentsBulk`] reads, in the order of `SummaryCells`.
pub(super) const SUMMARY_COLUMNS: [&str; 10] = [
    "a.id",
    "a.person_key",
    "a.framework_version",
    "a.date",
    "a.assessor_kind",
    "a.assessor",
    "a.track",
    "a.level",
    "a.ratings",
    "a.milestones",
];

impl AssessmentsBulk {
    /// Hands `each` every assessment of the page with the framework version it was made against
    /// (its `id` says the order they were recorded in).
    pub fn each(&self, each: &mut dyn FnMut(VersionId, AssessmentRecord<'_>)) -> Result<Page> {
        let mut ratings = Vec::new();
        each_row(self.text.get()?, |r: SummaryCells<'_>| {
            let Some(track) = r.6.as_deref() else {
                return Err(StoreError::Damaged(format!(
                    "assessment {} has not been converted to typed fields yet",
                    r.0
                )));
            };
            unhex_into(r.8.as_deref().unwrap_or_default(), &mut ratings)?;
            // Most assessments record no milestone: an empty list allocates nothing.
            let list: Vec<&str> =
                r.9.as_deref()
                    .unwrap_or_default()
                    .split(';')
                    .filter(|m| !m.is_empty())
                    .collect();
            each(
                VersionId(r.2),
                AssessmentRecord {
                    id: r.0,
                    person: &r.1,
                    date: super::day(&r.3)?,
                    kind: super::assessor_kind(&r.4)?,
                    assessor: &r.5,
                    track,
                    level: r.7.as_deref(),
                    ratings: &ratings,
                    milestones: &list,
                },
            );
            Ok(r.0)
        })
    }
}

/// A page of a review's submitted ratings, for calibration (see
/// [`crate::Cycles::cycle_ratings`]): walk them with [`RatingsBulk::each`].
#[derive(Debug)]
pub struct RatingsBulk {
    pub(super) text: Text,
}

#[derive(Deserialize)]
struct RatingCells<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Cow<'a, str>,
);

/// One record as [`RatingsBulk::each`] hands it over.
#[derive(Debug, Clone, Copy)]
pub struct RatedRecord<'a> {
    pub person: &'a str,
    /// The manager the record is kept with.
    pub manager: Option<&'a str>,
    /// The summary of the person's own part, when they submitted it.
    pub own: Option<&'a str>,
    /// The summary of the manager's part.
    pub rating: &'a str,
}

impl RatingsBulk {
    /// Hands `each` every record with a submitted manager's part. A submitted part stored
    /// without a summary gives an empty one: read that record's bodies instead.
    pub fn each(&self, each: &mut dyn FnMut(RatedRecord<'_>)) -> Result<Page> {
        each_row(self.text.get()?, |r: RatingCells<'_>| {
            each(RatedRecord {
                person: &r.1,
                manager: r.2.as_deref(),
                own: r.3.as_deref(),
                rating: &r.4,
            });
            Ok(r.0)
        })
    }
}

pub(super) use rungs_core::assessment::stored::hex;

/// Hex digits back to bytes, into `out`.
pub(super) fn unhex_into(text: &str, out: &mut Vec<u8>) -> Result<()> {
    if rungs_core::assessment::stored::unhex_into(text, out) {
        Ok(())
    } else {
        Err(StoreError::Damaged(format!("\"{text}\" is not hex")))
    }
}

/// Hex digits back to bytes.
pub(super) fn unhex(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 2);
    unhex_into(text, &mut out)?;
    Ok(out)
}

/// A person read in bulk as an owned row.
pub(crate) fn person_row(p: &PersonRecord<'_>) -> PersonRow {
    let owned = |v: Option<&str>| v.map(str::to_owned);
    PersonRow {
        id: p.id.into(),
        fields: PersonFields {
            name: p.name.to_owned(),
            email: owned(p.email),
            title: owned(p.title),
            level: p.level.into(),
            track: p.track.to_owned(),
            manager: p.manager.map(PersonId::from),
            rung_start: owned(p.rung_start),
            pay: p.pay,
            currency: owned(p.currency),
            stage: owned(p.stage),
            location: owned(p.location),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_go_to_hex_and_back() {
        assert_eq!(hex(&[0, 3, 255]), "0003ff");
        assert_eq!(unhex("0003FF").expect("hex"), vec![0, 3, 255]);
        assert!(unhex("0g").is_err() && unhex("123").is_err());
    }
}
