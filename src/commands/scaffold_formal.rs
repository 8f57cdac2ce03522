//! Scaffolding for formal minutes: `quorum init --template protokoll` writes the example
//! protokoll site of `sites/protokoll/` (a fictional kulturnämnd's year), and `quorum new
//! --kind protokoll` a meeting whose front matter names the protokoll's header keys
//! (beslutande, justering, anslag, ...) as comments to fill in.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::base::config::Language;
use crate::base::diagnostic::Result;
use crate::commands::scaffold::{new_meeting_shaped, write_site, NewMeeting};
use crate::content::formal_front::is_formal_kind;

static PROTOKOLL_SITE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/sites/protokoll");

/// What `quorum init` starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SiteTemplate {
    /// A network's informal notes, with one sample meeting.
    #[default]
    Minnesanteckningar,
    /// A municipal board's year of protokoll (sites/protokoll).
    Protokoll,
}

/// Creates a new site in `dir` from `template`; refuses to overwrite an existing one.
pub fn init_site_from(dir: &Path, template: SiteTemplate) -> Result<Vec<PathBuf>> {
    match template {
        SiteTemplate::Minnesanteckningar => crate::commands::scaffold::init_site(dir),
        SiteTemplate::Protokoll => {
            let mut files = Vec::new();
            collect(&PROTOKOLL_SITE, &mut files);
            files.retain(|(path, _)| !path.starts_with("public"));
            write_site(dir, files)
        }
    }
}

fn collect(dir: &Dir<'static>, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for file in dir.files() {
        files.push((file.path().to_path_buf(), file.contents().to_vec()));
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

/// `quorum new` with `--kind`: the meeting of [`new_meeting`](crate::new_meeting) with `kind:` set, and for
/// formal minutes the protokoll's header keys as comments, in the meeting's language.
pub fn new_meeting_of_kind(
    root: &Path,
    meeting: &NewMeeting<'_>,
    kind: Option<&str>,
) -> Result<PathBuf> {
    let Some(kind) = kind else {
        return new_meeting_shaped(root, meeting, |text, _| text);
    };
    new_meeting_shaped(root, meeting, |text, language| {
        let english = language == Language::En;
        let mut keys = format!("kind: {kind}\n");
        if is_formal_kind(kind) {
            keys.push_str(if english { ENGLISH_KEYS } else { SWEDISH_KEYS });
        }
        let text = text.replacen("\ndraft: true", &format!("\n{keys}draft: true"), 1);
        if is_formal_kind(kind) && !english {
            text.replacen("## 1) Inledning", "## § 1 Val av justerare", 1)
        } else {
            text
        }
    })
}

const SWEDISH_KEYS: &str = "\
# paragraphs: 1–5                     # Paragrafer
# members:                            # Beslutande
#   - Namn Namnsson (S), ordförande
#   - Namn Namnsson (M), tjänstgörande ersättare för Namn Namnsson (M)
# substitutes:                        # Ersättare som inte tjänstgjorde
#   - Namn Namnsson (V)
# absent:                             # Frånvarande
#   - Namn Namnsson (M)
# approval:                           # Justering
#   by: [Namn Namnsson (M)]           # Utses att justera
#   place: Kommunhuset
#   date: ÅÅÅÅ-MM-DD                  # när protokollet är justerat; utan datum: ej justerat
# posting:                            # Anslag
#   date: ÅÅÅÅ-MM-DD                  # överklagandetiden (3 veckor) räknas härifrån
";

const ENGLISH_KEYS: &str = "\
# paragraphs: 1–5                     # minute numbers
# members:                            # Members present
#   - Full Name (Party), chair
#   - Full Name (Party), substituting for Full Name (Party)
# apologies:
#   - Full Name (Party)
# approval:                           # approved as a correct record
#   by: [Full Name (Party)]
#   date: YYYY-MM-DD                  # without a date the minutes are a draft
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_from_the_protokoll_template_makes_a_site_that_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let written = init_site_from(dir.path(), SiteTemplate::Protokoll).unwrap();
        assert!(written
            .iter()
            .any(|p| p.ends_with("2025-11-25-kulturnamnden.md")));
        let options = crate::commands::options::BuildOptions::new(dir.path().to_path_buf());
        assert_eq!(
            crate::commands::build::check_site(&options).unwrap(),
            Vec::new()
        );
        assert!(init_site_from(dir.path(), SiteTemplate::Protokoll).is_err());
    }

    #[test]
    fn a_new_protokoll_names_the_header_keys_and_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let meeting = NewMeeting {
            title: "Kulturnämnden 3 mars 2025",
            body: "Kulturnämnden",
            date: "2025-03-03",
            organiser: None,
            language: None,
        };
        let path = new_meeting_of_kind(dir.path(), &meeting, Some("protokoll")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("kind: protokoll\n# paragraphs:"), "{text}");
        assert!(text.contains("## § 1 Val av justerare"));
        let split = crate::content::frontmatter::split(&text, &path).unwrap();
        let raw = crate::content::frontmatter::parse_meeting(&split, &text, &path).unwrap();
        assert_eq!(raw.kind.as_deref(), Some("protokoll"));
        assert!(raw.draft);
    }
}
