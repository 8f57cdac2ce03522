//! The XML writer the feeds and the sitemap share: quick-xml with every text and attribute
//! escaped, and the characters XML 1.0 forbids dropped.

use std::borrow::Cow;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// A thin layer over quick-xml's writer: every text and attribute value is escaped, and
/// characters XML 1.0 forbids (control characters from Word documents) are dropped.
pub(crate) struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    pub(crate) fn new() -> Self {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
            .expect("writing to memory");
        Xml { writer }
    }

    pub(crate) fn tag<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        start
    }

    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.writer
            .write_event(Event::Start(Self::tag(name, attributes)))
            .expect("writing to memory");
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.writer
            .write_event(Event::End(BytesEnd::new(name)))
            .expect("writing to memory");
    }

    pub(crate) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.writer
            .write_event(Event::Empty(Self::tag(name, attributes)))
            .expect("writing to memory");
    }

    pub(crate) fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.writer
            .write_event(Event::Start(Self::tag(name, attributes)))
            .expect("writing to memory");
        self.writer
            .write_event(Event::Text(BytesText::new(&xml_safe(text))))
            .expect("writing to memory");
        self.close(name);
    }

    pub(crate) fn finish(self) -> String {
        let mut text = String::from_utf8(self.writer.into_inner()).expect("UTF-8 in, UTF-8 out");
        text.push('\n');
        text
    }
}

/// `text` without the characters XML 1.0 does not allow.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}
