//! People and their reporting lines, one by one or a whole roster at once.

use crate::sql::Ids;
use futures_util::TryStreamExt;
use rungs_core::PersonId;
use rungs_core::team::Part;
use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::json;
use sqlx::Row;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;

use super::bulk::{self, PeopleBulk};
use super::{SqlStore, audit, found, unique, values};
use crate::{
    Author, Backend, ImportSummary, OrgId, PeopleFilter, Person, PersonFields, PersonRow, Result,
    Roster, StoreError, now,
};

const COLUMNS: &str = "key, name, email, title, level, track, manager_key, rung_start, pay, \
                       currency, stage, location, version, created_at, updated_at";

/// The people written by one statement of an import: 16 values a row stays under both
/// backends' limits on parameters (SQLite's 32,766, PostgreSQL's 65,535).
const ROWS_PER_STATEMENT: usize = 1000;

/// The columns an import writes from the file, in the order of [`bind_fields`].
const FIELDS: [&str; 11] = [
    "name",
    "email",
    "title",
    "level",
    "track",
    "manager_key",
    "rung_start",
    "pay",
    "currency",
    "stage",
    "location",
];

/// What an import does to a person already on the roster: their fields as the file has them,
/// a new version only when one of them changed.
fn import_conflict() -> String {
    let set = FIELDS.map(|f| format!("{f} = excluded.{f}")).join(", ");
    let changed = FIELDS
        .map(|f| format!("people.{f} IS DISTINCT FROM excluded.{f}"))
        .join(" OR ");
    format!(
        "ON CONFLICT (org_id, key) DO UPDATE SET {set},
           version = people.version + 1, updated_at = excluded.updated_at
         WHERE {changed}"
    )
}

/// The import's statement for `rows` people.
fn import_statement(backend: Backend, rows: usize) -> String {
    let values = values(backend, rows, 16);
    format!(
        "INSERT INTO people (org_id, key, name, email, title, level, track, manager_key,
           rung_start, pay, currency, stage, location, version, created_at, updated_at)
         VALUES {values}
         {}",
        import_conflict()
    )
}

/// People written by one statement of a PostgreSQL import, as one JSON parameter.
const ROWS_PER_DOCUMENT: usize = 10_000;

/// PostgreSQL's import statement: the people as one JSON array of arrays (`$2`) in the order
/// of [`document`], unpacked by the server. A thousand rows of 16 parameters each made the
/// server parse and plan 16,000 parameters a statement: 7.7 to 9.1 times `psql \copy` of
/// the same rows.
fn import_document_statement() -> String {
    format!(
        "INSERT INTO people (org_id, key, name, email, title, level, track, manager_key,
           rung_start, pay, currency, stage, location, version, created_at, updated_at)
         SELECT $1, r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7,
           (r->>8)::BIGINT, r->>9, r->>10, r->>11, 1, $3, $3
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS rows (r, n)
         ORDER BY n
         {}",
        import_conflict()
    )
}

/// The people of one PostgreSQL import statement as its JSON document.
fn document(rows: &[PersonRow]) -> Result<String> {
    let cells: Vec<_> = rows
        .iter()
        .map(|r| {
            let f = &r.fields;
            json!([
                r.id.as_str(),
                f.name,
                f.email,
                f.title,
                f.level.as_str(),
                f.track,
                f.manager.as_deref(),
                f.rung_start,
                f.pay,
                f.currency,
                f.stage,
                f.location
            ])
        })
        .collect();
    serde_json::to_string(&cells).map_err(|e| StoreError::Damaged(format!("the roster: {e}")))
}

fn person(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: row.text_id("key")?,
        fields: PersonFields {
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            title: row.try_get("title")?,
            level: row.text_id("level")?,
            track: row.try_get("track")?,
            manager: row.text_id_opt("manager_key")?,
            rung_start: row.try_get("rung_start")?,
            pay: row.try_get("pay")?,
            currency: row.try_get("currency")?,
            stage: row.try_get("stage")?,
            location: row.try_get("location")?,
        },
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Binds a person's fields, in the order of [`COLUMNS`] from `name` to `location`.
fn bind_fields<'q>(
    q: Query<'q, sqlx::Any, AnyArguments<'q>>,
    f: &'q PersonFields,
) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
    q.bind(&f.name)
        .bind(&f.email)
        .bind(&f.title)
        .bind(f.level.as_str())
        .bind(&f.track)
        .bind(f.manager.as_deref())
        .bind(&f.rung_start)
        .bind(f.pay)
        .bind(&f.currency)
        .bind(&f.stage)
        .bind(&f.location)
}

