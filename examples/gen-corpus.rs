//! Deterministic test-corpus generator for quorum.
//!
//! ```text
//! cargo run --release --example gen-corpus -- N DIR [--hugo HUGODIR] [--profile bench|heavy]
//! ```
//!
//! Writes a complete quorum site with `N` synthetic Swedish meeting minutes to `DIR`:
//!
//! - `DIR/site.toml`: title, `base_url = "https://example.org/"`, `[build] output_dir`;
//! - `DIR/content/organisations.yaml`: ~320 organisations (Swedish municipalities, the 21
//!   regions, national agencies with abbreviations and aliases, kommunalförbund, SKR, unions);
//! - `DIR/content/people.yaml`: ~400 people, each with an organisation, some with aliases
//!   ("Åsa F-T", "Greger B.");
//! - `DIR/content/<year>/<date>-<body-slug>-<n>.md`: the meetings, 2005–2024, across 25
//!   bodies (networks and committees with a fixed organiser), in the format of
//!   docs/content.md: YAML front matter, then level-2 agenda items with presenters,
//!   discussion, decisions ("Beslut:"), actions ("Åtgärd:"), lists, links and now and then a
//!   fenced code block. About 5 % of the meetings are in English.
//!
//! `--profile heavy` writes the archive issue 23 describes instead (the default profile,
//! `bench`, is the one above, byte for byte as before the option existed):
//!
//! - no `organisations.yaml` and no `people.yaml`: every organisation and person is
//!   unregistered, so quorum warns about each (about 15 warnings per meeting), and an
//!   organisation named by its short name, full name or alias is three organisations;
//! - about 600 people (one or two in each of the ~320 organisations, eight at SKR), and
//!   every body draws its 5–25 attendees (and member presenters) from all of them, so each
//!   person attends a few hundred meetings at 10,000 and person pages grow large;
//! - 15–23 KB of Markdown per meeting (mean about 19 KB; up to twelve paragraphs per
//!   agenda item instead of five).
//!
//! Everything else (bodies, dates, topics, text, the Hugo site) is made the same way; the
//! heavy world uses its own seed, so its meetings are not the bench meetings made longer.
//!
//! With `--hugo HUGODIR` it also writes the same meetings (same Markdown bodies, TOML front
//! matter, an `organisations` taxonomy) as a Hugo site with small but real layouts.
//!
//! Why: the benchmarks need a large, realistic and reproducible archive. It is the input for
//! comparing a full build against Hugo on the same content (issue 3), for timing incremental
//! rebuilds after touching one meeting (issue 5) and for measuring the search index's size
//! (issue 6). Real minutes cannot be published in bulk, so the text is built from a
//! vocabulary and sentence bank modelled on the seed minutes.
//!
//! Deterministic: everything comes from an inline SplitMix64 generator; no crates, no clock,
//! no hash-map iteration order. The registries use one fixed seed, and meeting `i` uses a
//! seed derived from `i` alone, so the same `N` gives byte-identical files, and the first `N`
//! meetings of a larger run are identical to a run with `N` (handy for "add one meeting").
//!
//! Safety: `DIR` and `HUGODIR` must be empty, missing, or made by an earlier run (they then
//! hold a `.gen-corpus` marker, and their `content/` and, for Hugo, `layouts/` are replaced).
//!
//! What the content exercises (all of it within docs/content.md):
//! - `organiser` is an organisation's key, short name, full name or alias; attendees,
//!   scribes and presenters name organisations by short name, full name or alias too.
//! - `chair` is always `"Name, Org"`; `scribes` and `attendees` are block lists mixing
//!   `Name, Org` lines and `{ name, organisation, role[, note] }` flow maps.
//! - About 3 % of meetings have no `title` (quorum's default "<body> <date>" applies).
//! - `time` is quoted; `date` is a plain ISO date on a weekday; strings holding `:`, `#` or
//!   (in flow context) `,[]{}` are double-quoted.
//! - Headings are `## Title`, `## N) Title`, `## N. Title` or `## § N Title`; presenters are
//!   a trailing `(A, B och C, Org)` or a first paragraph `*A, Org*`; some items have none.
//!   Headings may repeat within a meeting.
//! - Decisions are `Beslut: …` or `**Beslut:** …`, sometimes `**Beslut:** … följande
//!   beslut:` plus a 2–4 item list; actions are `Åtgärd: Name ska …`. English meetings
//!   (`language: en`, `kind: minutes`) use `Decision:` and `Action:`.
//! - Attachments are `{ title }` or `{ title, url }`, never `file:`.
//! - Organisation and person names are unique when case and diacritics are ignored.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ------------------------------------------------------------------------------------------
// Pseudo-random numbers
// ------------------------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and well mixed even for consecutive
/// seeds, which is what per-meeting seeding needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is far below anything visible here).
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Up to `k` distinct elements of `pool`, in random order (partial Fisher–Yates).
    fn sample(&mut self, pool: &[usize], k: usize) -> Vec<usize> {
        let mut v = pool.to_vec();
        let k = k.min(v.len());
        for i in 0..k {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

/// Seed of the registries (organisations, people, bodies): fixed, independent of `N`.
const WORLD_SEED: u64 = 0x0051_7E5E_ED00_2005;
/// Meeting `i` is generated from `MEETING_SEED + i * MEETING_STRIDE`.
const MEETING_SEED: u64 = 0x4D49_4E4E_4553_414E;
const MEETING_STRIDE: u64 = 0xD1B5_4A32_D192_ED03;
/// The heavy profile's people (see [`build_people_heavy`]).
const HEAVY_PEOPLE_SEED: u64 = 0x4845_4156_5950_504C;

/// Which archive to write (see the top comment).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// Registries, 2–20 KB meetings, attendees from each body's own area.
    Bench,
    /// No registries, ~19 KB meetings, attendees from all ~600 people.
    Heavy,
}

impl Profile {
    fn parse(name: &str) -> Result<Self, String> {
        match name {
            "bench" => Ok(Profile::Bench),
            "heavy" => Ok(Profile::Heavy),
            _ => Err(format!("unknown profile {name:?} (bench or heavy)")),
        }
    }
}

// ------------------------------------------------------------------------------------------
// Organisations
// ------------------------------------------------------------------------------------------

/// A registry entry as written in the tables below; `""` means "none".
struct OrgDef {
    key: &'static str,
    name: &'static str,
    short: &'static str,
    aliases: &'static [&'static str],
    kind: &'static str,
    url: &'static str,
}

const fn od(
    key: &'static str,
    name: &'static str,
    short: &'static str,
    aliases: &'static [&'static str],
    kind: &'static str,
    url: &'static str,
) -> OrgDef {
    OrgDef {
        key,
        name,
        short,
        aliases,
        kind,
        url,
    }
}

const MYND: &str = "myndighet";
const KF: &str = "kommunalförbund";
const INTRESSE: &str = "intresseorganisation";
const FACK: &str = "fackförbund";
const IDEELL: &str = "idéburen organisation";
const REGION: &str = "region";
const KOMMUN: &str = "kommun";

/// National agencies, SKR, kommunalförbund and other organisations that present at meetings.
const CENTRAL_ORGS: &[OrgDef] = &[
    od(
        "skr",
        "Sveriges Kommuner och Regioner",
        "SKR",
        &["SKL", "Sveriges Kommuner och Landsting"],
        INTRESSE,
        "https://skr.se",
    ),
    od(
        "socialstyrelsen",
        "Socialstyrelsen",
        "",
        &["SoS"],
        MYND,
        "https://www.socialstyrelsen.se",
    ),
    od(
        "ivo",
        "Inspektionen för vård och omsorg",
        "IVO",
        &[],
        MYND,
        "https://www.ivo.se",
    ),
    od(
        "fohm",
        "Folkhälsomyndigheten",
        "FoHM",
        &["FHM"],
        MYND,
        "https://www.folkhalsomyndigheten.se",
    ),
    od(
        "msb",
        "Myndigheten för samhällsskydd och beredskap",
        "MSB",
        &[],
        MYND,
        "https://www.msb.se",
    ),
    od(
        "myva",
        "Myndigheten för vård- och omsorgsanalys",
        "Myva",
        &["Vårdanalys"],
        MYND,
        "https://www.vardanalys.se",
    ),
    od(
        "ehm",
        "E-hälsomyndigheten",
        "",
        &["EHM"],
        MYND,
        "https://www.ehalsomyndigheten.se",
    ),
    od(
        "lakemedelsverket",
        "Läkemedelsverket",
        "",
        &["LV"],
        MYND,
        "https://www.lakemedelsverket.se",
    ),
    od(
        "fk",
        "Försäkringskassan",
        "FK",
        &[],
        MYND,
        "https://www.forsakringskassan.se",
    ),
    od(
        "af",
        "Arbetsförmedlingen",
        "AF",
        &[],
        MYND,
        "https://arbetsformedlingen.se",
    ),
    od(
        "polisen",
        "Polismyndigheten",
        "Polisen",
        &[],
        MYND,
        "https://polisen.se",
    ),
    od(
        "sbu",
        "Statens beredning för medicinsk och social utvärdering",
        "SBU",
        &[],
        MYND,
        "https://www.sbu.se",
    ),
    od(
        "sis",
        "Statens institutionsstyrelse",
        "SiS",
        &[],
        MYND,
        "https://www.stat-inst.se",
    ),
    od(
        "av",
        "Arbetsmiljöverket",
        "",
        &["AV"],
        MYND,
        "https://www.av.se",
    ),
    od(
        "migrationsverket",
        "Migrationsverket",
        "",
        &[],
        MYND,
        "https://www.migrationsverket.se",
    ),
    od(
        "kriminalvarden",
        "Kriminalvården",
        "",
        &["KVV"],
        MYND,
        "https://www.kriminalvarden.se",
    ),
    od(
        "socialdepartementet",
        "Socialdepartementet",
        "",
        &["S-dep"],
        MYND,
        "https://www.regeringen.se",
    ),
    od(
        "bo",
        "Barnombudsmannen",
        "BO",
        &[],
        MYND,
        "https://www.barnombudsmannen.se",
    ),
    od(
        "mfd",
        "Myndigheten för delaktighet",
        "MFD",
        &[],
        MYND,
        "https://www.mfd.se",
    ),
    od(
        "forte",
        "Forskningsrådet för hälsa, arbetsliv och välfärd",
        "Forte",
        &[],
        MYND,
        "https://forte.se",
    ),
    od(
        "statskontoret",
        "Statskontoret",
        "",
        &[],
        MYND,
        "https://www.statskontoret.se",
    ),
    od(
        "tlv",
        "Tandvårds- och läkemedelsförmånsverket",
        "TLV",
        &[],
        MYND,
        "https://www.tlv.se",
    ),
    od(
        "jo",
        "Riksdagens ombudsmän",
        "JO",
        &["Justitieombudsmannen"],
        MYND,
        "https://www.jo.se",
    ),
    od(
        "lst-vg",
        "Länsstyrelsen i Västra Götalands län",
        "Länsstyrelsen VG",
        &["Länsstyrelsen Västra Götaland"],
        MYND,
        "https://www.lansstyrelsen.se",
    ),
    od(
        "lst-ab",
        "Länsstyrelsen i Stockholms län",
        "Länsstyrelsen Stockholm",
        &[],
        MYND,
        "https://www.lansstyrelsen.se",
    ),
    od(
        "lst-m",
        "Länsstyrelsen i Skåne län",
        "Länsstyrelsen Skåne",
        &[],
        MYND,
        "https://www.lansstyrelsen.se",
    ),
    od(
        "fyrbodal",
        "Fyrbodals kommunalförbund",
        "Fyrbodal",
        &["Fyrbodals KF"],
        KF,
        "https://www.fyrbodal.se",
    ),
    od(
        "gr",
        "Göteborgsregionen",
        "GR",
        &["Göteborgsregionens kommunalförbund"],
        KF,
        "https://goteborgsregionen.se",
    ),
    od(
        "sjuharad",
        "Sjuhärads kommunalförbund",
        "Sjuhärad",
        &["Boråsregionen"],
        KF,
        "",
    ),
    od(
        "skaraborg",
        "Skaraborgs kommunalförbund",
        "Skaraborg",
        &["SKF"],
        KF,
        "",
    ),
    od(
        "storsthlm",
        "Storsthlm",
        "",
        &["KSL", "Kommunförbundet Stockholms län"],
        KF,
        "https://www.storsthlm.se",
    ),
    od("kfsk", "Kommunförbundet Skåne", "KFSK", &[], KF, ""),
    od("dalarnas-kf", "Dalarnas kommunförbund", "DKF", &[], KF, ""),
    od("varmlands-kf", "Värmlands kommunalförbund", "", &[], KF, ""),
    od("sydarkivera", "Sydarkivera", "", &[], KF, ""),
    od(
        "vastkom",
        "Västsvenska kommunförbundens samorganisation",
        "Västkom",
        &[],
        KF,
        "",
    ),
    od(
        "kommunal",
        "Svenska Kommunalarbetareförbundet",
        "Kommunal",
        &[],
        FACK,
        "https://www.kommunal.se",
    ),
    od("vision", "Vision", "", &[], FACK, ""),
    od("ssr", "Akademikerförbundet SSR", "SSR", &[], FACK, ""),
    od("vardforbundet", "Vårdförbundet", "", &[], FACK, ""),
    od("famna", "Famna", "", &[], IDEELL, ""),
    od("vardforetagarna", "Vårdföretagarna", "", &[], INTRESSE, ""),
    od(
        "roda-korset",
        "Svenska Röda Korset",
        "Röda Korset",
        &[],
        IDEELL,
        "https://www.rodakorset.se",
    ),
    od(
        "pro",
        "Pensionärernas riksorganisation",
        "PRO",
        &[],
        IDEELL,
        "",
    ),
    od(
        "kommentus",
        "SKL Kommentus",
        "",
        &["Kommentus"],
        INTRESSE,
        "",
    ),
];

