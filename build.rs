//! The default theme is embedded with `include_dir!`; tell cargo to rebuild when any file
//! under it changes, is added or is removed.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
