//! The registries: `content/organisations.yaml` and `content/people.yaml`. They give
//! organisations and people their canonical names and resolve abbreviations and aliases
//! ("FoHM", "FHM", "Folkhälsomyndigheten" → `fohm`). Matching ignores case and diacritics.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::base::diagnostic::Diagnostic;
use crate::base::slug::match_key;
use crate::content::load::SourceFile;
use crate::content::model::{Organisation, Person};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationEntry {
    name: String,
    short: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    kind: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonEntry {
    name: String,
    organisation: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// False: a public build does not name them (see docs/publishing-publicly.md).
    public: Option<bool>,
    /// What a public build shows instead of their name (a role).
    shown_as: Option<String>,
}

/// Registered organisations and people, with their lookup indexes.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub(crate) organisations: BTreeMap<String, Organisation>,
    pub(crate) people: BTreeMap<String, Person>,
    // Fx, not SipHash: looked up for every name in the minutes; the keys are the site's
    // own text, with no one to flood them.
    organisation_index: FxHashMap<String, String>,
    person_index: FxHashMap<String, String>,
}

impl Registry {
    /// Reads the two registry files' texts (either may be absent).
    /// The registry of the files `content/organisations.yaml` and `content/people.yaml`,
    /// as read by the loader (either may be absent).
    pub(crate) fn from_files(
        organisations: Option<&SourceFile>,
        people: Option<&SourceFile>,
    ) -> Result<Self, Vec<Diagnostic>> {
        fn as_pair(file: &SourceFile) -> (&Path, &str) {
            (file.path.as_path(), file.text.as_str())
        }
        Registry::parse(organisations.map(as_pair), people.map(as_pair))
    }

    pub(crate) fn parse(
        organisations: Option<(&Path, &str)>,
        people: Option<(&Path, &str)>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut registry = Registry::default();
        let mut problems = Vec::new();
        if let Some((path, text)) = organisations {
            match parse_yaml_map::<OrganisationEntry>(path, text) {
                Ok(entries) => registry.add_organisations(entries, path, text, &mut problems),
                Err(d) => problems.push(d),
            }
        }
        if let Some((path, text)) = people {
            match parse_yaml_map::<PersonEntry>(path, text) {
                Ok(entries) => registry.add_people(entries, path, text, &mut problems),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(registry)
        } else {
            Err(problems)
        }
    }

    fn add_organisations(
        &mut self,
        entries: BTreeMap<String, OrganisationEntry>,
        path: &Path,
        text: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        for (key, entry) in entries {
            let names = [key.as_str(), entry.name.as_str()]
                .into_iter()
                .chain(entry.short.as_deref())
                .chain(entry.aliases.iter().map(String::as_str));
            for name in names {
                if let Some(other) = self.organisation_index.insert(match_key(name), key.clone()) {
                    if other != key {
                        problems.push(duplicate_name(path, text, name, &other, &key));
                    }
                }
            }
            let organisation = Organisation {
                key: key.clone(),
                name: entry.name,
                short: entry.short,
                aliases: entry.aliases,
                kind: entry.kind,
                url: entry.url,
                registered: true,
            };
            self.organisations.insert(key, organisation);
        }
    }

    fn add_people(
        &mut self,
        entries: BTreeMap<String, PersonEntry>,
        path: &Path,
        text: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        for (key, entry) in entries {
            let names = [key.as_str(), entry.name.as_str()]
                .into_iter()
                .chain(entry.aliases.iter().map(String::as_str));
            for name in names {
                if let Some(other) = self.person_index.insert(match_key(name), key.clone()) {
                    if other != key {
                        problems.push(duplicate_name(path, text, name, &other, &key));
                    }
                }
            }
            let organisation = entry
                .organisation
                .map(|o| self.resolve_organisation(&o).map_or(o, str::to_string));
            let person = Person {
                key: key.clone(),
                name: entry.name,
                aliases: entry.aliases,
                organisation,
                registered: true,
                exposure: crate::content::model::Exposure {
                    public: entry.public,
                    shown_as: entry.shown_as,
                    withheld: false,
                },
            };
            self.people.insert(key, person);
        }
    }

    /// The key of the organisation called `name` (key, name, abbreviation or alias).
    pub(crate) fn resolve_organisation(&self, name: &str) -> Option<&str> {
        // Without a registry nothing resolves: no key is made (every name of every meeting
        // is looked up).
        if self.organisation_index.is_empty() {
            return None;
        }
        self.organisation_by_key(&match_key(name))
    }

    /// [`Registry::resolve_organisation`] for a name already made a key by `match_key`.
    pub(crate) fn organisation_by_key(&self, key: &str) -> Option<&str> {
        self.organisation_index.get(key).map(String::as_str)
    }

    /// The key of the person called `name` (key, name or alias).
    pub(crate) fn resolve_person(&self, name: &str) -> Option<&str> {
        if self.person_index.is_empty() {
            return None;
        }
        self.person_index.get(&match_key(name)).map(String::as_str)
    }

    /// Every name an organisation is known by, for did-you-mean suggestions.
    pub(crate) fn organisation_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.organisation_index
            .iter()
            .map(|(n, k)| (n.as_str(), k.as_str()))
    }