const REGIONS: &[OrgDef] = &[
    od(
        "region-stockholm",
        "Region Stockholm",
        "",
        &["SLL", "Stockholms läns landsting"],
        REGION,
        "",
    ),
    od("region-uppsala", "Region Uppsala", "", &[], REGION, ""),
    od(
        "region-sormland",
        "Region Sörmland",
        "",
        &["Landstinget Sörmland"],
        REGION,
        "",
    ),
    od(
        "region-ostergotland",
        "Region Östergötland",
        "",
        &["RÖ"],
        REGION,
        "",
    ),
    od(
        "region-jonkoping",
        "Region Jönköpings län",
        "",
        &["RJL"],
        REGION,
        "",
    ),
    od("region-kronoberg", "Region Kronoberg", "", &[], REGION, ""),
    od("region-kalmar", "Region Kalmar län", "", &[], REGION, ""),
    od("region-gotland", "Region Gotland", "", &[], REGION, ""),
    od("region-blekinge", "Region Blekinge", "", &[], REGION, ""),
    od("region-skane", "Region Skåne", "", &[], REGION, ""),
    od("region-halland", "Region Halland", "", &[], REGION, ""),
    od(
        "vgr",
        "Västra Götalandsregionen",
        "VGR",
        &["Region Västra Götaland"],
        REGION,
        "https://www.vgregion.se",
    ),
    od("region-varmland", "Region Värmland", "", &[], REGION, ""),
    od("region-orebro", "Region Örebro län", "", &[], REGION, ""),
    od(
        "region-vastmanland",
        "Region Västmanland",
        "",
        &[],
        REGION,
        "",
    ),
    od(
        "region-dalarna",
        "Region Dalarna",
        "",
        &["Landstinget Dalarna"],
        REGION,
        "",
    ),
    od("region-gavleborg", "Region Gävleborg", "", &[], REGION, ""),
    od(
        "region-vasternorrland",
        "Region Västernorrland",
        "",
        &[],
        REGION,
        "",
    ),
    od(
        "region-jamtland",
        "Region Jämtland Härjedalen",
        "RJH",
        &[],
        REGION,
        "",
    ),
    od(
        "region-vasterbotten",
        "Region Västerbotten",
        "",
        &[],
        REGION,
        "",
    ),
    od(
        "region-norrbotten",
        "Region Norrbotten",
        "",
        &[],
        REGION,
        "",
    ),
];

/// A group of municipalities. Bodies draw members from one area; `scoped` areas have bodies
/// and so get more people.
struct Area {
    key: &'static str,
    scoped: bool,
    municipalities: &'static [&'static str],
}

const AREAS: &[Area] = &[
    Area {
        key: "fyrbodal",
        scoped: true,
        municipalities: &[
            "Bengtsfors",
            "Dals-Ed",
            "Färgelanda",
            "Lysekil",
            "Mellerud",
            "Munkedal",
            "Orust",
            "Sotenäs",
            "Strömstad",
            "Tanum",
            "Trollhättan",
            "Uddevalla",
            "Vänersborg",
            "Åmål",
        ],
    },
    Area {
        key: "gr",
        scoped: true,
        municipalities: &[
            "Ale",
            "Alingsås",
            "Göteborg",
            "Härryda",
            "Kungsbacka",
            "Kungälv",
            "Lerum",
            "Lilla Edet",
            "Mölndal",
            "Partille",
            "Stenungsund",
            "Tjörn",
            "Öckerö",
        ],
    },
    Area {
        key: "sjuharad",
        scoped: true,
        municipalities: &[
            "Bollebygd",
            "Borås",
            "Herrljunga",
            "Mark",
            "Svenljunga",
            "Tranemo",
            "Ulricehamn",
            "Vårgårda",
        ],
    },
    Area {
        key: "skaraborg",
        scoped: true,
        municipalities: &[
            "Essunga",
            "Falköping",
            "Grästorp",
            "Gullspång",
            "Götene",
            "Hjo",
            "Karlsborg",
            "Lidköping",
            "Mariestad",
            "Skara",
            "Skövde",
            "Tibro",
            "Tidaholm",
            "Töreboda",
            "Vara",
        ],
    },
    Area {
        key: "stockholm",
        scoped: true,
        municipalities: &[
            "Botkyrka",
            "Danderyd",
            "Ekerö",
            "Haninge",
            "Huddinge",
            "Järfälla",
            "Lidingö",
            "Nacka",
            "Norrtälje",
            "Nykvarn",
            "Nynäshamn",
            "Salem",
            "Sigtuna",
            "Sollentuna",
            "Solna",
            "Stockholm",
            "Sundbyberg",
            "Södertälje",
            "Tyresö",
            "Täby",
            "Upplands Väsby",
            "Upplands-Bro",
            "Vallentuna",
            "Vaxholm",
            "Värmdö",
            "Österåker",
        ],
    },
    Area {
        key: "skane",
        scoped: true,
        municipalities: &[
            "Bjuv",
            "Bromölla",
            "Burlöv",
            "Båstad",
            "Eslöv",
            "Helsingborg",
            "Hässleholm",
            "Höganäs",
            "Hörby",
            "Höör",
            "Klippan",
            "Kristianstad",
            "Kävlinge",
            "Landskrona",
            "Lomma",
            "Lund",
            "Malmö",
            "Osby",
            "Perstorp",
            "Simrishamn",
            "Sjöbo",
            "Skurup",
            "Staffanstorp",
            "Svalöv",
            "Svedala",
            "Tomelilla",
            "Trelleborg",
            "Vellinge",
            "Ystad",
            "Åstorp",
            "Ängelholm",
            "Örkelljunga",
            "Östra Göinge",
        ],
    },
    Area {
        key: "halland",
        scoped: true,
        municipalities: &["Falkenberg", "Halmstad", "Hylte", "Laholm", "Varberg"],
    },
    Area {
        key: "dalarna",
        scoped: true,
        municipalities: &[
            "Avesta",
            "Borlänge",
            "Falun",
            "Gagnef",
            "Hedemora",
            "Leksand",
            "Ludvika",
            "Malung-Sälen",
            "Mora",
            "Orsa",
            "Rättvik",
            "Smedjebacken",
            "Säter",
            "Vansbro",
            "Älvdalen",
        ],
    },
    Area {
        key: "varmland",
        scoped: true,
        municipalities: &[
            "Arvika",
            "Eda",
            "Filipstad",
            "Forshaga",
            "Grums",
            "Hagfors",
            "Hammarö",
            "Karlstad",
            "Kil",
            "Kristinehamn",
            "Munkfors",
            "Storfors",
            "Sunne",
            "Säffle",
            "Torsby",
            "Årjäng",
        ],
    },
    Area {
        key: "uppsala",
        scoped: false,
        municipalities: &[
            "Enköping",
            "Heby",
            "Knivsta",
            "Tierp",
            "Uppsala",
            "Älvkarleby",
            "Östhammar",
        ],
    },
    Area {
        key: "sormland",
        scoped: false,
        municipalities: &[
            "Eskilstuna",
            "Flen",
            "Gnesta",
            "Katrineholm",
            "Nyköping",
            "Oxelösund",
            "Strängnäs",
            "Trosa",
            "Vingåker",
        ],
    },
    Area {
        key: "ostergotland",
        scoped: false,
        municipalities: &[
            "Boxholm",
            "Finspång",
            "Kinda",
            "Linköping",
            "Mjölby",
            "Motala",
            "Norrköping",
            "Söderköping",
            "Vadstena",
            "Valdemarsvik",
            "Ydre",
            "Åtvidaberg",
            "Ödeshög",
        ],
    },
    Area {
        key: "jonkoping",
        scoped: false,
        municipalities: &[
            "Aneby",
            "Eksjö",
            "Gislaved",
            "Gnosjö",
            "Habo",
            "Jönköping",
            "Mullsjö",
            "Nässjö",
            "Sävsjö",
            "Tranås",
            "Vaggeryd",
            "Vetlanda",
            "Värnamo",
        ],
    },
    Area {
        key: "kronoberg",
        scoped: false,
        municipalities: &[
            "Alvesta",
            "Lessebo",
            "Ljungby",
            "Markaryd",
            "Tingsryd",
            "Uppvidinge",
            "Växjö",
            "Älmhult",
        ],
    },
    Area {
        key: "kalmar",
        scoped: false,
        municipalities: &[
            "Borgholm",
            "Emmaboda",
            "Hultsfred",
            "Högsby",
            "Kalmar",
            "Mönsterås",
            "Mörbylånga",
            "Nybro",
            "Oskarshamn",
            "Torsås",
            "Vimmerby",
            "Västervik",
        ],
    },
    Area {
        key: "blekinge",
        scoped: false,
        municipalities: &[
            "Karlshamn",
            "Karlskrona",
            "Olofström",
            "Ronneby",
            "Sölvesborg",
        ],
    },
    Area {
        key: "orebro",
        scoped: false,
        municipalities: &[
            "Askersund",
            "Degerfors",
            "Hallsberg",
            "Hällefors",
            "Karlskoga",
            "Kumla",
            "Laxå",
            "Lekeberg",
            "Lindesberg",
            "Ljusnarsberg",
            "Nora",
            "Örebro",
        ],
    },
    Area {
        key: "vastmanland",
        scoped: false,
        municipalities: &[
            "Arboga",
            "Fagersta",
            "Hallstahammar",
            "Kungsör",
            "Köping",
            "Norberg",
            "Sala",
            "Skinnskatteberg",
            "Surahammar",
            "Västerås",
        ],
    },
    Area {
        key: "gavleborg",
        scoped: false,
        municipalities: &[
            "Bollnäs",
            "Gävle",
            "Hofors",
            "Hudiksvall",
            "Ljusdal",
            "Nordanstig",
            "Ockelbo",
            "Ovanåker",
            "Sandviken",
            "Söderhamn",
        ],
    },
    Area {
        key: "vasternorrland",
        scoped: false,
        municipalities: &[
            "Härnösand",
            "Kramfors",
            "Sollefteå",
            "Sundsvall",
            "Timrå",
            "Ånge",
            "Örnsköldsvik",
        ],
    },
];

/// Municipalities whose official name is not "<name>[s] kommun", and common abbreviations.
const MUNICIPALITY_NAMES: &[(&str, &str)] = &[
    ("Falun", "Falu kommun"),
    ("Göteborg", "Göteborgs stad"),
    ("Stockholm", "Stockholms stad"),
    ("Malmö", "Malmö stad"),
    ("Borås", "Borås stad"),
    ("Mölndal", "Mölndals stad"),
    ("Trollhättan", "Trollhättans stad"),
    ("Orust", "Orust kommun"),
];
const MUNICIPALITY_ALIASES: &[(&str, &str)] = &[
    ("Göteborg", "Gbg"),
    ("Stockholm", "Sthlm"),
    ("Upplands Väsby", "Väsby"),
    ("Malung-Sälen", "Malung"),
];

// ------------------------------------------------------------------------------------------
// People
// ------------------------------------------------------------------------------------------

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Lena",
    "Kerstin",
    "Åsa",
    "Ulrika",
    "Helena",
    "Sofia",
    "Lisbeth",
    "Birgitta",
    "Ingela",
    "Johanna",
    "Malin",
    "Annika",
    "Camilla",
    "Therese",
    "Jenny",
    "Linda",
    "Marie",
    "Susanne",
    "Elisabeth",
    "Margareta",
    "Ann-Christin",
    "Britt-Marie",
    "Gunilla",
    "Märta",
    "Sirene",
    "Tanja",
    "Lillemor",
    "Agneta",
    "Monica",
    "Ylva",
    "Ebba",
    "Frida",
    "Sara",
    "Emma",
    "Elin",
    "Hanna",
    "Irene",
    "Michaela",
    "Katarina",
    "Lis",
    "Jane",
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Mikael",
    "Magnus",
    "Peter",
    "Jan",
    "Hans",
    "Stefan",
    "Roger",
    "Robert",
    "Daniel",
    "Fredrik",
    "Joakim",
    "Greger",
    "Ove",
    "Björn",
    "Göran",
    "Mats",
    "Thomas",
    "Henrik",
    "Jonas",
    "Niklas",
    "Patrik",
    "Andreas",
    "Ola",
    "Åke",
    "Örjan",
    "Sören",
    "Pär",
    "Jörgen",
    "Kjell",
    "Bengt",
    "Hasse",
    "Ali",
    "Amir",
    "Leila",
    "Nadia",
];

const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Nordström",
    "Mårtensson",
    "Lundström",
    "Ekelöf",
    "Lilliebjelke",
    "Rydqvist",
    "Wretman",
    "Granat",
    "Prochazka",
    "Nannskog",
    "Brunsten",
    "Klamas",
    "Wassén",
    "Söderlund",
    "Almén",
    "Lundwall",
    "Björklund",
    "Lilja",
    "Hallberg",
    "Eklöf",
    "Gartman",
    "Lundh",
    "Vestin",
    "Spak",
    "Sahlén",
    "Knutsson",
    "Wallinder",
    "Brdarski",
    "Hassan",
    "Yilmaz",
    "Ahmadi",
    "Kovač",
    "Nguyen",
    "Virtanen",
    "Östlund",
    "Åberg",
    "Ågren",
    "Öhman",
];

/// Parts of double-barrelled surnames ("Storm-Ådell"): their owners get initials aliases.
const NAME_PARTS: &[&str] = &[
    "Furén",
    "Thulin",
    "Storm",
    "Ådell",
    "Berg",
    "Lind",
    "Holm",
    "Wik",
    "Ek",
    "Ström",
    "Dahl",
    "Nord",
    "Sjö",
    "Åkerlund",
    "Ekelund",
    "Öberg",
    "Carlsson",
    "Nilsson",
    "Tegnér",
    "Blom",
];