/// A filter's SQL condition and values, with parameters numbered from `$2` (`$1` is the org).
#[derive(Default)]
struct Conditions {
    sql: String,
    texts: Vec<String>,
}

impl Conditions {
    fn add(&mut self, condition: &str, value: &str) {
        self.texts.push(value.to_owned());
        let n = self.texts.len() + 1;
        self.sql += &format!(" AND {}", condition.replace('?', &format!("${n}")));
    }
}

/// `below (part_key)`: the person whose key is parameter `$n` and everyone under them;
/// UNION (not UNION ALL) stops at a person already reached. Each step looks up the reports of
/// the people reached by the index on managers: written `below b CROSS JOIN people p`, as
/// SQLite keeps the order of a CROSS JOIN (PostgreSQL plans it as any join). Left to it,
/// SQLite 3.46 scanned the whole organization for every person reached: a VP's 176 people
/// took 2.3 s at 100,000 people, 3 ms this way. Joined the same way (`below CROSS JOIN
/// <table>`), the part drives the query that reads its people or their assessments.
pub(super) fn below(n: usize) -> String {
    walk(n, "UNION")
}

/// [`below`] joined by `union`: `UNION ALL` keeps no list of whom the walk reached (half the
/// time at 100,000 people) and goes round a reporting cycle forever, so only with a LIMIT.
fn walk(n: usize, union: &str) -> String {
    format!(
        "WITH RECURSIVE below (part_key) AS (
           SELECT key FROM people WHERE org_id = $1 AND key = ${n}
           {union} SELECT p.key FROM below b CROSS JOIN people p
           WHERE p.org_id = $1 AND p.manager_key = b.part_key)"
    )
}

impl SqlStore {
    /// [`Roster::people`] under a person whose part is large (most of the organization): the
    /// part is cut from everyone's reporting lines, and the people who match are read in
    /// order, one at a time, until the page is full (a walk of the whole organization by the
    /// database, then sorted, took 0.4 s at 100,000 people for the first 100).
    async fn people_of_part(
        &self,
        org: OrgId,
        c: &Conditions,
        filter: &PeopleFilter,
        under: &PersonId,
    ) -> Result<Vec<Person>> {
        let part = self.part(org, under).await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM people WHERE org_id = $1{} ORDER BY key",
            c.sql
        );
        let mut q = sqlx::query(&sql).bind(org.0);
        for t in &c.texts {
            q = q.bind(t);
        }
        let skip = usize::try_from(filter.offset.unwrap_or(0)).unwrap_or(0);
        let take = usize::try_from(filter.limit.unwrap_or(i64::MAX)).unwrap_or(usize::MAX);
        let mut rows = q.fetch(&self.pool);
        let mut out = Vec::new();
        let mut skipped = 0;
        while out.len() < take {
            let Some(row) = rows.try_next().await? else {
                break;
            };
            let key: &str = row.try_get("key")?;
            if !part.contains(key) {
                continue;
            }
            if skipped < skip {
                skipped += 1;
                continue;
            }
            out.push(person(&row)?);
        }
        Ok(out)
    }
}

