//! Tera 1 against Tera 2 on quorum's person pages: see README.md.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value as J;
use tera2::{Kwargs, State, Value};

fn template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name);
    std::fs::read_to_string(path).expect("template")
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: tera2-spike CONTEXT_DIR"),
    );
    let mut pages: Vec<(usize, J)> = std::fs::read_dir(&dir)
        .expect("context folder")
        .map(|e| e.unwrap().path())
        .map(|p| {
            let n = p.file_stem().unwrap().to_str().unwrap().parse().unwrap();
            (
                n,
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect();
    pages.sort_by_key(|(n, _)| *n);
    let pages: Vec<J> = pages.into_iter().map(|(_, v)| v).collect();
    println!("{} pages", pages.len());
    tera_1(&pages);
    let tera = tera_2_engine();
    tera_2_whole(&tera, &pages);
    tera_2_shared(&tera, &pages);
}

/// Builds each page's context, renders it and drops the context; returns the time spent on
/// contexts (building and dropping) and on rendering.
fn time_pages<C>(
    pages: &[J],
    build: impl Fn(&J) -> C,
    render: impl Fn(&C) -> String,
) -> (Duration, Duration) {
    let (mut context, mut rendering) = (Duration::ZERO, Duration::ZERO);
    for page in pages {
        let t = Instant::now();
        let ctx = build(page);
        context += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(render(&ctx));
        rendering += t.elapsed();
        let t = Instant::now();
        drop(ctx);
        context += t.elapsed();
    }
    (context, rendering)
}

fn tera_1(pages: &[J]) {
    type Args = HashMap<String, tera1::Value>;
    let mut tera = tera1::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.register_function("url", |args: &Args| Ok(args["path"].clone()));
    tera.register_function("t", |args: &Args| {
        Ok(tera1::Value::String(format!(
            "[{}]",
            args["key"].as_str().unwrap_or("")
        )))
    });
    tera.register_filter("long_date", |v: &tera1::Value, _: &Args| Ok(v.clone()));
    tera.add_raw_template("macros.html", &template("macros-tera1.html"))
        .unwrap();
    tera.add_raw_template("person.html", &template("person-tera1.html"))
        .unwrap();
    let (context, render) = time_pages(
        pages,
        |page| tera1::Context::from_serialize(page).unwrap(),
        |ctx| tera.render("person.html", ctx).unwrap(),
    );
    println!("tera 1, whole context: context {context:.2?}, render {render:.2?}");
}

fn tera_2_engine() -> tera2::Tera {
    let mut tera = tera2::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.register_function(
        "url",
        |kwargs: Kwargs, _: &State| -> tera2::TeraResult<String> {
            Ok(kwargs.must_get::<&str>("path")?.to_string())
        },
    );
    tera.register_function(
        "t",
        |kwargs: Kwargs, _: &State| -> tera2::TeraResult<String> {
            Ok(format!("[{}]", kwargs.must_get::<&str>("key")?))
        },
    );
    tera.register_filter("long_date", |v: &str, _: Kwargs, _: &State| v.to_string());
    tera.add_raw_templates(vec![
        ("macros.html", template("macros-tera2.html")),
        ("person.html", template("person-tera2.html")),
    ])
    .unwrap();
    tera
}

fn tera_2_whole(tera: &tera2::Tera, pages: &[J]) {
    let (context, render) = time_pages(
        pages,
        |page| tera2::Context::from_serialize(page).unwrap(),
        |ctx| tera.render("person.html", ctx).unwrap(),
    );
    println!("tera 2, whole context: context {context:.2?}, render {render:.2?}");
}

fn tera_2_shared(tera: &tera2::Tera, pages: &[J]) {
    // Once per build: every MeetingRef and OrgRef as a Tera value.
    let t = Instant::now();
    let mut meetings: HashMap<String, Value> = HashMap::new();
    let mut orgs: HashMap<String, Value> = HashMap::new();
    for page in pages {
        for list in ["attended", "presented", "roles"] {
            for entry in page[list].as_array().unwrap() {
                let m = &entry["meeting"];
                meetings
                    .entry(m["slug"].as_str().unwrap().to_string())
                    .or_insert_with(|| Value::from_serializable(m));
                let o = &entry["organisation"];
                if o.is_object() {
                    orgs.entry(o["key"].as_str().unwrap().to_string())
                        .or_insert_with(|| Value::from_serializable(o));
                }
            }
        }
    }
    let once = t.elapsed();
    let text = |j: &J| j.as_str().map_or_else(Value::none, Value::from);
    let (context, render) = time_pages(
        pages,
        |page| {
            let entry = |e: &J, fields: &[&'static str]| -> Value {
                let mut map = tera2::Map::default();
                let slug = e["meeting"]["slug"].as_str().unwrap();
                map.insert("meeting".into(), meetings[slug].clone());
                for &field in fields {
                    let value = match field {
                        "organisation" => e[field]["key"]
                            .as_str()
                            .map_or_else(Value::none, |k| orgs[k].clone()),
                        "item" | "presenters" => Value::from_serializable(&e[field]),
                        _ => text(&e[field]),
                    };
                    map.insert(field.into(), value);
                }
                Value::from(map)
            };
            let list = |name: &str, fields: &[&'static str]| -> Value {
                Value::from(
                    page[name]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| entry(e, fields))
                        .collect::<Vec<Value>>(),
                )
            };
            let mut ctx = tera2::Context::new();
            ctx.insert("person", &page["person"]);
            ctx.insert("page", &page["page"]);
            ctx.insert_value(
                "attended",
                list("attended", &["organisation", "role", "note"]),
            );
            ctx.insert_value("roles", list("roles", &["role"]));
            ctx.insert_value("presented", list("presented", &["item", "presenters"]));
            ctx
        },
        |ctx| tera.render("person.html", ctx).unwrap(),
    );
    println!(
        "tera 2, shared views: {} meetings and {} organisations converted once in {once:.2?}; context {context:.2?}, render {render:.2?}",
        meetings.len(),
        orgs.len()
    );
}