const NOTES_SV: &[&str] = &[
    "förmiddag",
    "eftermiddag",
    "punkt 3–5",
    "via Teams",
    "ersättare",
];

fn roles_for(kind: &str) -> &'static [&'static str] {
    match kind {
        KOMMUN => &[
            "socialchef",
            "förvaltningschef",
            "MAS",
            "MAR",
            "IFO-chef",
            "verksamhetschef",
            "avdelningschef",
            "enhetschef",
            "kvalitetsstrateg",
            "utvecklingsledare",
            "äldreomsorgschef",
        ],
        REGION => &[
            "hälso- och sjukvårdsdirektör",
            "smittskyddsläkare",
            "chefläkare",
            "verksamhetsutvecklare",
            "samordnare",
        ],
        MYND => &[
            "utredare",
            "enhetschef",
            "handläggare",
            "analytiker",
            "avdelningschef",
            "sakkunnig",
        ],
        KF => &[
            "socialstrateg",
            "utvecklingsledare",
            "FoU-ledare",
            "samordnare",
            "förbundsdirektör",
        ],
        FACK => &["ombudsman", "förhandlare", "utredare"],
        _ => &[
            "handläggare",
            "sektionschef",
            "expert",
            "avdelningschef",
            "verksamhetsansvarig",
        ],
    }
}

// ------------------------------------------------------------------------------------------
// Bodies
// ------------------------------------------------------------------------------------------

/// A recurring forum. `area` is an [`Area`] key, or `""` for a national body.
struct BodyDef {
    name: &'static str,
    organiser: &'static str,
    area: &'static str,
    from: u16,
    to: u16,
    venue: &'static str,
    english: bool,
}

const fn bd(
    name: &'static str,
    organiser: &'static str,
    area: &'static str,
    from: u16,
    to: u16,
    venue: &'static str,
) -> BodyDef {
    BodyDef {
        name,
        organiser,
        area,
        from,
        to,
        venue,
        english: false,
    }
}

const BODIES: &[BodyDef] = &[
    bd(
        "Socialchefsnätverket",
        "skr",
        "",
        2005,
        2024,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "MAS-nätverket",
        "skr",
        "",
        2006,
        2024,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "Socialchefsnätverket Fyrbodal",
        "fyrbodal",
        "fyrbodal",
        2008,
        2024,
        "Fyrbodals kommunalförbund, Uddevalla",
    ),
    bd(
        "IFO-chefsnätverket",
        "fyrbodal",
        "fyrbodal",
        2010,
        2024,
        "Fyrbodals kommunalförbund, Uddevalla",
    ),
    bd(
        "FoU-rum vård och omsorg",
        "fyrbodal",
        "fyrbodal",
        2012,
        2024,
        "Innovatum, Trollhättan",
    ),
    bd(
        "Nätverket för funktionshinder och socialpsykiatri",
        "fyrbodal",
        "fyrbodal",
        2009,
        2024,
        "Fyrbodals kommunalförbund, Uddevalla",
    ),
    bd(
        "Styrgruppen för Vårdsamverkan Fyrbodal",
        "fyrbodal",
        "fyrbodal",
        2005,
        2024,
        "NÄL, Trollhättan",
    ),
    bd(
        "Socialchefsnätverket GR",
        "gr",
        "gr",
        2005,
        2024,
        "Göteborgsregionen, Anders Personsgatan 8, Göteborg",
    ),
    bd(
        "MAS- och MAR-nätverket GR",
        "gr",
        "gr",
        2011,
        2024,
        "Göteborgsregionen, Anders Personsgatan 8, Göteborg",
    ),
    bd(
        "Äldreomsorgsnätverket Sjuhärad",
        "sjuharad",
        "sjuharad",
        2007,
        2024,
        "Sjuhärads kommunalförbund, Borås",
    ),
    bd(
        "Socialchefsgruppen Skaraborg",
        "skaraborg",
        "skaraborg",
        2005,
        2024,
        "Skaraborgs kommunalförbund, Skövde",
    ),
    bd(
        "Beredningen för hälsa, vård och omsorg",
        "skaraborg",
        "skaraborg",
        2014,
        2024,
        "Skaraborgs kommunalförbund, Skövde",
    ),
    bd(
        "Storsthlms socialchefsnätverk",
        "storsthlm",
        "stockholm",
        2005,
        2024,
        "Storsthlm, Hantverkargatan 5, Stockholm",
    ),
    bd(
        "Äldreomsorgsnätverket i Stockholms län",
        "storsthlm",
        "stockholm",
        2009,
        2024,
        "Storsthlm, Hantverkargatan 5, Stockholm",
    ),
    bd(
        "Socialchefsforum Skåne",
        "kfsk",
        "skane",
        2005,
        2024,
        "Kommunförbundet Skåne, Lund",
    ),
    bd(
        "Skånes MAS-nätverk",
        "kfsk",
        "skane",
        2010,
        2024,
        "Kommunförbundet Skåne, Lund",
    ),
    bd(
        "Regionala samverkansgruppen Halland",
        "region-halland",
        "halland",
        2013,
        2024,
        "Regionens hus, Halmstad",
    ),
    bd(
        "Länsnätverket för demensfrågor Dalarna",
        "dalarnas-kf",
        "dalarna",
        2006,
        2019,
        "Dalarnas kommunförbund, Falun",
    ),
    bd(
        "Värmlands socialchefsnätverk",
        "region-varmland",
        "varmland",
        2005,
        2024,
        "Regionens hus, Karlstad",
    ),
    bd(
        "SKR:s nätverk för socialchefer i större städer",
        "skr",
        "",
        2005,
        2024,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "Nationella nätverket för äldreomsorgschefer",
        "skr",
        "",
        2012,
        2024,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "Ledningsgruppen för covid-19 i socialtjänsten",
        "skr",
        "",
        2020,
        2023,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "Kommunernas forum för välfärdsteknik",
        "skr",
        "",
        2014,
        2024,
        "SKR, Hornsgatan 20, Stockholm",
    ),
    bd(
        "Socialstyrelsens referensgrupp för äldreomsorg",
        "socialstyrelsen",
        "",
        2008,
        2024,
        "Socialstyrelsen, Rålambsvägen 3, Stockholm",
    ),
    BodyDef {
        name: "Nordic Welfare Network",
        organiser: "skr",
        area: "",
        from: 2010,
        to: 2024,
        venue: "Nordic Welfare Centre, Stockholm",
        english: true,
    },
];

// ------------------------------------------------------------------------------------------
// Topics: what an agenda item is about (tags, headings, noun phrases, per language)
// ------------------------------------------------------------------------------------------

struct Topic {
    /// The first tag is the topic's own; the others are related.
    tags: &'static [&'static str],
    from: u16,
    to: u16,
    headings: &'static [&'static str],
    nouns: &'static [&'static str],
    headings_en: &'static [&'static str],
    nouns_en: &'static [&'static str],
}

const ALWAYS: (u16, u16) = (2005, 2024);

const fn tp(
    tags: &'static [&'static str],
    years: (u16, u16),
    sv: (&'static [&'static str], &'static [&'static str]),
    en: (&'static [&'static str], &'static [&'static str]),
) -> Topic {
    Topic {
        tags,
        from: years.0,
        to: years.1,
        headings: sv.0,
        nouns: sv.1,
        headings_en: en.0,
        nouns_en: en.1,
    }
}

