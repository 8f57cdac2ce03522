//! Scores `quorum import` against meetings converted by hand:
//! `cargo run --example import-score -- DIR [--root SITE]` prints a table for every pair
//! `NAME.<ext>` + `NAME.expected.md` in DIR (see docs/import.md).

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut root = PathBuf::from(".");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from).unwrap_or(root),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: import-score DIR_OF_PAIRS [--root SITE]");
        std::process::exit(2);
    };
    match quorum::import::compare::score_folder(&dir, &root) {
        Ok(table) => print!("{table}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
