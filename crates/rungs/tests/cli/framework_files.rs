//! `rungs framework validate` and `rungs framework export`.

use std::fs;

use crate::support::{example, rungs};

#[test]
fn export_prints_the_built_in_file_and_it_validates() {
    let out = rungs(&["framework", "export"]).ok();
    assert_eq!(out, rungs_core::framework::BUILTIN_TOML);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    fs::write(&path, &out).unwrap();
    let path = path.to_string_lossy();
    let report = rungs(&["framework", "validate", &path]).ok();
    assert_eq!(
        report.trim(),
        format!(
            "{path} is a valid framework: product-management \"Product management\" version 2025.1, 8 levels, 20 competencies."
        )
    );
    // The exported copy drives every command just as the built-in one does.
    assert_eq!(
        rungs(&["--framework", &path, "levels"]).ok(),
        rungs(&["levels"]).ok()
    );
}

#[test]
fn export_as_json_gives_the_whole_model() {
    let json = rungs(&["framework", "export", "--json"]).json();
    assert_eq!(json["id"], "product-management");
    assert_eq!(json["levels"].as_array().map(Vec::len), Some(8));
    assert_eq!(
        json["areas"][0]["competencies"][0]["expectations"][0],
        serde_json::json!({"level": "apm", "text": "Basic understanding of how products are built"})
    );
    let same = rungs(&["framework", "export", "--format", "json"]).json();
    assert_eq!(json, same);
}

#[test]
fn export_follows_the_framework_in_use() {
    let fw = example();
    let out = rungs(&["--framework", &fw, "framework", "export"]).ok();
    assert_eq!(out, fs::read_to_string(&fw).unwrap());
}

#[test]
fn validate_reports_every_problem_with_its_place_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    let text = fs::read_to_string(example())
        .unwrap()
        .replacen(
            "parallel = \"engineering-manager\"",
            "parallel = \"engineering-managr\"",
            1,
        )
        .replacen(
            "seed = { min = 40_000, max = 50_000 }",
            "seed = { min = 60_000, max = 50_000 }",
            1,
        );
    fs::write(&path, &text).unwrap();
    let path = path.to_string_lossy().into_owned();

    let run = rungs(&["framework", "validate", &path]);
    assert_eq!(run.code, 1);
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    let out = run.stdout;
    assert!(
        out.contains(&format!(
            "{path}:{}:12",
            line("parallel = \"engineering-managr\"")
        )),
        "{out}"
    );
    assert!(
        out.contains("error: unknown level `engineering-managr`"),
        "{out}"
    );
    assert!(
        out.contains("help: did you mean `engineering-manager`?"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{path}:{}:16", line("min = 60_000"))),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{path} is not a valid framework: 2 errors.\n")),
        "{out}"
    );

    let json = rungs(&["framework", "validate", &path, "--json"]);
    assert_eq!(json.code, 1);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"], 2);
    assert_eq!(
        json["diagnostics"][0]["start"]["line"].as_u64(),
        Some(line("parallel = \"engineering-managr\"") as u64)
    );
    assert_eq!(json["diagnostics"][0]["start"]["column"], 12);
    assert_eq!(json["diagnostics"][0]["path"], "levels[3].parallel");

    // Using the broken file for any other command fails the same way, on stderr.
    let err = rungs(&["--framework", &path, "levels"]).fails();
    assert!(
        err.contains("error: unknown level `engineering-managr`"),
        "{err}"
    );
}