#[async_trait::async_trait]
impl Roster for SqlStore {
    async fn person(&self, org: OrgId, id: &PersonId) -> Result<Person> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM people WHERE org_id = $1 AND key = $2"
        ))
        .bind(org.0)
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        person(&found(row, "person")?)
    }

    async fn people(&self, org: OrgId, filter: &PeopleFilter) -> Result<Vec<Person>> {
        let mut c = Conditions::default();
        if let Some(level) = &filter.level {
            c.add("level = ?", level);
        }
        if let Some(track) = &filter.track {
            c.add("track = ?", track);
        }
        if let Some(manager) = &filter.manager {
            c.add("manager_key = ?", manager);
        }
        if let Some(name) = &filter.name {
            // The name as typed: `%` and `_` are letters here, not wildcards.
            let literal = name
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            c.add("LOWER(name) LIKE ? ESCAPE '\\'", &format!("%{literal}%"));
        }
        // Everyone under a person: their reports, their reports' reports, and so on. A small
        // part drives the query (`below CROSS JOIN people`, each of its people looked up by
        // key): left to the planner, SQLite walked the whole organization and searched the part
        // for each person (a VP's 176 people took 1.4 to 5 s at 100,000 people).
        let (with, from) = match &filter.under {
            Some(under) if self.part_is_small(org, under).await? => {
                c.texts.push(under.to_string());
                let n = c.texts.len() + 1;
                c.sql += " AND key = part_key";
                (format!("{} ", below(n)), "below CROSS JOIN people")
            }
            Some(under) => return self.people_of_part(org, &c, filter, under).await,
            None => (String::new(), "people"),
        };
        let sql = format!(
            "{with}SELECT {COLUMNS} FROM {from} WHERE org_id = $1{} ORDER BY key LIMIT {} OFFSET {}",
            c.sql,
            filter.limit.unwrap_or(i64::MAX).clamp(0, i64::MAX),
            filter.offset.unwrap_or(0).max(0),
        );
        let mut q = sqlx::query(&sql).bind(org.0);
        for t in &c.texts {
            q = q.bind(t);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(person).collect()
    }

    async fn people_page(
        &self,
        org: OrgId,
        under: Option<&PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<PeopleBulk> {
        // The part drives the query (see `people`).
        let (with, from) = match under {
            Some(_) => (
                format!("{} ", below(4)),
                "below CROSS JOIN people WHERE people.key = part_key
                 AND people.org_id = $1 AND +people.id > $2",
            ),
            None => (
                String::new(),
                "people WHERE people.org_id = $1 AND people.id > $2",
            ),
        };
        let from = format!("(SELECT people.* FROM {from} ORDER BY people.id LIMIT $3) p");
        let sql = format!(
            "{with}{}",
            bulk::select(self.backend, &bulk::PEOPLE_COLUMNS, &from)
        );
        let mut q = sqlx::query(&sql).bind(org.0).bind(after).bind(limit);
        if let Some(u) = under {
            q = q.bind(u.as_str());
        }
        Ok(PeopleBulk {
            text: bulk::Text(q.fetch_one(&self.pool).await?),
        })
    }

    async fn count_people(&self, org: OrgId) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM people WHERE org_id = $1")
            .bind(org.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    async fn names(&self, org: OrgId) -> Result<Vec<(PersonId, String)>> {
        // In bulk: row by row, 100,000 names took most of a second.
        let sql = bulk::select(
            self.backend,
            &["id", "key", "name"],
            "people WHERE org_id = $1",
        );
        let row = sqlx::query(&sql).bind(org.0).fetch_one(&self.pool).await?;
        let rows: Vec<(i64, String, String)> = bulk::rows(row.try_get("rows")?)?;
        Ok(rows
            .into_iter()
            .map(|(_, key, name)| (PersonId::from(key), name))
            .collect())
    }

    async fn part(&self, org: OrgId, id: &PersonId) -> Result<Part> {
        if self.part_is_small(org, id).await? {
            let sql = format!(
                "{} {}",
                below(2),
                bulk::select(self.backend, &["0", "part_key"], "below")
            );
            let row = sqlx::query(&sql)
                .bind(org.0)
                .bind(id.as_str())
                .fetch_one(&self.pool)
                .await?;
            let rows: Vec<(i64, String)> = bulk::rows(row.try_get("rows")?)?;
            return Ok(rows.into_iter().map(|(_, key)| key).collect());
        }
        let sql = bulk::select(
            self.backend,
            &["id", "key", "manager_key"],
            "people WHERE org_id = $1",
        );
        let row = sqlx::query(&sql).bind(org.0).fetch_one(&self.pool).await?;
        type Line<'a> = (i64, Cow<'a, str>, Option<Cow<'a, str>>);
        let rows: Vec<Line<'_>> = bulk::rows(row.try_get("rows")?)?;
        let lines = rows
            .iter()
            .map(|(_, key, manager)| (&**key, manager.as_deref()));
        let part = Part::under(lines, id);
        // Someone not on the roster has no part, as the database's walk finds none.
        Ok(if rows.iter().any(|(_, key, _)| key == id.as_str()) {
            part
        } else {
            Part::default()
        })
    }

    async fn count_under(&self, org: OrgId, id: &PersonId, most: i64) -> Result<i64> {
        let sql = walk(2, "UNION ALL")
            + " SELECT COUNT(*) AS n FROM (SELECT part_key FROM below LIMIT $3) part";
        let row = sqlx::query(&sql)
            .bind(org.0)
            .bind(id.as_str())
            .bind(most.max(0))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    async fn managers_of(&self, org: OrgId, id: &PersonId) -> Result<Vec<PersonId>> {
        let rows = sqlx::query(
            "WITH RECURSIVE up (key, manager_key, depth) AS (
               SELECT key, manager_key, 0 FROM people WHERE org_id = $1 AND key = $2
               UNION SELECT p.key, p.manager_key, u.depth + 1 FROM people p
               JOIN up u ON p.key = u.manager_key WHERE p.org_id = $1 AND u.depth < 1000)
             SELECT key FROM up WHERE depth > 0 ORDER BY depth",
        )
        .bind(org.0)
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| r.text_id("key"))
            .collect::<Result<Vec<PersonId>>>()
    }

    async fn create_person(&self, org: OrgId, by: &Author, row: PersonRow) -> Result<Person> {
        let mut tx = self.write().await?;
        let at = now();
        let sql = format!(
            "INSERT INTO people (org_id, key, name, email, title, level, track, manager_key,
               rung_start, pay, currency, stage, location, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
             RETURNING {COLUMNS}"
        );
        let q = sqlx::query(&sql).bind(org.0).bind(row.id.as_str());
        let created = bind_fields(q, &row.fields)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| unique(e, || format!("the id `{}` is already used", row.id)))?;
        let p = person(&created)?;
        audit(&mut tx, org, by, "person.create", &p.id, json!(p.fields)).await?;
        tx.commit().await?;
        Ok(p)
    }

    async fn update_person(
        &self,
        org: OrgId,
        by: &Author,
        version: i64,
        row: PersonRow,
    ) -> Result<Person> {
        let mut tx = self.write().await?;
        let before = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM people WHERE org_id = $1 AND key = $2"
        ))
        .bind(org.0)
        .bind(row.id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let before = person(&found(before, "person")?)?;
        if before.version != version {
            return Err(StoreError::Conflict(format!(
                "{} changed since version {version}: it is at version {}",
                row.id, before.version
            )));
        }
        let sql = format!(
            "UPDATE people SET name = $1, email = $2, title = $3, level = $4, track = $5,
               manager_key = $6, rung_start = $7, pay = $8, currency = $9, stage = $10,
               location = $11, version = version + 1, updated_at = $12
             WHERE org_id = $13 AND key = $14 AND version = $15 RETURNING {COLUMNS}"
        );
        let q = sqlx::query(&sql);
        let updated = bind_fields(q, &row.fields)
            .bind(now())
            .bind(org.0)
            .bind(row.id.as_str())
            .bind(version)
            .fetch_optional(&mut *tx)
            .await?;
        // On PostgreSQL a writer that read the same version waits for the first one's commit,
        // then finds no row at that version any more: the same conflict, found later.
        let Some(updated) = updated else {
            return Err(StoreError::Conflict(format!(
                "{} changed since version {version}",
                row.id
            )));
        };
        let p = person(&updated)?;
        let detail = json!({ "version": p.version, "before": before.fields, "after": p.fields });
        audit(&mut tx, org, by, "person.update", &p.id, detail).await?;
        tx.commit().await?;
        Ok(p)
    }

    async fn import_roster(
        &self,
        org: OrgId,
        by: &Author,
        rows: &[PersonRow],
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<ImportSummary> {
        let mut ids = HashSet::with_capacity(rows.len());
        if let Some(twice) = rows.iter().find(|r| !ids.insert(r.id.as_str())) {
            return Err(StoreError::Conflict(format!(
                "the id `{}` is in the roster twice",
                twice.id
            )));
        }
        let mut tx = self.write().await?;
        let existing: HashSet<String> = sqlx::query("SELECT key FROM people WHERE org_id = $1")
            .bind(org.0)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get("key"))
            .collect::<Result<_, _>>()?;
        let at = now();
        let (mut written, mut done) = (0, 0);
        if self.backend == Backend::Postgres {
            let sql = import_document_statement();
            for chunk in rows.chunks(ROWS_PER_DOCUMENT) {
                written += sqlx::query(&sql)
                    .bind(org.0)
                    .bind(document(chunk)?)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected() as i64;
                done += chunk.len();
                progress(done);
            }
        } else {
            // Every statement but the last has the full number of rows: one text serves them.
            let full = import_statement(self.backend, ROWS_PER_STATEMENT);
            for chunk in rows.chunks(ROWS_PER_STATEMENT) {
                let last;
                let sql = if chunk.len() == ROWS_PER_STATEMENT {
                    &full
                } else {
                    last = import_statement(self.backend, chunk.len());
                    &last
                };
                let mut q = sqlx::query(sql);
                for row in chunk {
                    q = bind_fields(q.bind(org.0).bind(row.id.as_str()), &row.fields)
                        .bind(1_i64)
                        .bind(at)
                        .bind(at);
                }
                written += q.execute(&mut *tx).await?.rows_affected() as i64;
                done += chunk.len();
                progress(done);
            }
        }
        let seen = rows
            .iter()
            .filter(|r| existing.contains(r.id.as_str()))
            .count() as i64;
        let created = rows.len() as i64 - seen;
        let summary = ImportSummary {
            created,
            updated: written - created,
            unchanged: seen - (written - created),
            not_in_file: existing.len() as i64 - seen,
        };
        audit(
            &mut tx,
            org,
            by,
            "roster.import",
            &format!("{} people", rows.len()),
            json!(summary),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}
