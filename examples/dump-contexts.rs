//! Writes the template context of every page rendered with one template as JSON files
//! (`0.json`, `1.json`, … in DIR), with `page.lang` and `page.path`: to see exactly what a
//! template gets (THEMES.md documents it), or as input for template engine measurements.
//!
//! `cargo run --release --example dump-contexts -- SITE person.html DIR`
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(template), Some(out)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: dump-contexts SITE TEMPLATE DIR");
        std::process::exit(2);
    };
    let out = std::path::PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("output folder");
    let site =
        quorum::internals::Site::load(&quorum::BuildOptions::new(&root)).expect("site loads");
    let views = site.page_views();
    let pages = site.graph.pages.iter().filter(|p| p.template == template);
    for (i, page) in pages.enumerate() {
        let mut context = serde_json::to_value(views.data(page)).expect("serialisable");
        context["page"] = serde_json::json!({"lang": page.lang.code(), "path": page.path});
        let json = serde_json::to_string(&context).expect("serialisable");
        std::fs::write(out.join(format!("{i}.json")), json).expect("writable");
    }
}
