//! Language: dates in Swedish and English ("15 september 2020", "15 September 2020") and
//! the theme's UI strings (`i18n/<lang>.toml`).

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::base::config::Language;
use crate::base::diagnostic::Diagnostic;

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
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
];

/// "september" / "September" for month 9; `None` outside 1..=12.
pub(crate) fn month_name(month: u32, language: Language) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    match language {
        Language::Sv => MONTHS_SV.get(index).copied(),
        Language::En => MONTHS_EN.get(index).copied(),
    }
}

/// "15 september 2020" / "15 September 2020".
pub(crate) fn long_date(date: NaiveDate, language: Language) -> String {
    let month = month_name(date.month(), language).unwrap_or_default();
    // Put together by hand rather than with `format!`, which costs several times more: the
    // default theme shows a date in nearly every list entry.
    let mut numbers = itoa::Buffer::new();
    let mut out = String::with_capacity(month.len() + 10);
    out.push_str(numbers.format(date.day()));
    out.push(' ');
    out.push_str(month);
    out.push(' ');
    out.push_str(numbers.format(date.year()));
    out
}

/// "tisdag" / "Tuesday".
pub(crate) fn weekday(date: NaiveDate, language: Language) -> &'static str {
    let index = date.weekday().num_days_from_monday() as usize;
    let names = match language {
        Language::Sv => [
            "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
        ],
        Language::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
    };
    debug_assert_eq!(Weekday::Mon.num_days_from_monday(), 0);
    names[index]
}

/// The UI strings of a theme, per language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Fx-hashed: templates look a string up about a hundred times per page.
    tables: FxHashMap<Language, FxHashMap<String, String>>,
}

impl Strings {
    /// Reads `key = "text"` tables; `sources` gives each language's file name and text.
    pub(crate) fn parse(sources: &[(Language, String, String)]) -> Result<Self, Diagnostic> {
        let mut tables = FxHashMap::default();
        for (language, name, text) in sources {
            let table: FxHashMap<String, String> = toml::from_str(text)
                .map_err(|e| Diagnostic::error(name, e.message().to_string()))?;
            tables.insert(*language, table);
        }
        Ok(Strings { tables })
    }

    /// The text for `key`, or an error naming the key and the file it is missing from.
    pub(crate) fn get(&self, language: Language, key: &str) -> Result<&str, Diagnostic> {
        self.tables
            .get(&language)
            .and_then(|t| t.get(key))
            .map(String::as_str)
            .ok_or_else(|| {
                let file = format!("i18n/{}.toml", language.code());
                let message = format!("the UI string `{key}` is missing from {file}");
                Diagnostic::error(file, message)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_dates_in_both_languages() {
        assert_eq!(
            long_date(date(2020, 9, 15), Language::Sv),
            "15 september 2020"
        );
        assert_eq!(
            long_date(date(2020, 9, 15), Language::En),
            "15 September 2020"
        );
        assert_eq!(
            long_date(date(2022, 1, 28), Language::Sv),
            "28 januari 2022"
        );
    }

    #[test]
    fn weekdays_and_months() {
        assert_eq!(weekday(date(2022, 1, 28), Language::Sv), "fredag");
        assert_eq!(weekday(date(2020, 9, 15), Language::En), "Tuesday");
        assert_eq!(month_name(5, Language::Sv), Some("maj"));
        assert_eq!(month_name(13, Language::Sv), None);
        assert_eq!(month_name(0, Language::En), None);
    }

    #[test]
    fn missing_ui_string_names_key_and_file() {
        let strings =
            Strings::parse(&[(Language::Sv, "sv.toml".into(), "a = \"A\"".into())]).unwrap();
        assert_eq!(strings.get(Language::Sv, "a").unwrap(), "A");
        let e = strings.get(Language::Sv, "b").unwrap_err();
        assert_eq!(e.file, std::path::Path::new("i18n/sv.toml"));
        assert!(e.message.contains("`b`"), "{e}");
    }
}
