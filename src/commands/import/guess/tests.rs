use chrono::NaiveDate;

use super::header::{body_from_title, find_date, find_time};
use super::items::item_number;
use super::people::attendees_of;
use crate::commands::import::document::Block;
use crate::content::registry::Registry;

#[test]
fn dates_in_swedish_and_english() {
    let d = |t: &str| find_date(t, &[]).map(|(d, _)| d.to_string());
    assert_eq!(
        d("Minnesanteckningar Socialchefs nätverket 15 september 2020").as_deref(),
        Some("2020-09-15")
    );
    assert_eq!(d("Datum: 2022-01-28").as_deref(), Some("2022-01-28"));
    assert_eq!(
        d("Minutes of the Board, 3rd March 2023").as_deref(),
        Some("2023-03-03")
    );
    assert_eq!(d("Held on March 3, 2023").as_deref(), Some("2023-03-03"));
    let doc = [Block::Line("arbetet 2021 och under 2022".into())];
    let (date, how) = find_date("Fredag den 28 januari, kl. 09:00-15.00", &doc).unwrap();
    assert_eq!(date.to_string(), "2022-01-28");
    assert!(how.contains("weekday"));
}

#[test]
fn times() {
    assert_eq!(
        find_time("Fredag den 28 januari, kl. 09:00-15.00").as_deref(),
        Some("09:00-15:00")
    );
    assert_eq!(find_time("13.00 – 16.30").as_deref(), Some("13:00-16:30"));
    assert_eq!(find_time("28 januari 2022"), None);
}

#[test]
fn item_numbers() {
    assert_eq!(item_number("8) Uppföljning"), Some(8));
    assert_eq!(item_number("§ 112 Budget"), Some(112));
    assert_eq!(item_number("22/107 Val av justerare"), Some(107));
    assert_eq!(item_number("8. Finance report"), Some(8));
    assert_eq!(item_number("2020 var ett år"), None);
    assert_eq!(item_number("1. och sedan"), None);
}

#[test]
fn body_from_a_title() {
    assert_eq!(
        body_from_title(
            "Minnesanteckningar Socialchefs nätverket 15 september 2020",
            NaiveDate::from_ymd_opt(2020, 9, 15)
        ),
        "Socialchefs nätverket"
    );
    assert_eq!(
        body_from_title("Minutes of the Finance Committee meeting", None),
        "Finance Committee"
    );
}

#[test]
fn participants_from_lines() {
    let registry = Registry::default();
    let people = attendees_of(
        "Från Fyrbodals kommunalförbund, Karin Engström (förmiddag), Lis Palm och Maria Klamas",
        &registry,
    );
    assert_eq!(people.len(), 3);
    assert_eq!(
        people[0].organisation.as_deref(),
        Some("Fyrbodals kommunalförbund")
    );
    assert_eq!(people[0].note.as_deref(), Some("förmiddag"));
    let one = attendees_of("Lisbeth Olsson, Sotenäs", &registry);
    assert_eq!(
        (one[0].name.as_str(), one[0].organisation.as_deref()),
        ("Lisbeth Olsson", Some("Sotenäs"))
    );
}