const TOPICS: &[Topic] = &[
    tp(&["covid-19", "smittskydd", "skyddsutrustning"], (2020, 2022),
        (&["Lägesrapport från Socialstyrelsen", "Covid-19 – aktuellt läge i kommunerna", "Smittspridning inom äldreomsorgen", "Testning av personal", "Skyddsutrustning och förbrukningsmaterial", "Hur förbereder sig kommunerna inför en befarad ökad smitta?"],
         &["smittspridningen inom äldreomsorgen", "lägesrapporteringen till Socialstyrelsen", "tillgången till skyddsutrustning", "testningen av personal", "smittspårningen i hemtjänsten", "bristen på nitrilhandskar"]),
        (&["Covid-19 situation report", "Infection control in elderly care"],
         &["the spread of infection in elderly care", "the weekly situation reports", "access to protective equipment"])),
    tp(&["besöksförbud", "covid-19", "särskilt-boende"], (2020, 2021),
        (&["Besöksförbud på särskilda boenden", "Information från IVO om besöksförbudet", "Hävning av besöksförbudet", "Vad IVO ser avseende besöksförbud på äldreboende och LSS-boende"],
         &["besöksförbudet på äldreboenden", "besöksförbudet på LSS-boenden", "de lokala besöksrutinerna", "hävningen av besöksförbudet"]),
        (&["Visiting ban in nursing homes"], &["the visiting ban in nursing homes", "local visiting routines"])),
    tp(&["vaccination", "covid-19", "smittskydd"], (2021, 2023),
        (&["Vaccination mot covid-19", "Vaccination av personal", "Påfyllnadsdos för boende på särskilda boenden"],
         &["vaccinationen av brukare på särskilda boenden", "vaccinationstäckningen bland personalen", "påfyllnadsdosen för de äldsta"]),
        (&["Covid-19 vaccination"], &["vaccination of care home residents", "vaccine uptake among staff"])),
    tp(&["vaccination", "smittskydd"], ALWAYS,
        (&["Influensavaccination inför säsongen", "Vårdhygien och smittskydd"],
         &["influensavaccinationen av personalen", "den basala hygienen", "avtalen om vårdhygienisk service"]),
        (&["Seasonal influenza vaccination"], &["influenza vaccination of staff", "basic hygiene routines"])),
    tp(&["äldreomsorg", "kvalitet", "särskilt-boende"], ALWAYS,
        (&["Äldreomsorgslyftet", "Nationell plan för äldreomsorgen", "Kvalitet i äldreomsorgen", "Den nationella värdegrunden"],
         &["äldreomsorgslyftet", "kvaliteten i äldreomsorgen", "den nationella värdegrunden", "äldres inflytande över insatserna", "bristen på platser i särskilt boende"]),
        (&["Quality in elderly care", "National plan for elderly care"], &["quality in elderly care", "the national plan for elderly care"])),
    tp(&["nattbemanning", "särskilt-boende", "hemtjänst"], ALWAYS,
        (&["Nattbemanning på särskilda boenden", "Bemanning och schemaläggning", "Bemanning under sommarperioden"],
         &["nattbemanningen på särskilda boenden", "bemanningen under sommarperioden", "schemaläggningen i hemtjänsten"]),
        (&["Night staffing in care homes"], &["night staffing in care homes", "summer staffing"])),
    tp(&["kompetensförsörjning", "rekrytering", "heltid"], ALWAYS,
        (&["Enkätförfrågan angående kompetensförsörjning", "Kompetensförsörjning inom vård och omsorg", "Vård- och omsorgscollege", "Heltid som norm"],
         &["kompetensförsörjningen inom vård och omsorg", "rekryteringen av undersköterskor", "introduktionen av nyanställda", "heltidsresan", "kompetensutvecklingen för baspersonal"]),
        (&["Workforce planning", "Recruitment of care staff"], &["workforce planning in social care", "the recruitment of nursing assistants"])),
    tp(&["lss", "funktionshinder"], ALWAYS,
        (&["Aktuellt inom LSS", "LSS-utredningen", "Daglig verksamhet", "Personlig assistans"],
         &["insatserna enligt LSS", "den dagliga verksamheten", "boendestödet för personer med funktionsnedsättning", "den personliga assistansen"]),
        (&["Disability services"], &["support for people with disabilities", "daily activities under LSS"])),
    tp(&["barn-och-unga", "socialtjänst"], ALWAYS,
        (&["Barn och unga i socialtjänsten", "Placeringar av barn och unga", "Återkoppling samverkansavtal angående yrkesresan barn och unga", "Familjehemsrekrytering"],
         &["placeringarna av barn och unga", "familjehemsrekryteringen", "den sociala barn- och ungdomsvården", "yrkesresan barn och unga"]),
        (&["Children and young people"], &["out-of-home care for children", "the recruitment of foster families"])),
    tp(&["våld-i-nära-relationer", "socialtjänst", "samverkan"], ALWAYS,
        (&["Våld i nära relationer", "Information och dialog om förstärkt myndighetssamverkan rörande våld i nära relationer"],
         &["arbetet mot våld i nära relationer", "samverkan med Barnahus", "de skyddade boendena", "myndighetssamverkan kring våldsutsatta"]),
        (&["Domestic violence"], &["work against domestic violence", "sheltered housing"])),
    tp(&["beroendevård", "missbruk", "socialtjänst"], ALWAYS,
        (&["Missbruks- och beroendevården", "Uppföljning av MiniMaria", "Samsjuklighet"],
         &["missbruks- och beroendevården", "mottagningen för unga med missbruksproblem", "samsjukligheten", "avhopparverksamheten"]),
        (&["Substance abuse services"], &["substance abuse treatment", "services for young people with addiction"])),
    tp(&["ekonomiskt-bistånd", "socialtjänst"], ALWAYS,
        (&["Ekonomiskt bistånd", "Försörjningsstöd och arbetsmarknad"],
         &["kostnaderna för ekonomiskt bistånd", "samarbetet med Arbetsförmedlingen", "försörjningsstödet", "jourbeslut om bistånd utanför kontorstid"]),
        (&["Social assistance"], &["the cost of social assistance", "cooperation with the employment service"])),
    tp(&["hemlöshet", "socialtjänst"], ALWAYS,
        (&["Hemlöshetskartläggning", "Bostad först"],
         &["hemlösheten i kommunerna", "arbetet med bostad först", "de sociala kontrakten"]),
        (&["Homelessness"], &["homelessness in the municipalities", "the housing first model"])),
    tp(&["välfärdsteknik", "digitalisering", "trygghetslarm"], (2010, 2024),
        (&["Välfärdsteknik i hemtjänsten", "Digitala trygghetslarm", "Digital tillsyn nattetid", "Information om trygghetslarmen och vad som avhandlades på SKR:s möte"],
         &["införandet av välfärdsteknik", "de digitala trygghetslarmen", "den digitala tillsynen nattetid", "ramavtalet för trygghetslarm"]),
        (&["Welfare technology", "Digital alarms"], &["the roll-out of welfare technology", "digital safety alarms"])),
    tp(&["dokumentation", "informationssäkerhet", "digitalisering"], ALWAYS,
        (&["Social dokumentation", "Informationssäkerhet och dataskydd", "Nationell informationsstruktur"],
         &["den sociala dokumentationen", "informationssäkerheten", "behörighetsstyrningen i verksamhetssystemet", "den nationella informationsstrukturen"]),
        (&["Documentation and data protection"], &["social care documentation", "information security"])),
    tp(&["vårdsamverkan", "hälso-och-sjukvård", "samverkan"], ALWAYS,
        (&["Samverkan med regionen", "Utskrivningsklara patienter", "Hemsjukvård och läkarmedverkan", "Info om rapport om läkarmedverkan"],
         &["samverkan kring utskrivningsklara patienter", "läkarmedverkan i hemsjukvården", "den samordnade vårdplaneringen", "överenskommelsen om hemsjukvård"]),
        (&["Cooperation with the region", "Home health care"], &["discharge planning", "physician support in home health care"])),
    tp(&["läkemedel", "hälso-och-sjukvård"], ALWAYS,
        (&["Läkemedelshantering", "Läkemedelsgenomgångar", "Delegering av hälso- och sjukvårdsuppgifter"],
         &["läkemedelshanteringen i hemtjänsten", "läkemedelsgenomgångarna", "delegeringen av läkemedelsuppgifter"]),
        (&["Medication management"], &["medication management in home care", "medication reviews"])),
    tp(&["krisberedskap", "smittskydd"], ALWAYS,
        (&["Krisberedskap och civilt försvar", "Beredskapsplanering", "Värmebölja", "Utredning om hälso- och sjukvårdens beredskap"],
         &["krisberedskapen i socialtjänsten", "kontinuitetsplaneringen", "beredskapen inför sommarens värmeböljor", "det civila försvaret"]),
        (&["Emergency preparedness"], &["emergency preparedness in social services", "continuity planning"])),
    tp(&["statsbidrag", "budget"], ALWAYS,
        (&["Statsbidrag", "Budget och ekonomi", "Ersättning för merkostnader"],
         &["de riktade statsbidragen", "rekvireringen av statsbidrag", "budgetläget inför nästa år", "ersättningen för merkostnader"]),
        (&["Government grants"], &["targeted government grants", "the budget for next year"])),
    tp(&["lagstiftning", "socialtjänstlag"], ALWAYS,
        (&["Ny socialtjänstlag", "Remissvar", "Lagändringar som träder i kraft"],
         &["förslaget till ny socialtjänstlag", "remissen om en hållbar socialtjänst", "den nya lagstiftningen", "de nya föreskrifterna"]),
        (&["New legislation", "Consultation responses"], &["the proposed Social Services Act", "the consultation response"])),
    tp(&["tillsyn", "kvalitet"], ALWAYS,
        (&["Information från IVO", "Tillsyn och klagomål", "Lex Sarah och lex Maria"],
         &["IVO:s tillsyn", "klagomålshanteringen", "lex Sarah-rapporteringen", "de anmälningar som kommit in"]),
        (&["Supervision and complaints"], &["the inspectorate's supervision", "complaints handling"])),
    tp(&["demens", "äldreomsorg"], ALWAYS,
        (&["Demensvård", "Nationella riktlinjer för vård och omsorg vid demenssjukdom"],
         &["demensvården", "BPSD-registreringen", "stödet till personer med demenssjukdom", "demensteamens arbete"]),
        (&["Dementia care"], &["dementia care", "the national dementia guidelines"])),
    tp(&["anhörigstöd", "äldreomsorg"], ALWAYS,
        (&["Anhörigstöd", "Stöd till anhöriga som vårdar"],
         &["stödet till anhöriga", "anhörigkonsulenternas arbete", "växelvården"]),
        (&["Support for family carers"], &["support for family carers"])),
    tp(&["suicidprevention", "socialpsykiatri"], ALWAYS,
        (&["Suicidprevention", "Psykisk hälsa"],
         &["det suicidpreventiva arbetet", "handlingsplanen för psykisk hälsa"]),
        (&["Suicide prevention"], &["suicide prevention", "the mental health action plan"])),
    tp(&["ensamkommande", "barn-och-unga"], (2014, 2018),
        (&["Ensamkommande barn", "Mottagande av nyanlända"],
         &["mottagandet av ensamkommande barn", "anvisningarna från Migrationsverket", "boendeplatserna för ensamkommande"]),
        (&["Unaccompanied minors"], &["the reception of unaccompanied minors"])),
    tp(&["socialpsykiatri", "funktionshinder"], ALWAYS,
        (&["Socialpsykiatri", "Samordnad individuell plan"],
         &["de samordnade individuella planerna", "boendestödet inom socialpsykiatrin", "sysselsättningen för personer med psykisk funktionsnedsättning"]),
        (&["Community mental health"], &["coordinated individual plans"])),
    tp(&["statistik", "uppföljning", "kvalitet"], ALWAYS,
        (&["Öppna jämförelser", "Brukarundersökning", "Uppföljning av enkät rörande nätverkets arbete"],
         &["resultaten i Öppna jämförelser", "brukarundersökningen", "uppföljningen av verksamheten", "den nationella statistiken"]),
        (&["Statistics and follow-up"], &["the national comparisons", "the user survey"])),
    tp(&["arbetsmiljö", "rekrytering"], ALWAYS,
        (&["Arbetsmiljö och sjukfrånvaro", "Chefers förutsättningar"],
         &["sjukfrånvaron bland medarbetarna", "arbetsmiljön i hemtjänsten", "chefernas förutsättningar"]),
        (&["Working environment"], &["sickness absence among staff", "managers' working conditions"])),
    tp(&["upphandling", "hemtjänst"], ALWAYS,
        (&["Upphandling", "Valfrihetssystem i hemtjänsten"],
         &["upphandlingen av trygghetslarm", "valfrihetssystemet i hemtjänsten", "avtalsuppföljningen"]),
        (&["Procurement"], &["the procurement of alarm services", "contract follow-up"])),
    tp(&["fallprevention", "hemsjukvård", "äldreomsorg"], ALWAYS,
        (&["Fallprevention", "Rehabilitering i hemmet"],
         &["det fallförebyggande arbetet", "rehabiliteringen i hemmet", "vardagsrehabiliteringen"]),
        (&["Fall prevention"], &["fall prevention", "rehabilitation at home"])),
];

// ------------------------------------------------------------------------------------------
// Language banks: sentences and fixed phrases. Placeholders: {N} noun phrase of the item's
// topic, {O} organisation, {P} person, {Q} the item's presenter, {K} municipality, {X} number, {S} small number,
// {Y} decimal, {D} day and month, {A} year, {B} body, {W} week.
// ------------------------------------------------------------------------------------------

struct Bank {
    code: &'static str,
    kind: &'static str,
    and: &'static str,
    months: [&'static str; 12],
    decision_word: &'static str,
    action_word: &'static str,
    sentences: &'static [&'static str],
    decisions: &'static [&'static str],
    list_decision_intros: &'static [&'static str],
    decision_items: &'static [&'static str],
    actions: &'static [&'static str],
    list_intros: &'static [&'static str],
    list_items: &'static [&'static str],
    links: &'static [(&'static str, &'static str)],
    read_more: &'static str,
    opening: (&'static [&'static str], &'static [&'static str]),
    previous: (&'static [&'static str], &'static [&'static str]),
    previous_decision: &'static str,
    other: (&'static [&'static str], &'static [&'static str]),
    next: (&'static [&'static str], &'static [&'static str]),
    code_intro: &'static str,
    attachments: &'static [&'static str],
    online: &'static [&'static str],
    title_forms: &'static [&'static str],
}

const LINKS_COMMON: &[(&str, &str)] = &[
    ("https://www.regeringen.se/", "regeringens webb"),
    (
        "https://www.socialstyrelsen.se/",
        "Socialstyrelsens webbplats",
    ),
    ("https://skr.se/", "SKR:s webbplats"),
    ("https://www.kunskapsguiden.se/", "Kunskapsguiden"),
    (
        "https://www.folkhalsomyndigheten.se/",
        "Folkhälsomyndighetens webbplats",
    ),
    ("https://www.ivo.se/", "IVO:s webbplats"),
];

const SV: Bank = Bank {
    code: "sv",
    kind: "minnesanteckningar",
    and: "och",
    months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    decision_word: "Beslut",
    action_word: "Åtgärd",
    sentences: &[
        "{O} har under våren arbetat med {N}.",
        "Nätverket diskuterar {N} och konstaterar att läget varierar mellan kommunerna.",
        "{X} kommuner har rapporterat in uppgifter om {N}.",
        "Det finns en oro kring {N}, särskilt i de mindre kommunerna.",
        "{P} informerar om {N} och hur arbetet fortskrider.",
        "Enligt {O} behöver {N} följas upp löpande.",
        "Flera kommuner lyfter behovet av en gemensam handlingsplan för {N}.",
        "{K} berättar att man har tagit fram nya rutiner för {N}.",
        "Frågan om {N} kommer att tas upp igen på nästa möte.",
        "Andelen som berörs har ökat med {Y} procent sedan förra mätningen.",
        "Det är viktigt att socialtjänsten och hälso- och sjukvården har en gemensam bild av {N}.",
        "{O} återkommer med ett förslag till hur {N} kan samordnas i länet.",
        "Diskussionen visar att kompetensförsörjningen är en avgörande fråga även här.",
        "Redovisningen ska ske senast den {D}.",
        "Nätverket efterlyser tydligare vägledning från {O} när det gäller {N}.",
        "Det är svårt som det är att lämna uppgifter om detta vecka för vecka.",
        "Kommentarerna visar fortsatt på oro kring {N}.",
        "Se bifogad presentation för vidare information.",
        "{P}, {K}, har precis haft ett dialogmöte med {O} om {N}.",
        "Det kan komma att bli vissa ändringar framöver, men det får vi återkomma till.",
        "Medlen kan rekvireras fram till den {D} {A}.",
        "Syftet är att ge en bred bild av vad som har hänt inom {N} under året.",
        "Det framkommer att kommunerna har rutiner för {N}, men att de ser olika ut lokalt.",
        "Nattbemanningen på särskilda boenden är fortsatt ett utvecklingsområde i flera kommuner.",
        "Beslutet innebär att kommunerna själva ansvarar för {N}.",
        "Regeringen har gett {O} i uppdrag att analysera {N}.",
        "Uppdraget ska slutredovisas den {D} {A}.",
        "Det finns dock ingen garanti för att någon ersättning kommer att utgå.",
        "Enligt den senaste lägesbilden har {X} kommuner rapporterat måttlig påverkan.",
        "Generellt visar inrapporteringen att läget är stabilt, men att skillnaderna är stora.",
        "Vi behöver bli bättre på att dela erfarenheter mellan kommunerna.",
        "{K} och {K} har redan påbörjat ett gemensamt arbete kring {N}.",
        "Arbetet med {N} ska ses som en del av det långsiktiga kvalitetsarbetet.",
        "Det är fortfarande oklart hur {N} ska finansieras efter {A}.",
        "Medarbetarna upplever att arbetsbelastningen har ökat och att tiden för återhämtning är kort.",
        "Frågan bereds vidare i arbetsgruppen innan den kommer tillbaka till nätverket.",
        "Nätverket ser positivt på förslaget men vill se en tydligare tidplan.",
        "Synpunkter på remissen lämnas till {P} senast den {D}.",
        "Det blir lätt svepande, generella svar när enkäterna kommer så tätt.",
        "Kostnaderna beräknas uppgå till cirka {X} 000 kronor per år.",
        "Kommunerna har olika förutsättningar, men behoven är i grunden desamma.",
        "Samtliga närvarande delar bilden av att {N} kräver fortsatt uppmärksamhet.",
        "{O} bedömer att personalbristen påverkar möjligheten att bemanna verksamheterna.",
        "Det är viktigt att försöka värdera i vilka situationer insatserna verkligen behövs.",
        "Oro över tillgången till legitimerad personal finns också med i kommentarerna.",
        "Nätverket instämmer i att vi återgår till gängse ordning för {N}.",
        "Sammantaget finns rutiner på plats, och de revideras löpande.",
        "En uppföljning görs vecka {W} tillsammans med {O}.",
        "{P} påminner om att handlingsplanen ska vara förankrad i varje kommuns ledningsgrupp.",
        "Erfarenheterna från {K} visar att ett tidigt samarbete med regionen underlättar arbetet.",
        "Det handlar dels om inspel till utredningen, dels om vad som krävs för en framtida robusthet.",
        "Målgruppen är fortfarande prioriterad och behoven ökar.",
    ],
    decisions: &[
        "Nätverket noterar informationen.",
        "Informationen noteras.",
        "{B} ställer sig bakom förslaget om {N}.",
        "{O} får i uppdrag att ta fram ett underlag om {N} till nästa möte.",
        "Frågan om {N} bordläggs till nästa möte.",
        "Nätverket avböjer att delta i enkäten om {N}.",
        "{O} meddelar {O} att nätverket har avböjt denna enkät.",
        "Nätverket godkänner handlingsplanen för {N}.",
        "Arbetsgruppen fortsätter sitt arbete och återrapporterar den {D}.",
        "Det finns ett intresse att arbeta vidare med {N}. Frågan tas upp igen efter sommaren.",
        "Nätverket ställer sig bakom att {K} och {K} driver arbetet med {N} vidare.",
        "{B} noterar informationen och tackar {Q} för dragningen.",
    ],
    list_decision_intros: &["Nätverket fattar följande beslut:", "{B} fattar följande beslut:", "Följande beslutas:"],
    decision_items: &[
        "{K} och {K} tar fram ett gemensamt förslag om {N}.",
        "Kostnaden fördelas solidariskt mellan kommunerna utifrån invånarantal.",
        "Kommunalförbundet anställer via tjänsteköp {S} personer.",
        "Arbetet med {N} följs upp i december.",
        "{O} bjuds in till nästa möte.",
        "En arbetsgrupp med representanter från {S} kommuner tillsätts.",
        "Nätverket ställer sig bakom handlingsplanen.",
        "Uppdraget redovisas senast den {D} {A}.",
        "Restiden fördelas solidariskt mellan alla kommuner.",
    ],
    actions: &[
        "{P} ska sammanställa kontaktuppgifter för kommunerna och skicka ut dem till nätverket.",
        "{P} ska bjuda in {O} till nästa möte.",
        "{P} ska återkomma med ett förslag om {N}.",
        "{P} ska kontakta {O} angående {N}.",
        "{P} ska skicka ut presentationen tillsammans med anteckningarna.",
        "{P} ska ta fram en tidplan för {N} till den {D}.",
    ],
    list_intros: &["Följande punkter lyftes i diskussionen:", "Under mötet framkom bland annat:", "Kommunerna lyfter särskilt:"],
    list_items: &[
        "Behov av gemensamma rutiner för {N}.",
        "Oro för {N} inför sommaren.",
        "Svårigheter att rekrytera sjuksköterskor och undersköterskor.",
        "Brist på platser i särskilt boende.",
        "{K} har goda erfarenheter av {N}.",
        "Önskemål om utbildning för nya chefer.",
        "Tydligare ansvarsfördelning mellan kommun och region.",
        "Uppföljning av {N} vecka {W}.",
    ],
    links: LINKS_COMMON,
    read_more: "Läs mer på",
    opening: (
        &["Inledning", "Välkomna och presentationsrunda", "Mötets öppnande"],
        &["Ordföranden hälsar alla välkomna och en kort presentationsrunda genomförs.", "Dagordningen gås igenom och godkänns.", "{P} hälsar välkommen och går igenom dagordningen."],
    ),
    previous: (
        &["Föregående anteckningar", "Föregående mötes minnesanteckningar"],
        &["Anteckningarna från mötet den {D} gås igenom.", "Anteckningarna har skickats ut i förväg."],
    ),
    previous_decision: "Inga synpunkter, anteckningarna läggs till handlingarna.",
    other: (
        &["Övriga frågor", "Nätverkets övriga frågeställningar"],
        &["Inga inkomna frågor.", "{K} lyfter frågan om {N}. Frågan tas upp på nästa möte.", "Inga övriga frågor."],
    ),
    next: (
        &["Nästa möte", "Kommande möten"],
        &["Nästa möte hålls den {D} {A}.", "Nästa möte hålls digitalt den {D}. Kallelse skickas ut av {P}."],
    ),
    code_intro: "Exempel på hur inrapporteringen ska struktureras:",
    attachments: &["Lägesrapport vecka {W}", "Presentation från {O}", "{O} – presentation", "Handlingsplan {A}", "Anteckningar från föregående möte", "Enkätsvar {A}", "Bilder: uppföljning av {N}"],
    online: &["Digitalt via Teams", "Digitalt möte via Teams", "Digitalt via Zoom"],
    title_forms: &["Minnesanteckningar {B} {F}", "{B} {F}", "{B} – {I}", "Möte i {B} {F}"],
};

