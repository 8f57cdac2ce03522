//! The two languages of minutes and of the interface, Swedish and English.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Sv,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "swedish" | "svenska" => Some(Language::Sv),
            "en" | "en-gb" | "en-us" | "english" | "engelska" => Some(Language::En),
            _ => None,
        }
    }

    pub(crate) const ALL: [Language; 2] = [Language::Sv, Language::En];
}
