//! The assessment history CSV reader, on any bytes, for a small roster.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rungs_core::framework::builtin;
use rungs_core::team::{History, Roster, load_history_csv, load_roster};

fn roster() -> &'static Roster {
    static ROSTER: OnceLock<Roster> = OnceLock::new();
    ROSTER.get_or_init(|| {
        let csv = "id,name,level,track,manager\ncpo,Chris,cpo,manager,\ngpm,Gil,group-pm,manager,cpo\npm1,Pat,pm,ic,gpm\n";
        load_roster("roster.csv", csv.as_bytes(), builtin())
            .map(|l| l.roster)
            .unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    let mut history = History::new(builtin());
    let _ = load_history_csv("history.csv", data, builtin(), roster(), &mut history);
});