const EN: Bank = Bank {
    code: "en",
    kind: "minutes",
    and: "and",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    decision_word: "Decision",
    action_word: "Action",
    sentences: &[
        "{O} presented an update on {N}.",
        "The network discussed {N} and noted that the situation differs between municipalities.",
        "{X} municipalities have reported data on {N} so far.",
        "There is concern about {N}, especially in the smaller municipalities.",
        "{P} described how {K} has organised {N}.",
        "According to {O}, {N} needs to be followed up continuously.",
        "Several members asked for a joint action plan on {N}.",
        "The question of {N} will be raised again at the next meeting.",
        "The share of staff affected has increased by {Y} per cent since the last survey.",
        "{O} will come back with a proposal on how {N} can be coordinated.",
        "The report is due on {D} {A}.",
        "Members called for clearer guidance from {O} on {N}.",
        "The slides are attached to these minutes.",
        "Costs are estimated at around {X} 000 kronor per year.",
        "Experiences from {K} and {K} were shared.",
        "It remains unclear how {N} will be funded after {A}.",
        "The working group will prepare the issue before it returns to the network.",
        "All members agreed that {N} requires continued attention.",
        "The government has asked {O} to analyse {N}.",
        "Staff report that the workload has increased.",
        "A follow-up meeting is scheduled for {D}.",
        "Comparisons with Norway, Denmark and Finland show similar trends.",
        "Members shared examples of good practice.",
        "The network welcomed the initiative but asked for a clearer timetable.",
    ],
    decisions: &[
        "The network takes note of the information.",
        "The network endorses the proposal on {N}.",
        "{O} is asked to prepare a background paper on {N} for the next meeting.",
        "The item is postponed to the next meeting.",
        "The network approves the action plan for {N}.",
    ],
    list_decision_intros: &[
        "The network decided the following:",
        "{B} decided the following:",
    ],
    decision_items: &[
        "{K} and {K} will draft a joint proposal on {N}.",
        "Costs are shared between the members in proportion to population.",
        "The work on {N} is followed up in December.",
        "{O} is invited to the next meeting.",
        "A working group with members from {S} municipalities is set up.",
    ],
    actions: &[
        "{P} will circulate the slides with the minutes.",
        "{P} will invite {O} to the next meeting.",
        "{P} will come back with a proposal on {N}.",
        "{P} will contact {O} regarding {N}.",
    ],
    list_intros: &[
        "The discussion raised the following points:",
        "Members highlighted:",
    ],
    list_items: &[
        "A need for common routines for {N}.",
        "Concern about {N} ahead of the summer.",
        "Difficulties recruiting nurses.",
        "{K} has good experience of {N}.",
    ],
    links: LINKS_COMMON,
    read_more: "Read more on",
    opening: (
        &["Welcome and introductions", "Opening of the meeting"],
        &[
            "The chair welcomed everyone and a short round of introductions followed.",
            "The agenda was approved.",
        ],
    ),
    previous: (
        &["Minutes of the previous meeting"],
        &["The minutes of the meeting on {D} were reviewed."],
    ),
    previous_decision: "The minutes were approved and placed on file.",
    other: (
        &["Any other business"],
        &["No other business.", "{K} raised the question of {N}."],
    ),
    next: (
        &["Next meeting"],
        &["The next meeting will be held on {D} {A}."],
    ),
    code_intro: "Example of the reporting format:",
    attachments: &[
        "Situation report week {W}",
        "Presentation by {O}",
        "Action plan {A}",
    ],
    online: &["Online (Teams)", "Online (Zoom)"],
    title_forms: &["{B} – minutes {F}", "Minutes: {B}, {F}", "{B} {I}"],
};

const TIMES: &[&str] = &[
    "09:00-12:00",
    "09:00-12:00",
    "09:00-15:00",
    "13:00-16:00",
    "09:30-11:30",
    "10:00-12:00",
    "08:30-10:00",
];

const CODE_BLOCKS: &[&str] = &[
    "```yaml\nlagesrapport:\n  kommun: {K}\n  vecka: {W}\n  smittade_brukare: {S}\n  paverkan: måttlig\n```\n",
    "```yaml\nrapportering:\n  ansvarig: {P}\n  frekvens: varje vecka\n  mottagare: [socialchef, MAS]\n```\n",
    "```sql\nSELECT kommun, vecka, SUM(antal) AS antal\nFROM lagesrapport\nWHERE ar = {A} AND vecka <= {W}\nGROUP BY kommun, vecka\nORDER BY kommun;\n```\n",
    "```sql\nSELECT enhet, COUNT(*) AS avvikelser\nFROM avvikelse\nWHERE kategori = 'läkemedel'\nGROUP BY enhet;\n```\n",
];

// ------------------------------------------------------------------------------------------
// The world: organisations, people and bodies, built once from WORLD_SEED
// ------------------------------------------------------------------------------------------

struct Org {
    key: String,
    name: String,
    short: Option<String>,
    aliases: Vec<String>,
    kind: &'static str,
    url: &'static str,
    /// Index into [`AREAS`] for municipalities.
    area: Option<usize>,
}

impl Org {
    fn from_def(d: &OrgDef) -> Self {
        Org {
            key: d.key.to_string(),
            name: d.name.to_string(),
            short: (!d.short.is_empty()).then(|| d.short.to_string()),
            aliases: d.aliases.iter().map(|a| a.to_string()).collect(),
            kind: d.kind,
            url: d.url,
            area: None,
        }
    }

    fn municipality(short: &str, area: usize) -> Self {
        let name = MUNICIPALITY_NAMES
            .iter()
            .find(|(s, _)| *s == short)
            .map_or_else(|| municipality_name(short), |(_, n)| n.to_string());
        Org {
            key: slug(short),
            name,
            short: Some(short.to_string()),
            aliases: MUNICIPALITY_ALIASES
                .iter()
                .filter(|(s, _)| *s == short)
                .map(|(_, a)| a.to_string())
                .collect(),
            kind: KOMMUN,
            url: "",
            area: Some(area),
        }
    }

    /// How minutes usually name it: the short name, else the full name.
    fn display(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// "Tanum" → "Tanums kommun", "Sotenäs" → "Sotenäs kommun".
fn municipality_name(short: &str) -> String {
    let genitive = short.ends_with(|c: char| "aeiouyåäösxz".contains(c));
    format!("{short}{} kommun", if genitive { "" } else { "s" })
}

struct Person {
    key: String,
    name: String,
    alias: Option<String>,
    org: usize,
    role: &'static str,
}

struct Body {
    def: &'static BodyDef,
    organiser: usize,
    /// People who attend its meetings.
    members: Vec<usize>,
    /// Municipalities mentioned in its minutes.
    places: Vec<usize>,
}

struct World {
    orgs: Vec<Org>,
    people: Vec<Person>,
    org_people: Vec<Vec<usize>>,
    /// Agencies, SKR, kommunalförbund and so on: who {O} names.
    central: Vec<usize>,
    /// People of those organisations: guest presenters.
    central_people: Vec<usize>,
    bodies: Vec<Body>,
    profile: Profile,
}

impl World {
    fn build(profile: Profile) -> Self {
        let mut rng = Rng::new(WORLD_SEED);
        let orgs = build_orgs();
        let people = match profile {
            Profile::Bench => build_people(&orgs, &mut rng),
            Profile::Heavy => build_people_heavy(&orgs),
        };
        let mut org_people = vec![Vec::new(); orgs.len()];
        for (i, p) in people.iter().enumerate() {
            org_people[p.org].push(i);
        }
        let is_central = |o: &Org| matches!(o.kind, MYND | KF | INTRESSE | FACK | IDEELL);
        let central: Vec<usize> = (0..orgs.len()).filter(|&i| is_central(&orgs[i])).collect();
        let central_people = (0..people.len())
            .filter(|&i| is_central(&orgs[people[i].org]))
            .collect();
        let mut bodies: Vec<Body> = BODIES
            .iter()
            .map(|def| build_body(def, &orgs, &people, &mut rng))
            .collect();
        if profile == Profile::Heavy {
            for body in &mut bodies {
                body.members = (0..people.len()).collect();
            }
        }
        let world = World {
            orgs,
            people,
            org_people,
            central,
            central_people,
            bodies,
            profile,
        };
        world.check_unambiguous();
        world
    }

    fn org_index(orgs: &[Org], key: &str) -> usize {
        orgs.iter()
            .position(|o| o.key == key)
            .unwrap_or_else(|| panic!("unknown organisation key {key}"))
    }

    /// Registry names are matched ignoring case and diacritics: no two organisations may
    /// share a folded key, name or alias, and no two people a folded name or alias.
    fn check_unambiguous(&self) {
        let mut seen = BTreeSet::new();
        for o in &self.orgs {
            let keys = o.short.iter().chain(&o.aliases).chain([&o.name, &o.key]);
            for name in keys.map(|n| fold(n)).collect::<BTreeSet<_>>() {
                assert!(
                    seen.insert(name.clone()),
                    "ambiguous organisation name {name}"
                );
            }
        }
        let mut seen = BTreeSet::new();
        for p in &self.people {
            for name in [Some(&p.name), p.alias.as_ref()].into_iter().flatten() {
                assert!(seen.insert(fold(name)), "ambiguous person name {name}");
            }
        }
    }
}

fn build_orgs() -> Vec<Org> {
    let mut orgs: Vec<Org> = CENTRAL_ORGS
        .iter()
        .chain(REGIONS)
        .map(Org::from_def)
        .collect();
    for (ai, area) in AREAS.iter().enumerate() {
        orgs.extend(area.municipalities.iter().map(|m| Org::municipality(m, ai)));
    }
    let mut keys = BTreeSet::new();
    for o in &orgs {
        assert!(
            keys.insert(o.key.as_str()),
            "duplicate organisation key {}",
            o.key
        );
    }
    orgs
}

/// How many people an organisation gets: more where bodies meet and where presenters work.
fn people_count(org: &Org, rng: &mut Rng) -> usize {
    match org.kind {
        KOMMUN => match org.area.map(|a| &AREAS[a]) {
            Some(a) if a.scoped && a.municipalities.len() > 20 => rng.range(1, 2),
            Some(a) if a.scoped => rng.range(1, 3),
            _ => usize::from(rng.percent(30)),
        },
        REGION | MYND => rng.range(1, 2),
        KF => rng.range(2, 4),
        _ if org.key == "skr" => 8,
        _ => rng.range(0, 1),
    }
}

fn build_people(orgs: &[Org], rng: &mut Rng) -> Vec<Person> {
    let mut taken = BTreeSet::new();
    let mut people = Vec::new();
    for (oi, org) in orgs.iter().enumerate() {
        for _ in 0..people_count(org, rng) {
            people.push(new_person(oi, org, rng, &mut taken));
        }
    }
    people
}

/// The heavy profile's ~600 people: one or two in every organisation, eight at SKR, from
/// a seed of their own (so that the bench profile's world is untouched).
fn build_people_heavy(orgs: &[Org]) -> Vec<Person> {
    let mut rng = Rng::new(HEAVY_PEOPLE_SEED);
    let mut taken = BTreeSet::new();
    let mut people = Vec::new();
    for (oi, org) in orgs.iter().enumerate() {
        let count = if org.key == "skr" {
            8
        } else {
            1 + usize::from(rng.percent(88))
        };
        for _ in 0..count {
            people.push(new_person(oi, org, &mut rng, &mut taken));
        }
    }
    people
}

/// A person with a name nobody else has (folded), and perhaps an alias.
fn new_person(org_index: usize, org: &Org, rng: &mut Rng, taken: &mut BTreeSet<String>) -> Person {
    loop {
        let first = rng.pick(FIRST_NAMES);
        let double = rng.percent(7);
        let last = if double {
            let a = rng.pick(NAME_PARTS);
            let b = rng.pick(NAME_PARTS);
            if a == b {
                continue;
            }
            format!("{a}-{b}")
        } else {
            rng.pick(LAST_NAMES).to_string()
        };
        let name = format!("{first} {last}");
        let alias = if double {
            let initials: Vec<String> = last
                .split('-')
                .filter_map(|p| p.chars().next())
                .map(String::from)
                .collect();
            Some(format!("{first} {}", initials.join("-")))
        } else if rng.percent(8) {
            last.chars().next().map(|c| format!("{first} {c}."))
        } else {
            None
        };
        if taken.contains(&fold(&name)) || alias.as_ref().is_some_and(|a| taken.contains(&fold(a)))
        {
            continue;
        }
        taken.insert(fold(&name));
        if let Some(a) = &alias {
            taken.insert(fold(a));
        }
        return Person {
            key: slug(&name),
            name,
            alias,
            org: org_index,
            role: rng.pick(roles_for(org.kind)),
        };
    }
}

fn build_body(def: &'static BodyDef, orgs: &[Org], people: &[Person], rng: &mut Rng) -> Body {
    let organiser = World::org_index(orgs, def.organiser);
    let area = AREAS.iter().position(|a| a.key == def.area);
    let places: Vec<usize> = (0..orgs.len())
        .filter(|&i| orgs[i].kind == KOMMUN && (area.is_none() || orgs[i].area == area))
        .collect();
    let members = (0..people.len())
        .filter(|&i| {
            let p = &people[i];
            let o = &orgs[p.org];
            p.org == organiser
                || match area {
                    Some(_) => o.area == area,
                    // National bodies: a fixed quarter of all municipal and regional people.
                    None => matches!(o.kind, KOMMUN | REGION) && rng.percent(25),
                }
        })
        .collect();
    Body {
        def,
        organiser,
        members,
        places,
    }
}

// ------------------------------------------------------------------------------------------
// Text helpers
// ------------------------------------------------------------------------------------------

/// Lower-case ASCII slug: å/ä → a, ö → o, other letters folded, the rest becomes '-'.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Lower case without the diacritics that occur in the tables above.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            'č' => 'c',
            c => c,
        })
        .collect()
}