    pub(crate) fn person_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.person_index
            .iter()
            .map(|(n, k)| (n.as_str(), k.as_str()))
    }
}

fn parse_yaml_map<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<BTreeMap<String, T>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_yaml_ng::from_str::<Option<BTreeMap<String, T>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            Diagnostic::error(path, message).at(text, line, column).with_hint(
                "each entry is `key:` followed by indented `name:`, and optionally `short:`, `aliases: [..]`, \
                 `kind:`, `url:` (organisations) or `organisation:` (people)",
            )
        })
}

fn duplicate_name(path: &Path, text: &str, name: &str, first: &str, second: &str) -> Diagnostic {
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(name).map(|at| (i + 1, l[..at].chars().count() + 1)))
        .unwrap_or((0, 0));
    Diagnostic::error(
        path,
        format!("the name `{name}` is given to both `{first}` and `{second}`"),
    )
    .at(text, line, column)
    .with_hint("a name, abbreviation or alias may belong to one entry only")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: &str = "
skr:
  name: Sveriges Kommuner och Regioner
  short: SKR
  aliases: [SKL]
fohm:
  name: Folkhälsomyndigheten
  short: FoHM
  aliases: [FHM]
";
    const PEOPLE: &str = "
asa-furen-thulin:
  name: Åsa Furén-Thulin
  organisation: SKR
  aliases: [Åsa F-T]
";

    fn registry() -> Registry {
        Registry::parse(
            Some((Path::new("organisations.yaml"), ORGS)),
            Some((Path::new("people.yaml"), PEOPLE)),
        )
        .unwrap()
    }

    #[test]
    fn aliases_abbreviations_and_names_resolve_to_one_key() {
        let r = registry();
        for name in [
            "FoHM",
            "FHM",
            "Folkhälsomyndigheten",
            "folkhalsomyndigheten",
            "fohm",
        ] {
            assert_eq!(r.resolve_organisation(name), Some("fohm"), "{name}");
        }
        assert_eq!(r.resolve_organisation("SKL"), Some("skr"));
        assert_eq!(r.resolve_organisation("IVO"), None);
    }

    #[test]
    fn people_resolve_by_alias_and_their_organisation_by_name() {
        let r = registry();
        assert_eq!(r.resolve_person("Åsa F-T"), Some("asa-furen-thulin"));
        assert_eq!(
            r.resolve_person("åsa furén-thulin"),
            Some("asa-furen-thulin")
        );
        assert_eq!(
            r.people["asa-furen-thulin"].organisation.as_deref(),
            Some("skr")
        );
    }

    #[test]
    fn a_name_given_twice_is_an_error() {
        let text = "a:\n  name: A\n  aliases: [X]\nb:\n  name: B\n  aliases: [X]\n";
        let problems = Registry::parse(Some((Path::new("o.yaml"), text)), None).unwrap_err();
        assert!(problems[0].message.contains("`X`"));
    }

    #[test]
    fn unknown_key_in_an_entry_is_an_error_with_a_line() {
        let text = "skr:\n  name: SKR\n  alias: [SKL]\n";
        let problems = Registry::parse(Some((Path::new("o.yaml"), text)), None).unwrap_err();
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("alias"));
    }
}
