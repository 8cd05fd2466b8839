//! `rungs title`, one title or a CSV column.

use std::fs;

use crate::support::{assert_fits_80, repo_file, rungs};

#[test]
fn a_title_is_levelled_with_its_reason() {
    let out = rungs(&["title", "Sr PM, Payments"]).ok();
    assert_fits_80(&out);
    assert!(out.starts_with("\"Sr PM, Payments\"\n"), "{out}");
    assert!(
        out.contains("  Level           Senior Product Manager (senior-pm), shared ladder"),
        "{out}"
    );
    assert!(
        out.contains("  Why             \"Senior Product Manager\" is the title of Senior PM"),
        "{out}"
    );
    assert!(out.contains("  Team            payments"), "{out}");

    let json = rungs(&["title", "Principal PM (AI Platform)", "--json"]).json();
    assert_eq!(json["verdict"], "level");
    assert_eq!(json["level"], "principal-pm");
    assert_eq!(json["track"], "ic");
    assert_eq!(json["specialization"], "ai-ml");
    assert_eq!(json["confidence"], 0.95);
    assert!(
        json["reason"]
            .as_str()
            .is_some_and(|r| r.contains("Principal PM"))
    );
    assert_eq!(json["candidates"], serde_json::json!([]));

    let json = rungs(&["title", "Head of Product", "--json"]).json();
    assert_eq!(json["verdict"], "ambiguous");
    assert_eq!(json["level"], serde_json::Value::Null);
    assert_eq!(json["candidates"].as_array().map(Vec::len), Some(2));
    let out = rungs(&["title", "Head of Product"]).ok();
    assert!(out.contains("Candidates"), "{out}");

    let json = rungs(&["title", "Technical Program Manager", "--json"]).json();
    assert_eq!(json["verdict"], "not-pm");
    assert_eq!(
        json["role"],
        serde_json::json!({"id": "technical-program-management", "name": "Technical program management"})
    );
    let out = rungs(&["title", "TPM"]).ok();
    assert!(
        out.contains("not product management: technical program management"),
        "{out}"
    );
}

#[test]
fn a_company_ladder_applies_with_company() {
    let acme = repo_file("frameworks/examples/company-acme.toml");
    let json = rungs(&[
        "title",
        "Lead Product Manager (PM4)",
        "--company",
        &acme,
        "--json",
    ])
    .json();
    assert_eq!(
        (json["level"].as_str(), json["track"].as_str()),
        (Some("principal-pm"), Some("ic"))
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[company]\nid = \"x\"\nname = \"X\"\nframework = \"product-management\"\n\n[[codes]]\ncode = \"L9\"\nlevel = \"vice-pres\"\n").unwrap();
    let err = rungs(&["title", "VP", "--company", &bad.to_string_lossy()]).fails();
    assert!(err.contains("bad.toml:8:9"), "{err}");
    assert!(err.contains("unknown level `vice-pres`"), "{err}");
}

#[test]
fn a_csv_column_is_levelled_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    fs::write(&input, "id,job title,team\n1,\"Sr PM, Payments\",pay\n2,Head of Product,x\n3,Program Manager,y\n4,\"Staff PM (AI Platform)\",z\n").unwrap();
    let out = rungs(&[
        "title",
        "--csv",
        &input.to_string_lossy(),
        "--column",
        "job title",
    ])
    .ok();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "id",
            "job title",
            "team",
            "rungs_verdict",
            "rungs_level",
            "rungs_track",
            "rungs_specialization",
            "rungs_confidence",
            "rungs_reason",
            "rungs_role",
            "rungs_candidates"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        &rows[0][..8],
        [
            "1",
            "Sr PM, Payments",
            "pay",
            "level",
            "senior-pm",
            "shared",
            "",
            "0.95"
        ]
    );
    assert_eq!(&rows[1][3..4], ["ambiguous"]);
    assert_eq!(rows[1][10], "group-pm|cpo");
    assert_eq!(
        (rows[2][3].as_str(), rows[2][9].as_str()),
        ("not-pm", "program-management")
    );
    assert_eq!(
        (rows[3][4].as_str(), rows[3][6].as_str()),
        ("principal-pm", "ai-ml")
    );

    // With --out the file is written whole, and says so.
    let output = dir.path().join("levelled.csv");
    let msg = rungs(&[
        "title",
        "--csv",
        &input.to_string_lossy(),
        "--column",
        "job title",
        "--out",
        &output.to_string_lossy(),
    ])
    .ok();
    assert!(msg.starts_with("Levelled 4 titles into"), "{msg}");
    assert_eq!(fs::read_to_string(&output).unwrap(), out);
}

#[test]
fn csv_mistakes_name_the_place_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    fs::write(
        &input,
        "id,title\n1,PM\n2,Senior PM\n3,Group PM,extra\n4,VP\n",
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    let err = rungs(&[
        "title",
        "--csv",
        &input.to_string_lossy(),
        "--column",
        "title",
        "--out",
        &output.to_string_lossy(),
    ])
    .fails();
    assert!(
        err.contains("people.csv:4: this row has 3 fields where the header has 2"),
        "{err}"
    );
    assert!(!output.exists(), "no output file is left behind");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no partial file either"
    );
    // Saved with Windows line ends, the row is on the same line.
    fs::write(
        &input,
        "id,title\r\n1,PM\r\n2,Senior PM\r\n3,Group PM,extra\r\n4,VP\r\n",
    )
    .unwrap();
    let err = rungs(&[
        "title",
        "--csv",
        &input.to_string_lossy(),
        "--column",
        "title",
    ])
    .fails();
    assert!(
        err.contains("people.csv:4: this row has 3 fields where the header has 2"),
        "{err}"
    );

    let err = rungs(&[
        "title",
        "--csv",
        &input.to_string_lossy(),
        "--column",
        "titel",
    ])
    .fails();
    assert!(
        err.contains("there is no column \"titel\"; did you mean `title`?"),
        "{err}"
    );
    // Without --column, a column called "title" is read; without one, Rungs asks which.
    let good = input.with_file_name("good.csv");
    std::fs::write(&good, "id,title\n1,PM\n").unwrap();
    let out = rungs(&["title", "--csv", &good.to_string_lossy()]).ok();
    assert!(out.starts_with("id,title,rungs_verdict"), "{out}");
    let other = input.with_file_name("roles.csv");
    std::fs::write(&other, "id,role\n1,PM\n").unwrap();
    let err = rungs(&["title", "--csv", &other.to_string_lossy()]).fails();
    assert!(
        err.contains("say which column holds the titles (the columns are: id, role); name it with --column <name>"),
        "{err}"
    );
    let err = rungs(&["title", "--csv", "/no/such.csv", "--column", "x"]).fails();
    assert!(err.contains("cannot read /no/such.csv"), "{err}");
}

#[test]
fn a_levelled_csv_cannot_run_a_formula_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    fs::write(
        &input,
        "id,title,note\n=cmd|' /C calc'!A0,Senior PM,@SUM(A1)\n2,-Group PM,+1\n",
    )
    .unwrap();
    let out = rungs(&["title", "--csv", &input.to_string_lossy()]).ok();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows[0][..3],
        ["'=cmd|' /C calc'!A0", "Senior PM", "'@SUM(A1)"]
    );
    assert_eq!(rows[1][..3], ["2", "'-Group PM", "'+1"]);
    // What the leveller read is the title itself, not the apostrophe.
    assert_eq!(rows[0][4], "senior-pm");
}