/// Whether `s` can be written as a plain YAML scalar (conservatively: no ':' or '#' at all,
/// no leading indicator or digit, no YAML 1.1 booleans; in flow context no ",[]{}").
fn yaml_plain_ok(s: &str, flow: bool) -> bool {
    const RESERVED: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || "-?:,[]{}#&*!|>'\"%@`+. ".contains(first) || s.ends_with(' ') {
        return false;
    }
    if s.contains([':', '#']) || (flow && s.contains([',', '[', ']', '{', '}'])) {
        return false;
    }
    !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
}

/// A double-quoted string; the escapes are the same in YAML and TOML.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_yaml(out: &mut String, s: &str, flow: bool) {
    if yaml_plain_ok(s, flow) {
        out.push_str(s);
    } else {
        push_quoted(out, s);
    }
}

/// `[a, b, c]` in YAML flow style.
fn push_yaml_list(out: &mut String, items: &[&str]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_yaml(out, s, true);
    }
    out.push(']');
}

/// `["a", "b"]` in TOML.
fn push_toml_list(out: &mut String, items: &[&str]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_quoted(out, s);
    }
    out.push(']');
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

// ------------------------------------------------------------------------------------------
// Dates
// ------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn long(self, bank: &Bank) -> String {
        format!(
            "{} {} {}",
            self.day,
            bank.months[usize::from(self.month) - 1],
            self.year
        )
    }
}

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 0 = Sunday … 6 = Saturday (Sakamoto).
fn weekday(d: Date) -> u8 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = u32::from(d.year) - u32::from(d.month < 3);
    ((y + y / 4 - y / 100 + y / 400 + T[usize::from(d.month) - 1] + u32::from(d.day)) % 7) as u8
}

