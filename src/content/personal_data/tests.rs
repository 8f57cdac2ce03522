use std::path::PathBuf;

use super::*;
use crate::base::audience::Audience;
use crate::base::diagnostic::Severity;

fn kinds(text: &str) -> Vec<(Found, &str)> {
    find_personal_data(text)
        .into_iter()
        .map(|f| (f.kind, &text[f.start..f.end]))
        .collect()
}

#[test]
fn identity_numbers_with_a_right_check_digit_are_found_in_every_form() {
    // Skatteverket's published test numbers.
    for number in [
        "19121212-1212",
        "191212121212",
        "121212-1212",
        "1212121212",
        "121212+1212",
        "20000903-6609",
    ] {
        assert_eq!(
            identity_number(number),
            Some(Found::IdentityNumber),
            "{number}"
        );
        let text = format!("Personnummer {number}, se bilaga.");
        assert_eq!(kinds(&text), [(Found::IdentityNumber, number)], "{text}");
    }
}

#[test]
fn a_wrong_check_digit_or_an_impossible_date_is_not_an_identity_number() {
    for number in [
        "19121212-1213",
        "121212-1211",
        "19901301-1111",
        "900230-1234",
        "000000-0000",
    ] {
        assert_eq!(identity_number(number), None, "{number}");
    }
}

#[test]
fn coordination_numbers_check_the_digit_over_the_day_plus_sixty() {
    assert_eq!(
        identity_number("701063-2391"),
        Some(Found::CoordinationNumber)
    );
    assert_eq!(
        identity_number("19701063-2391"),
        Some(Found::CoordinationNumber)
    );
    // The check digit of 800101-3294 with the day moved by 60: wrong for 800161.
    assert_eq!(identity_number("800161-3294"), None);
    assert_eq!(identity_number("701063-2392"), None);
}

#[test]
fn dates_case_numbers_amounts_and_times_are_not_personal_data() {
    for text in [
        "Mötet hölls 2024-01-15 kl. 09.00-12.00.",
        "Ärende 2024/57 och dnr KS 2023/1234.",
        "Budgeten är 1 500 000 kr, varav 250 000 kr till projektet.",
        "Kl. 0900-1200 i sal 3.",
        "date: 0001-01-01",
        "SOU 2020:47 och prop. 2019/20:100.",
        "Organisationsnummer 212000-1355.",
        "Under 2020–2022 minskade antalet med 12 070 000 000 kr.",
    ] {
        assert_eq!(kinds(text), [], "{text}");
    }
}

#[test]
fn phone_numbers_are_found_in_the_usual_forms() {
    for number in [
        "070-123 45 67",
        "0701234567",
        "08-123 456 78",
        "031-12 34 56",
        "+46 70 123 45 67",
        "+46 (0)8-123 456 78",
    ] {
        let text = format!("Ring {number} vid frågor.");
        assert_eq!(kinds(&text), [(Found::Phone, number)], "{text}");
    }
}

#[test]
fn email_addresses_are_found() {
    let text = "Skicka till anna.svensson@kommun.se eller åsa@exempel.org.";
    assert_eq!(
        kinds(text),
        [
            (Found::Email, "anna.svensson@kommun.se"),
            (Found::Email, "åsa@exempel.org")
        ]
    );
}

fn file(text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from("content/a.md"),
        full_path: PathBuf::from("/site/content/a.md"),
        text: text.into(),
    }
}

#[test]
fn findings_are_warnings_internally_and_errors_for_a_public_build_with_a_position() {
    let source = file("---\ntitle: T\n---\n\nRing Anna på 070-123 45 67.\n");
    let mut audience = AudienceConfig::default();
    let [warning] = check_personal_data(&source, &audience).try_into().unwrap();
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!((warning.line, warning.column), (5, 14));
    assert!(
        warning.message.contains("phone number"),
        "{}",
        warning.message
    );
    assert!(warning.hint.as_deref().unwrap().contains("accept"));
    audience.current = Audience::Public;
    let [error] = check_personal_data(&source, &audience).try_into().unwrap();
    assert_eq!(error.severity, Severity::Error);
}

#[test]
fn accepted_values_are_let_through_whatever_their_spacing() {
    let source = file("Växel 08-123 456 78, registrator@Kommun.se, 121212-1212.\n");
    let audience = AudienceConfig {
        accept: vec!["08 12345678".into(), "REGISTRATOR@kommun.se".into()],
        ..AudienceConfig::default()
    };
    let found = check_personal_data(&source, &audience);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("personal identity number"));
}
