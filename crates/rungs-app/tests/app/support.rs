//! An application on a fresh database with one organization, acted on by its admin.

use std::sync::Arc;

use rungs_app::{Actor, App, HistorySource, Settings};
use rungs_store::Store;
use rungs_store::testing::{TestDb, backends};

pub(crate) struct TestOrg {
    pub(crate) app: App,
    pub(crate) admin: Actor,
    pub(crate) name: &'static str,
    pub(crate) _db: TestDb,
}

/// One organization with its admin, on every backend.
pub(crate) async fn orgs() -> Vec<TestOrg> {
    let mut out = Vec::new();
    for db in backends().await {
        let store: Arc<dyn Store> = Arc::new(db.store.clone());
        let app = App::new(
            store,
            Settings {
                cache_seconds: 0,
                ..Settings::default()
            },
        );
        let (_, admin) = app
            .accounts()
            .create_org(
                "Acme",
                "Ada Admin",
                "ada@acme.test",
                "a long passphrase".into(),
            )
            .await
            .expect("an organization");
        out.push(TestOrg {
            app,
            admin: Actor::user(admin),
            name: db.name,
            _db: db,
        });
    }
    out
}

impl TestOrg {
    pub(crate) async fn roster(&self, csv: &str) {
        self.app
            .people()
            .import_roster(&self.admin, "roster.csv", csv.as_bytes().to_vec(), &|_| {})
            .await
            .expect("the roster imports");
    }

    pub(crate) async fn history(
        &self,
        files: &[(&str, &str)],
    ) -> rungs_app::Result<rungs_app::AssessmentsImported> {
        self.app
            .reports()
            .import_assessments(
                &self.admin,
                HistorySource {
                    files: files
                        .iter()
                        .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
                        .collect(),
                },
                &|_| {},
            )
            .await
    }
}

/// A history CSV header and a row rating every competency of the built-in framework `level`.
pub(crate) fn history_row(
    person: &str,
    date: &str,
    kind: &str,
    assessor: &str,
    level: &str,
) -> String {
    let n = rungs_core::framework::builtin().competencies().count();
    format!(
        "{person},{date},{kind},{assessor},,,,{}\n",
        vec![level; n].join(",")
    )
}

pub(crate) fn history_header() -> String {
    let fw = rungs_core::framework::builtin();
    let ids: Vec<&str> = fw.competencies().map(|(_, c)| c.id.as_str()).collect();
    format!(
        "person,date,assessor_kind,assessor,track,level,milestones,{}\n",
        ids.join(",")
    )
}
