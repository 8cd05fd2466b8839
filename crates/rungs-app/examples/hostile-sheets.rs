//! Writes the hostile spreadsheets of the probe (scripts/probe-sheets.sh) to a folder, at full
//! size: files of a few MB at most that unpack or repeat into gigabytes.
//!
//!   cargo run --release -p rungs-app --example hostile-sheets -- <folder>

#[path = "../tests/app/hostile.rs"]
mod hostile;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hostile-sheets <folder>");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir)?;
    for file in hostile::all(hostile::Scale::Full) {
        std::fs::write(format!("{dir}/{}", file.name), &file.bytes)?;
        println!("{}\t{}\t{}", file.name, file.bytes.len(), file.what);
    }
    Ok(())
}