/// A working day in the years `from..=to`, never in July or over Christmas.
fn random_date(rng: &mut Rng, from: u16, to: u16) -> Date {
    let year = from + rng.below(usize::from(to - from) + 1) as u16;
    let month = rng.pick(&[1u8, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    // No meetings in the Christmas and New Year weeks.
    let first = if month == 1 { 8 } else { 1 };
    let last = if month == 12 {
        20
    } else {
        days_in_month(year, month)
    };
    let mut d = Date {
        year,
        month,
        day: rng.range(usize::from(first), usize::from(last)) as u8,
    };
    // Saturday and Sunday move back to Friday, or forward to Monday near `first`.
    let (back, forward) = match weekday(d) {
        6 => (1, 2),
        0 => (2, 1),
        _ => (0, 0),
    };
    d.day = if d.day >= first + back {
        d.day - back
    } else {
        d.day + forward
    };
    d
}

// ------------------------------------------------------------------------------------------
// One meeting
// ------------------------------------------------------------------------------------------

/// How agenda headings are numbered in one meeting.
#[derive(Clone, Copy)]
enum Numbering {
    None,
    Paren,
    Dot,
    Section,
}

/// What an agenda item is.
#[derive(Clone, Copy)]
enum ItemKind {
    Opening,
    Previous,
    Topic(&'static Topic),
    Other,
    Next,
}

struct Meeting {
    slug: String,
    year: u16,
    front: String,
    hugo_front: String,
    body: String,
}

/// The state of one meeting being written.
struct Gen<'w> {
    w: &'w World,
    rng: Rng,
    bank: &'static Bank,
    body: &'w Body,
    date: Date,
    /// Everyone who may be named in the text: attendees, scribes, presenters.
    people: Vec<usize>,
    /// Noun phrases of the current item's topic.
    nouns: &'static [&'static str],
    /// The municipality {K} named last, so that "Tanum och Tanum" is rare.
    last_place: usize,
    /// Sentences not yet used in the current item.
    deck: Vec<usize>,
    /// The current item's first presenter, for {Q}.
    lead: Option<usize>,
    /// The title in the front matter, if any.
    title: Option<String>,
    /// Organisations for the Hugo taxonomy: organiser, then presenters' organisations.
    orgs: Vec<usize>,
}

fn generate_meeting(w: &World, index: u64) -> Meeting {
    let mut rng = Rng::new(MEETING_SEED.wrapping_add(index.wrapping_mul(MEETING_STRIDE)));
    let body = &w.bodies[rng.below(w.bodies.len())];
    let bank = if body.def.english || rng.percent(1) {
        &EN
    } else {
        &SV
    };
    let date = random_date(&mut rng, body.def.from, body.def.to);
    let mut g = Gen {
        w,
        rng,
        bank,
        body,
        date,
        people: Vec::new(),
        nouns: TOPICS[0].nouns,
        last_place: usize::MAX,
        deck: Vec::new(),
        lead: None,
        title: None,
        orgs: vec![body.organiser],
    };
    g.write(index)
}

impl<'w> Gen<'w> {
    fn write(&mut self, index: u64) -> Meeting {
        let slug = format!(
            "{}-{}-{}",
            self.date.iso(),
            slug(self.body.def.name),
            index + 1
        );
        let topics = self.main_topics();
        let tags = self.tags(&topics);
        let target = self.target_size();
        let front = self.front_matter(&tags);
        let body = self.markdown(&topics, target.saturating_sub(front.len()));
        let hugo_front = self.hugo_front_matter(&tags);
        Meeting {
            slug,
            year: self.date.year,
            front,
            hugo_front,
            body,
        }
    }

    /// Bench: 2–20 KB in all, skewed towards the small end (mean about 8 KB). Heavy:
    /// 15–23 KB (mean about 19 KB).
    fn target_size(&mut self) -> usize {
        match self.w.profile {
            Profile::Bench => {
                let u = self.rng.below(1000);
                2300 + 16_000 * u * u / 1_000_000
            }
            Profile::Heavy => 15_000 + self.rng.below(8001),
        }
    }

    fn available_topics(&self) -> Vec<&'static Topic> {
        let y = self.date.year;
        TOPICS.iter().filter(|t| t.from <= y && y <= t.to).collect()
    }

    /// One to three topics the meeting is mostly about; in 2020–2021 usually covid.
    fn main_topics(&mut self) -> Vec<&'static Topic> {
        let available = self.available_topics();
        let mut chosen: Vec<&'static Topic> = Vec::new();
        let covid: Vec<&'static Topic> = available
            .iter()
            .copied()
            .filter(|t| t.tags.contains(&"covid-19"))
            .collect();
        if (2020..=2021).contains(&self.date.year) && self.rng.percent(60) {
            chosen.push(self.rng.pick(&covid));
        }
        let n = self.rng.range(1, 3);
        while chosen.len() < n {
            let t = self.rng.pick(&available);
            if !chosen.iter().any(|c| std::ptr::eq(*c, t)) {
                chosen.push(t);
            }
        }
        chosen
    }

    /// 1–4 tags: each main topic's own tag, sometimes a related one.
    fn tags(&mut self, topics: &[&'static Topic]) -> Vec<&'static str> {
        let mut tags: Vec<&'static str> = Vec::new();
        for t in topics {
            let mut add = |tag| {
                if !tags.contains(&tag) && tags.len() < 4 {
                    tags.push(tag);
                }
            };
            add(t.tags[0]);
            if self.rng.percent(40) {
                add(self.rng.pick(&t.tags[1..]));
            }
        }
        tags
    }

    // --- front matter ----------------------------------------------------------------

    fn title(&mut self) -> String {
        let form = self.rng.pick(self.bank.title_forms);
        form.replace("{B}", self.body.def.name)
            .replace("{F}", &self.date.long(self.bank))
            .replace("{I}", &self.date.iso())
    }

    /// Online from 2020 on, hybrid from 2021, Skype or phone in the 2010s, else in person.
    fn location(&mut self) -> String {
        let y = self.date.year;
        let sv = self.bank.code == "sv";
        let r = self.rng.below(100);
        if y >= 2020 && r < 55 {
            self.rng.pick(self.bank.online).to_string()
        } else if sv && y >= 2021 && r < 65 {
            format!("Hybridmöte: {} och Teams", self.body.def.venue)
        } else if sv && (2012..2020).contains(&y) && r < 12 {
            if r < 8 { "Skypemöte" } else { "Telefonmöte" }.to_string()
        } else if sv && self.rng.percent(33) {
            let building = if self.rng.percent(50) {
                "Kommunhuset"
            } else {
                "Stadshuset"
            };
            let place = self.place();
            format!("{building} i {}", self.w.orgs[place].display())
        } else {
            self.body.def.venue.to_string()
        }
    }

    fn front_matter(&mut self, tags: &[&str]) -> String {
        let mut fm = String::with_capacity(2048);
        fm.push_str("---\n");
        if self.rng.percent(97) {
            let title = self.title();
            yaml_field(&mut fm, "title", &title);
            self.title = Some(title);
        }
        yaml_field(&mut fm, "body", self.body.def.name);
        let organiser = self.organiser_mention();
        yaml_field(&mut fm, "organiser", &organiser);
        fm.push_str("date: ");
        fm.push_str(&self.date.iso());
        fm.push('\n');
        fm.push_str("time: ");
        push_quoted(&mut fm, self.rng.pick(TIMES));
        fm.push('\n');
        let location = self.location();
        yaml_field(&mut fm, "location", &location);
        yaml_field(&mut fm, "kind", self.bank.kind);
        yaml_field(&mut fm, "language", self.bank.code);
        self.participants(&mut fm);
        fm.push_str("tags: ");
        push_yaml_list(&mut fm, tags);
        fm.push('\n');
        self.attachments(&mut fm);
        fm.push_str("---\n\n");
        fm
    }

    /// chair, scribes and attendees (5–25, the chair first).
    fn participants(&mut self, fm: &mut String) {
        let count = self.rng.range(5, 25);
        let attendees = self.rng.sample(&self.body.members, count);
        let chair = attendees[0];
        let staff: Vec<usize> = self.w.org_people[self.body.organiser]
            .iter()
            .copied()
            .filter(|&p| p != chair)
            .collect();
        let n_scribes = if self.rng.percent(80) { 1 } else { 2 };
        let mut scribes = self.rng.sample(&staff, n_scribes);
        if scribes.is_empty() {
            scribes.push(attendees[attendees.len() - 1]);
        }
        let line = format!(
            "{}, {}",
            self.w.people[chair].name,
            self.w.orgs[self.w.people[chair].org].display()
        );
        yaml_field(fm, "chair", &line);
        fm.push_str("scribes:\n");
        for &s in &scribes {
            self.participant_line(fm, s);
        }
        fm.push_str("attendees:\n");
        for &a in &attendees {
            if self.rng.percent(30) {
                self.participant_map(fm, a);
            } else {
                self.participant_line(fm, a);
            }
        }
        self.people.extend(attendees);
        self.people.extend(scribes);
    }

    fn participant_line(&mut self, fm: &mut String, p: usize) {
        let org = self.org_mention(self.w.people[p].org);
        let line = format!("{}, {org}", self.w.people[p].name);
        fm.push_str("  - ");
        push_yaml(fm, &line, false);
        fm.push('\n');
    }

    fn participant_map(&mut self, fm: &mut String, p: usize) {
        let person = &self.w.people[p];
        let org = self.org_mention(person.org);
        fm.push_str("  - { name: ");
        push_yaml(fm, &person.name, true);
        fm.push_str(", organisation: ");
        push_yaml(fm, org, true);
        fm.push_str(", role: ");
        push_yaml(fm, person.role, true);
        if self.rng.percent(8) {
            fm.push_str(", note: ");
            push_yaml(fm, self.rng.pick(NOTES_SV), true);
        }
        fm.push_str(" }\n");
    }

    /// 0–3 attachments: a title, sometimes a link; never a `file:`.
    fn attachments(&mut self, fm: &mut String) {
        let n = match self.rng.below(10) {
            0..=3 => 0,
            4..=6 => 1,
            7 | 8 => 2,
            _ => 3,
        };
        if n == 0 {
            return;
        }
        fm.push_str("attachments:\n");
        for _ in 0..n {
            self.nouns = TOPICS[self.rng.below(TOPICS.len())].nouns;
            let mut title = String::new();
            let template = self.rng.pick(self.bank.attachments);
            self.fill(&mut title, template);
            fm.push_str("  - { title: ");
            push_yaml(fm, &title, true);
            if self.rng.percent(40) {
                let (url, _) = self.rng.pick(self.bank.links);
                fm.push_str(", url: ");
                push_quoted(fm, &format!("{url}dokument/{}.pdf", slug(&title)));
            }
            fm.push_str(" }\n");
        }
    }

    fn hugo_front_matter(&self, tags: &[&str]) -> String {
        let mut fm = String::with_capacity(512);
        // quorum's default title when the front matter has none: "<body> <date>".
        let title = self
            .title
            .clone()
            .unwrap_or_else(|| format!("{} {}", self.body.def.name, self.date.iso()));
        fm.push_str("+++\ntitle = ");
        push_quoted(&mut fm, &title);
        fm.push_str("\ndate = ");
        fm.push_str(&self.date.iso());
        fm.push_str("\ntags = ");
        push_toml_list(&mut fm, tags);
        let orgs: Vec<&str> = self
            .orgs
            .iter()
            .map(|&o| self.w.orgs[o].display())
            .collect();
        fm.push_str("\norganisations = ");
        push_toml_list(&mut fm, &orgs);
        // Top-level custom keys land in .Params in every Hugo version.
        fm.push_str("\nbody = ");
        push_quoted(&mut fm, self.body.def.name);
        fm.push_str("\n+++\n\n");
        fm
    }

    // --- mentions and placeholders ---------------------------------------------------

    /// The organiser as the front matter names it: key, short name, full name or alias.
    fn organiser_mention(&mut self) -> String {
        let o = &self.w.orgs[self.body.organiser];
        match self.rng.below(100) {
            0..=24 => o.key.clone(),
            25..=59 => o.display().to_string(),
            60..=84 => o.name.clone(),
            _ => o
                .aliases
                .first()
                .map_or_else(|| o.display().to_string(), Clone::clone),
        }
    }

    /// How the minutes name an organisation: mostly its short name, sometimes in full or by
    /// an alias.
    fn org_mention(&mut self, org: usize) -> &'w str {
        let w = self.w;
        let o = &w.orgs[org];
        match self.rng.below(100) {
            0..=11 if !o.aliases.is_empty() => o.aliases[self.rng.below(o.aliases.len())].as_str(),
            // A comma in the name would make "Name, Organisation" ambiguous.
            12..=31 if !o.name.contains(',') => &o.name,
            _ => o.display(),
        }
    }

    fn person_mention(&mut self, p: usize) -> &'w str {
        let w = self.w;
        let person = &w.people[p];
        match &person.alias {
            Some(a) if self.rng.percent(15) => a,
            _ => &person.name,
        }
    }

    /// A municipality from the body's area, not the same as the previous one.
    fn place(&mut self) -> usize {
        let mut p = self.rng.pick(&self.body.places);
        if p == self.last_place {
            p = self.rng.pick(&self.body.places);
        }
        self.last_place = p;
        p
    }

    fn central_org(&mut self) -> usize {
        if self.rng.percent(25) {
            self.body.organiser
        } else {
            self.rng.pick(&self.w.central)
        }
    }

    /// Appends `template` with its placeholders filled in.
    fn fill(&mut self, out: &mut String, template: &str) {
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find('}').expect("unclosed placeholder");
            self.placeholder(out, &rest[start + 1..end]);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
    }

    fn placeholder(&mut self, out: &mut String, key: &str) {
        match key {
            "N" => out.push_str(self.rng.pick(self.nouns)),
            "O" => {
                let o = self.central_org();
                out.push_str(self.org_mention(o));
            }
            "P" => {
                let p = self.rng.pick(&self.people);
                out.push_str(self.person_mention(p));
            }
            "Q" => {
                let p = self.lead.unwrap_or_else(|| self.rng.pick(&self.people));
                out.push_str(self.person_mention(p));
            }
            "K" => {
                let k = self.place();
                out.push_str(self.w.orgs[k].display());
            }
            "X" => write!(out, "{}", self.rng.range(3, 290)).unwrap(),
            "S" => write!(out, "{}", self.rng.range(2, 6)).unwrap(),
            "Y" => {
                let sep = if self.bank.code == "sv" { ',' } else { '.' };
                write!(out, "{}{sep}{}", self.rng.range(0, 9), self.rng.range(1, 9)).unwrap();
            }
            "D" => self.day_month(out),
            "A" => write!(out, "{}", self.date.year + self.rng.range(0, 1) as u16).unwrap(),
            "B" => out.push_str(self.body.def.name),
            "W" => write!(out, "{}", self.rng.range(1, 52)).unwrap(),
            _ => panic!("unknown placeholder {{{key}}}"),
        }
    }

    /// "29/9" or "15 mars" (Swedish), "15 March" (English).
    fn day_month(&mut self, out: &mut String) {
        let month = self.rng.range(1, 12);
        let day = self.rng.range(1, 28);
        if self.bank.code == "sv" && self.rng.percent(50) {
            write!(out, "{day}/{month}").unwrap();
        } else {
            write!(out, "{day} {}", self.bank.months[month - 1]).unwrap();
        }
    }

    // --- the Markdown body -----------------------------------------------------------

    fn markdown(&mut self, main: &[&'static Topic], budget: usize) -> String {
        let kinds = self.agenda(main, budget);
        // The fixed items are short (about 150 bytes): the topics share the rest.
        let topics = kinds
            .iter()
            .filter(|k| matches!(k, ItemKind::Topic(_)))
            .count();
        let fixed = kinds.len() - topics;
        let per_item = (budget.saturating_sub(150 * fixed) / topics).max(150);
        let numbering = match self.rng.below(100) {
            0..=34 => Numbering::None,
            35..=86 => Numbering::Paren,
            87..=96 => Numbering::Dot,
            _ => Numbering::Section,
        };
        let code_item = self.rng.percent(3).then(|| self.rng.below(kinds.len()));
        let mut out = String::with_capacity(budget + budget / 4);
        for (i, &kind) in kinds.iter().enumerate() {
            self.item(&mut out, i + 1, numbering, kind, per_item);
            if code_item == Some(i) {
                self.code_block(&mut out);
            }
        }
        out
    }

    /// 5–15 items: the main topics first, other topics after, framed by fixed items.
    fn agenda(&mut self, main: &[&'static Topic], budget: usize) -> Vec<ItemKind> {
        let n = (4 + budget / 2500 + self.rng.below(4)).clamp(5, 15);
        let mut kinds = Vec::with_capacity(n);
        if self.rng.percent(70) {
            kinds.push(ItemKind::Opening);
        }
        if self.rng.percent(50) {
            kinds.push(ItemKind::Previous);
        }
        let closing: Vec<ItemKind> = [(60, ItemKind::Other), (50, ItemKind::Next)]
            .into_iter()
            .filter_map(|(p, k)| self.rng.percent(p).then_some(k))
            .collect();
        let available = self.available_topics();
        let topics = n.saturating_sub(kinds.len() + closing.len()).max(3);
        for i in 0..topics {
            let t = main
                .get(i)
                .copied()
                .unwrap_or_else(|| self.rng.pick(&available));
            kinds.push(ItemKind::Topic(t));
        }
        kinds.extend(closing);
        kinds
    }

    fn item(
        &mut self,
        out: &mut String,
        number: usize,
        numbering: Numbering,
        kind: ItemKind,
        budget: usize,
    ) {
        let start = out.len();
        self.deck.clear();
        self.lead = None;
        let (title, texts) = match kind {
            ItemKind::Opening => (self.rng.pick(self.bank.opening.0), self.bank.opening.1),
            ItemKind::Previous => (self.rng.pick(self.bank.previous.0), self.bank.previous.1),
            ItemKind::Other => (self.rng.pick(self.bank.other.0), self.bank.other.1),
            ItemKind::Next => (self.rng.pick(self.bank.next.0), self.bank.next.1),
            ItemKind::Topic(t) => {
                let en = self.bank.code == "en";
                self.nouns = if en { t.nouns_en } else { t.nouns };
                (
                    self.rng.pick(if en { t.headings_en } else { t.headings }),
                    &[][..],
                )
            }
        };
        if !matches!(kind, ItemKind::Topic(_)) {
            self.nouns = TOPICS[self.rng.below(TOPICS.len())].nouns;
        }
        let presenters = match kind {
            ItemKind::Opening | ItemKind::Previous => Some(self.chair_presenter()),
            ItemKind::Topic(_) if self.rng.percent(85) => Some(self.topic_presenters()),
            _ => None,
        };
        let in_heading = presenters.is_some() && self.rng.percent(55);
        self.heading(
            out,
            number,
            numbering,
            title,
            presenters.as_deref().filter(|_| in_heading),
        );
        if let Some(p) = presenters.as_deref().filter(|_| !in_heading) {
            out.push('*');
            out.push_str(p);
            out.push_str("*\n\n");
        }
        if texts.is_empty() {
            self.topic_text(out, start, budget);
        } else {
            let t = self.rng.pick(texts);
            self.fill(out, t);
            out.push_str("\n\n");
            if matches!(kind, ItemKind::Previous) {
                write!(
                    out,
                    "{}: {}\n\n",
                    self.bank.decision_word, self.bank.previous_decision
                )
                .unwrap();
            }
        }
    }

    fn heading(
        &mut self,
        out: &mut String,
        number: usize,
        numbering: Numbering,
        title: &str,
        presenters: Option<&str>,
    ) {
        out.push_str("## ");
        match numbering {
            Numbering::None => {}
            Numbering::Paren => write!(out, "{number}) ").unwrap(),
            Numbering::Dot => write!(out, "{number}. ").unwrap(),
            Numbering::Section => write!(out, "§ {number} ").unwrap(),
        }
        out.push_str(title);
        if let Some(p) = presenters {
            write!(out, " ({p})").unwrap();
        }
        out.push_str("\n\n");
    }

    /// "Lisbeth Olsson, Sotenäs": the chair opens the meeting.
    fn chair_presenter(&mut self) -> String {
        let chair = self.people[0];
        self.lead = Some(chair);
        let org = self.org_mention(self.w.people[chair].org);
        format!("{}, {org}", self.person_mention(chair))
    }

    /// "Daniel Lilja, Maria Björklund, IVO" or "A, B och C, Org": one to three people of one
    /// organisation; from the organiser, a national organisation or a member.
    fn topic_presenters(&mut self) -> String {
        let w = self.w;
        let staff = &w.org_people[self.body.organiser];
        let lead = match self.rng.below(100) {
            0..=19 if !staff.is_empty() => self.rng.pick(staff),
            0..=54 => self.rng.pick(&w.central_people),
            _ => self.rng.pick(&self.body.members),
        };
        let org = self.w.people[lead].org;
        let n = match self.rng.below(10) {
            0 => 3,
            1 | 2 => 2,
            _ => 1,
        };
        let colleagues: Vec<usize> = w.org_people[org]
            .iter()
            .copied()
            .filter(|&p| p != lead)
            .collect();
        self.lead = Some(lead);
        let mut group = vec![lead];
        group.extend(self.rng.sample(&colleagues, n - 1));
        if !self.orgs.contains(&org) {
            self.orgs.push(org);
        }
        self.people.extend(&group);
        let names: Vec<&str> = group.iter().map(|&p| self.person_mention(p)).collect();
        let names = match names.as_slice() {
            [one] => one.to_string(),
            [a, b] if self.rng.percent(50) => format!("{a}, {b}"),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.bank.and),
            [] => unreachable!("a group has a lead"),
        };
        format!("{names}, {}", self.org_mention(org))
    }

    /// Discussion paragraphs up to the item's budget, then perhaps a list, a link, a
    /// decision and an action.
    fn topic_text(&mut self, out: &mut String, start: usize, budget: usize) {
        let most = match self.w.profile {
            Profile::Bench => 5,
            Profile::Heavy => 12,
        };
        let mut paragraphs = 0;
        while paragraphs == 0 || (out.len() - start + 250 < budget && paragraphs < most) {
            self.paragraph(out);
            paragraphs += 1;
            if paragraphs == 1 && self.rng.percent(12) {
                self.bullet_list(out);
            }
        }
        if self.rng.percent(6) {
            let (url, text) = self.rng.pick(self.bank.links);
            write!(out, "[{} {text}]({url})\n\n", self.bank.read_more).unwrap();
        }
        if self.rng.percent(75) {
            self.decision(out);
        }
        if self.rng.percent(21) {
            let t = self.rng.pick(self.bank.actions);
            write!(out, "{}: ", self.bank.action_word).unwrap();
            self.fill(out, t);
            out.push_str("\n\n");
        }
    }

    fn paragraph(&mut self, out: &mut String) {
        let n = self.rng.range(2, 6);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            let s = self.next_sentence();
            self.fill(out, s);
        }
        out.push_str("\n\n");
    }

    /// The next sentence from a shuffled deck, so that an item repeats none.
    fn next_sentence(&mut self) -> &'static str {
        if self.deck.is_empty() {
            let all: Vec<usize> = (0..self.bank.sentences.len()).collect();
            self.deck = self.rng.sample(&all, all.len());
        }
        let i = self.deck.pop().expect("the deck was just filled");
        self.bank.sentences[i]
    }

    fn bullet_list(&mut self, out: &mut String) {
        let intro = self.rng.pick(self.bank.list_intros);
        out.push_str(intro);
        out.push_str("\n\n");
        let count = self.rng.range(2, 5);
        self.bullets(out, self.bank.list_items, count);
    }

    /// A Markdown list of `count` distinct templates from `items`, filled in.
    fn bullets(&mut self, out: &mut String, items: &'static [&'static str], count: usize) {
        let all: Vec<usize> = (0..items.len()).collect();
        for i in self.rng.sample(&all, count) {
            out.push_str("- ");
            self.fill(out, items[i]);
            out.push('\n');
        }
        out.push('\n');
    }

    /// "Beslut: …" (plain or bold), or in one case of ten a bold "Beslut:" paragraph
    /// followed by a list with one decision per item.
    fn decision(&mut self, out: &mut String) {
        let word = self.bank.decision_word;
        if self.rng.percent(12) {
            write!(out, "**{word}:** ").unwrap();
            let intro = self.rng.pick(self.bank.list_decision_intros);
            self.fill(out, intro);
            out.push_str("\n\n");
            let count = self.rng.range(2, 4);
            self.bullets(out, self.bank.decision_items, count);
        } else {
            if self.rng.percent(20) {
                write!(out, "**{word}:** ").unwrap();
            } else {
                write!(out, "{word}: ").unwrap();
            }
            let t = self.rng.pick(self.bank.decisions);
            let start = out.len();
            self.fill(out, t);
            // Decisions start with a capital even when the template starts with a name.
            let first = capitalise(&out[start..]);
            out.truncate(start);
            out.push_str(&first);
            out.push_str("\n\n");
        }
    }

    fn code_block(&mut self, out: &mut String) {
        out.push_str(self.bank.code_intro);
        out.push_str("\n\n");
        let block = self.rng.pick(CODE_BLOCKS);
        self.fill(out, block);
        out.push('\n');
    }
}