#[test]
fn validate_explains_files_it_cannot_read() {
    let err = rungs(&["framework", "validate", "/no/such/file.toml"]).fails();
    assert!(
        err.starts_with("error: cannot read /no/such/file.toml"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let err = rungs(&["framework", "validate", &dir.path().to_string_lossy()]).fails();
    assert!(err.contains("is a directory, not a file"), "{err}");
    let binary = dir.path().join("binary.toml");
    fs::write(&binary, [0x5B, 0xFF, 0x00, 0x01]).unwrap();
    let out = rungs(&["framework", "validate", &binary.to_string_lossy()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("the file is not UTF-8 text: byte 0xFF at line 1, column 2"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_valid_file_with_warnings_still_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warn.toml");
    let text = fs::read_to_string(example()).unwrap().replacen(
        "[[tracks]]\nid = \"ic\"",
        "[[tracks]]\nid = \"unused\"\nname = \"Unused\"\nsummary = \"No levels.\"\n\n[[tracks]]\nid = \"ic\"",
        1,
    );
    fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().into_owned();
    let out = rungs(&["framework", "validate", &path]).ok();
    assert!(
        out.contains("warning: no level is on track `unused`"),
        "{out}"
    );
    assert!(
        out.contains("7 levels, 6 competencies, 1 warning."),
        "{out}"
    );
    let run = rungs(&["--framework", &path, "levels"]);
    assert!(run.stderr.contains("has 1 warning(s)"), "{}", run.stderr);
    run.ok();
}

#[test]
fn a_ladder_goes_to_a_spreadsheet_and_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("ladder.xlsx");
    let xlsx = xlsx.to_string_lossy();
    let csv = dir.path().join("sheets");
    let csv = csv.to_string_lossy();
    for (format, out) in [("xlsx", &xlsx), ("csv", &csv)] {
        let fw = example();
        let run = rungs(&[
            "--framework",
            &fw,
            "framework",
            "export",
            "--format",
            format,
            "--out",
            out,
        ]);
        assert!(run.stderr.contains("reads it back"), "{}", run.stderr);
        run.ok();
        let back = dir.path().join(format!("back-{format}.toml"));
        let back = back.to_string_lossy();
        let run = rungs(&["framework", "import", out, "--base", "none", "--out", &back]);
        assert!(
            run.stderr.contains("7 levels, 2 areas, 6 competencies"),
            "{}",
            run.stderr
        );
        run.ok();
        assert_eq!(
            rungs(&["--framework", &back, "framework", "export", "--json"]).json(),
            rungs(&["--framework", &fw, "framework", "export", "--json"]).json(),
            "{format}"
        );
    }
    // What is there is kept unless --force.
    let run = rungs(&["framework", "export", "--format", "xlsx", "--out", &xlsx]);
    assert!(
        run.stderr.contains("already there; nothing was written"),
        "{}",
        run.stderr
    );
    run.fails();
    rungs(&[
        "framework",
        "export",
        "--format",
        "xlsx",
        "--out",
        &xlsx,
        "--force",
    ])
    .ok();
    let run = rungs(&["framework", "export", "--format", "xlsx"]);
    assert!(
        run.stderr.contains("add --out ladder.xlsx"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_spreadsheet_with_a_mistake_is_refused_at_its_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = dir.path().join("matrix.csv");
    fs::write(
        &matrix,
        "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CEO\n\
         Craft,Discovery,A,B,C,D,E,F,G,H\n",
    )
    .unwrap();
    let out = dir.path().join("ladder.toml");
    let run = rungs(&[
        "framework",
        "import",
        &matrix.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(
        run.stderr.contains("sheet Matrix, row 1, column J (CEO)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the header `CEO` matches no level"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    run.fails();
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn the_template_imports_into_a_ladder_that_every_command_uses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme.toml");
    let out = out.to_string_lossy();
    let template = crate::support::repo_file("frameworks/examples/ladder-template.xlsx");
    let run = rungs(&[
        "framework",
        "import",
        &template,
        "--name",
        "Acme product",
        "--out",
        &out,
    ]);
    assert!(
        run.stderr
            .contains("acme-product \"Acme product\": 6 levels"),
        "{}",
        run.stderr
    );
    run.ok();
    let levels = rungs(&["--framework", &out, "levels"]).ok();
    assert!(
        levels.contains("Acme product ladder · version 1"),
        "{levels}"
    );
    assert!(
        levels.contains("Staff Product Manager (staff-pm)"),
        "{levels}"
    );
    let pay = rungs(&["--framework", &out, "pay", "staff-pm"]).ok();
    assert!(pay.contains("140,000"), "{pay}");
}

#[test]
fn import_with_json_reports_for_programs() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = dir.path().join("matrix.csv");
    fs::write(
        &matrix,
        "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CPO\n\
         Craft,Discovery,A,,C,D,E,F,G,H\n",
    )
    .unwrap();
    let matrix = matrix.to_string_lossy();
    let run = rungs(&["--json", "framework", "import", &matrix]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["imported"], false);
    let problem = &report["diagnostics"][0];
    assert_eq!(problem["sheet"], "Matrix");
    assert_eq!(problem["start"]["line"], 2);
    assert_eq!(problem["start"]["column"], 4);
    assert_eq!(problem["field"], "PM");

    fs::write(
        dir.path().join("matrix.csv"),
        "Area,Competency,APM,PM,Senior PM,Principal PM,Group PM,Director,VP of Product,CPO\n\
         Craft,Discovery,A,B,C,D,E,F,G,H\n",
    )
    .unwrap();
    let report = rungs(&["--json", "framework", "import", &matrix]).json();
    assert_eq!(report["imported"], true);
    assert_eq!(report["framework"]["competencies"], 1);
    assert_eq!(report["framework"]["levels"], 8);
    assert!(
        report["toml"]
            .as_str()
            .unwrap()
            .contains("name = \"Discovery\"")
    );
}

#[test]
fn import_reads_several_csv_files_each_the_sheet_its_name_says() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::path::PathBuf::from(crate::support::repo_file(
        "frameworks/examples/ladder-template",
    ));
    let copy = |from: &str, to: &str| {
        let to = dir.path().join(to);
        fs::copy(template.join(from), &to).unwrap();
        to.to_string_lossy().into_owned()
    };
    let (ladder, levels, pay) = (
        copy("Matrix.csv", "our ladder.csv"),
        copy("Levels.csv", "levels.csv"),
        copy("Pay.csv", "PAY.csv"),
    );
    let run = rungs(&[
        "framework",
        "import",
        &ladder,
        &levels,
        &pay,
        "--name",
        "Acme",
    ]);
    assert!(
        run.stderr
            .contains("6 levels, 3 areas, 6 competencies, 5 pay bands"),
        "{}",
        run.stderr
    );
    let toml = run.ok();
    assert!(toml.contains("id = \"staff-pm\""));

    // A problem names the file it is in.
    fs::write(&pay, "Levels,Stage,Min,Max\npm-1,startup,90000,80000\n").unwrap();
    let run = rungs(&["framework", "import", &ladder, &levels, &pay]);
    assert!(
        run.stderr
            .contains("PAY.csv, sheet Pay, row 2, column D (Max)"),
        "{}",
        run.stderr
    );
    run.fails();
}