fn yaml_field(fm: &mut String, key: &str, value: &str) {
    fm.push_str(key);
    fm.push_str(": ");
    push_yaml(fm, value, false);
    fm.push('\n');
}

// ------------------------------------------------------------------------------------------
// Registries and site files
// ------------------------------------------------------------------------------------------

fn organisations_yaml(w: &World) -> String {
    let mut out = String::from(
        "# Generated by gen-corpus: the organisation registry (see docs/content.md).\n",
    );
    for o in &w.orgs {
        write!(out, "{}:\n  name: ", o.key).unwrap();
        push_yaml(&mut out, &o.name, false);
        if let Some(s) = &o.short {
            out.push_str("\n  short: ");
            push_yaml(&mut out, s, false);
        }
        if !o.aliases.is_empty() {
            out.push_str("\n  aliases: ");
            push_yaml_list(
                &mut out,
                &o.aliases.iter().map(String::as_str).collect::<Vec<_>>(),
            );
        }
        out.push_str("\n  kind: ");
        push_yaml(&mut out, o.kind, false);
        if !o.url.is_empty() {
            out.push_str("\n  url: ");
            push_yaml(&mut out, o.url, false);
        }
        out.push('\n');
    }
    out
}

fn people_yaml(w: &World) -> String {
    let mut out =
        String::from("# Generated by gen-corpus: the people registry (see docs/content.md).\n");
    for p in &w.people {
        write!(out, "{}:\n  name: ", p.key).unwrap();
        push_yaml(&mut out, &p.name, false);
        write!(out, "\n  organisation: {}\n", w.orgs[p.org].key).unwrap();
        if let Some(a) = &p.alias {
            out.push_str("  aliases: ");
            push_yaml_list(&mut out, &[a]);
            out.push('\n');
        }
    }
    out
}

const SITE_TITLE: &str = "Testkorpus – minnesanteckningar";

fn site_toml(n: u64, profile: Profile) -> String {
    let profile = match profile {
        Profile::Bench => "",
        Profile::Heavy => ", profilen heavy",
    };
    format!(
        "title = \"{SITE_TITLE}\"\n\
         description = \"Genererad testkorpus: {n} möten (examples/gen-corpus.rs{profile})\"\n\
         base_url = \"https://example.org/\"\n\
         language = \"sv\"\n\
         \n\
         [build]\n\
         output_dir = \"public\"\n"
    )
}

fn hugo_toml() -> String {
    format!(
        "baseURL = \"https://example.org/\"\n\
         title = \"{SITE_TITLE}\"\n\
         defaultContentLanguage = \"sv\"\n\
         \n\
         [taxonomies]\n\
         organisation = \"organisations\"\n\
         tag = \"tags\"\n\
         \n\
         [markup.goldmark.renderer]\n\
         unsafe = true\n\
         \n\
         [markup.tableOfContents]\n\
         startLevel = 2\n\
         endLevel = 2\n"
    )
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem; line-height: 1.5; }
nav a { margin-right: 1rem; } .meta { color: #555; } .terms a { margin-right: .5rem; }
</style>
</head>
<body>
<header>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<a href="{{ "/meetings/" | relURL }}">Möten</a>
<a href="{{ "/organisations/" | relURL }}">Organisationer</a>
<a href="{{ "/tags/" | relURL }}">Taggar</a></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.body }} · {{ . }}{{ end }}</p>
{{ with .GetTerms "organisations" }}<p class="terms">Organisationer: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>{{ end }}
{{ with .GetTerms "tags" }}<p class="terms">Taggar: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>{{ end }}
<nav class="toc"><h2>Dagordning</h2>{{ .TableOfContents }}</nav>
{{ .Content }}
<nav class="pager">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
</nav>
</article>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Pages.GroupByDate "2006" }}
<h2>{{ .Key }}</h2>
<ul>
{{ range .Pages }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
{{ end }}
"#;

const HUGO_INDEX: &str = r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Senaste mötena</h2>
<ul>
{{ range first 30 (where site.RegularPages "Section" "meetings").ByDate.Reverse }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
<h2>Organisationer</h2>
<ul>
{{ range first 30 site.Taxonomies.organisations.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
"#;

/// Used for both `terms.html` and `taxonomy.html`: Hugo's template lookup for taxonomy and
/// term pages changed in 0.73 and 0.146, so one kind-aware template serves every version.
const HUGO_TAXONOMY: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}
<ul>
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>
{{ end }}</ul>
{{ else }}
<p>{{ len .Pages }} möten</p>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.body }} – {{ . }}{{ end }}</li>
{{ end }}</ul>
{{ end }}
{{ end }}
"#;

// ------------------------------------------------------------------------------------------
// Output
// ------------------------------------------------------------------------------------------

const MARKER: &str = ".gen-corpus";

/// Writes files and counts their bytes.
struct Output {
    bytes: u64,
}

impl Output {
    fn write(&mut self, path: &Path, contents: &str) -> Result<(), String> {
        fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        self.bytes += contents.len() as u64;
        Ok(())
    }

    fn write_parts(&mut self, path: &Path, parts: &[&str]) -> Result<(), String> {
        let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        parts.iter().for_each(|p| s.push_str(p));
        self.write(path, &s)
    }
}

fn create_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Makes `dir` ready: it must be missing, empty or made by gen-corpus; in the last case the
/// generated subpaths `owned` are removed first.
fn prepare_dir(dir: &Path, owned: &[&str], args: &Args, out: &mut Output) -> Result<(), String> {
    let non_empty = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if non_empty {
        if !dir.join(MARKER).is_file() {
            return Err(format!(
                "{} is not empty and was not made by gen-corpus; refusing to write there",
                dir.display()
            ));
        }
        for name in owned {
            let p = dir.join(name);
            if p.is_dir() {
                fs::remove_dir_all(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            }
        }
    }
    create_dir(dir)?;
    let profile = match args.profile {
        Profile::Bench => "",
        Profile::Heavy => ", profile heavy",
    };
    out.write(
        &dir.join(MARKER),
        &format!(
            "made by examples/gen-corpus.rs with N = {}{profile}\n",
            args.n
        ),
    )
}

fn write_hugo_skeleton(dir: &Path, out: &mut Output) -> Result<(), String> {
    let default = dir.join("layouts/_default");
    create_dir(&default)?;
    create_dir(&dir.join("content/meetings"))?;
    out.write(&dir.join("hugo.toml"), &hugo_toml())?;
    out.write(
        &dir.join("content/meetings/_index.md"),
        "+++\ntitle = \"Möten\"\n+++\n",
    )?;
    out.write(&dir.join("layouts/index.html"), HUGO_INDEX)?;
    for (name, text) in [
        ("baseof.html", HUGO_BASEOF),
        ("single.html", HUGO_SINGLE),
        ("list.html", HUGO_LIST),
        ("terms.html", HUGO_TAXONOMY),
        ("taxonomy.html", HUGO_TAXONOMY),
    ] {
        out.write(&default.join(name), text)?;
    }
    Ok(())
}

struct Args {
    n: u64,
    dir: PathBuf,
    hugo: Option<PathBuf>,
    profile: Profile,
}

const USAGE: &str = "usage: gen-corpus N DIR [--hugo HUGODIR] [--profile bench|heavy]";

fn parse_args() -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut hugo = None;
    let mut profile = Profile::Bench;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--hugo" => {
                hugo = Some(PathBuf::from(
                    args.next().ok_or("--hugo needs a directory")?,
                ))
            }
            "--profile" => profile = Profile::parse(&args.next().ok_or("--profile needs a name")?)?,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}")),
            _ => positional.push(a),
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional).map_err(|_| USAGE.to_string())?;
    let n = n
        .parse()
        .map_err(|_| format!("N must be a number, not {n:?}\n{USAGE}"))?;
    let dir = PathBuf::from(dir);
    if hugo.as_ref() == Some(&dir) {
        return Err("DIR and HUGODIR must differ".to_string());
    }
    Ok(Args {
        n,
        dir,
        hugo,
        profile,
    })
}

/// Generates and writes the meetings on a few threads: the work is mostly file-system calls.
/// Each meeting depends only on its index, so the split cannot change any file.
fn write_meetings(
    world: &World,
    args: &Args,
    out: &mut Output,
    hugo_out: &mut Output,
) -> Result<(), String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| scope.spawn(move || write_share(world, args, t, threads)))
            .collect();
        for worker in workers {
            let (bytes, hugo_bytes) = worker.join().expect("a writer thread panicked")?;
            out.bytes += bytes;
            hugo_out.bytes += hugo_bytes;
        }
        Ok(())
    })
}

/// Writes meetings `first`, `first + step`, … and returns the bytes written to DIR and HUGODIR.
fn write_share(
    world: &World,
    args: &Args,
    first: usize,
    step: usize,
) -> Result<(u64, u64), String> {
    let mut out = Output { bytes: 0 };
    let mut hugo_out = Output { bytes: 0 };
    let content = args.dir.join("content");
    let mut years = BTreeSet::new();
    for i in (first as u64..args.n).step_by(step) {
        let m = generate_meeting(world, i);
        let year_dir = content.join(m.year.to_string());
        if years.insert(m.year) {
            create_dir(&year_dir)?;
        }
        out.write_parts(
            &year_dir.join(format!("{}.md", m.slug)),
            &[&m.front, &m.body],
        )?;
        if let Some(h) = &args.hugo {
            let path = h.join("content/meetings").join(format!("{}.md", m.slug));
            hugo_out.write_parts(&path, &[&m.hugo_front, &m.body])?;
        }
    }
    Ok((out.bytes, hugo_out.bytes))
}

fn run() -> Result<String, String> {
    let args = parse_args()?;
    let world = World::build(args.profile);
    let mut out = Output { bytes: 0 };
    let mut hugo_out = Output { bytes: 0 };

    prepare_dir(&args.dir, &["content"], &args, &mut out)?;
    let content = args.dir.join("content");
    create_dir(&content)?;
    out.write(
        &args.dir.join("site.toml"),
        &site_toml(args.n, args.profile),
    )?;
    // The heavy profile's names are unregistered on purpose (issue 23's archive).
    if args.profile == Profile::Bench {
        out.write(
            &content.join("organisations.yaml"),
            &organisations_yaml(&world),
        )?;
        out.write(&content.join("people.yaml"), &people_yaml(&world))?;
    }
    if let Some(h) = &args.hugo {
        prepare_dir(h, &["content", "layouts"], &args, &mut hugo_out)?;
        write_hugo_skeleton(h, &mut hugo_out)?;
    }

    write_meetings(&world, &args, &mut out, &mut hugo_out)?;

    let mut summary = format!(
        "wrote {} meetings ({:.1} MB) to {}",
        args.n,
        out.bytes as f64 / 1e6,
        args.dir.display()
    );
    if let Some(h) = &args.hugo {
        write!(summary, " and a Hugo site to {}", h.display()).unwrap();
    }
    Ok(summary)
}

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(2)
        }
    }
}
