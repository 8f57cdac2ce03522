//! Escaping while writing: copies text to a writer, replacing the few ASCII bytes an output
//! format reserves. Shared by the HTML escaping of templates and the percent-encoding of
//! links (`render`) and the script-safe JSON of `archive.json` (`feeds`).

use std::io::Write;

/// Three to six reserved ASCII bytes and what each is written as.
pub(crate) struct Escapes {
    bytes: &'static [u8],
    replacements: &'static [&'static [u8]],
    /// `reserved[b]`: whether byte `b` is one of `bytes`.
    reserved: [bool; 256],
}

/// Below this length a text is searched byte by byte through the table: memchr's vector
/// search needs 16 bytes to work on, and its setup costs more than it saves on a short
/// name (callgrind: both together beat either alone; bench/RESULTS.md).
const SHORT: usize = 16;

impl Escapes {
    /// `bytes[i]` is written as `replacements[i]`. Only ASCII bytes may be replaced, so
    /// UTF-8 sequences stay whole; three to six of them, as [`Escapes::find`] searches.
    pub(crate) const fn new(bytes: &'static [u8], replacements: &'static [&'static [u8]]) -> Self {
        assert!(bytes.len() >= 3 && bytes.len() <= 6 && bytes.len() == replacements.len());
        let mut reserved = [false; 256];
        let mut i = 0;
        while i < bytes.len() {
            assert!(bytes[i].is_ascii());
            reserved[bytes[i] as usize] = true;
            i += 1;
        }
        Escapes {
            bytes,
            replacements,
            reserved,
        }
    }

    /// Where the first reserved byte of `text` is. Long texts are searched with memchr's
    /// vector search: escaped text (every string of archive.json, item texts) rarely holds
    /// one, and testing byte by byte was a few percent of a build.
    fn find(&self, text: &[u8]) -> Option<usize> {
        if text.len() < SHORT {
            return text.iter().position(|&b| self.reserved[b as usize]);
        }
        let b = self.bytes;
        let first = memchr::memchr3(b[0], b[1], b[2], text);
        let before_first = &text[..first.unwrap_or(text.len())];
        let second = match b.len() {
            3 => None,
            4 => memchr::memchr(b[3], before_first),
            5 => memchr::memchr2(b[3], b[4], before_first),
            _ => memchr::memchr3(b[3], b[4], b[5], before_first),
        };
        second.or(first)
    }

    fn replacement(&self, byte: u8) -> &'static [u8] {
        let i = self.bytes.iter().position(|&b| b == byte);
        self.replacements[i.expect("find returns reserved bytes only")]
    }

    /// Whether `text` holds a reserved byte.
    pub(crate) fn needed_in(&self, text: &str) -> bool {
        self.find(text.as_bytes()).is_some()
    }

    /// Writes `text` to `out`, every reserved byte replaced.
    pub(crate) fn write<W: Write + ?Sized>(&self, out: &mut W, text: &str) -> std::io::Result<()> {
        let mut rest = text.as_bytes();
        while let Some(at) = self.find(rest) {
            out.write_all(&rest[..at])?;
            out.write_all(self.replacement(rest[at]))?;
            rest = &rest[at + 1..];
        }
        out.write_all(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(escapes: &Escapes, text: &str) -> String {
        let mut out = Vec::new();
        escapes.write(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn replaces_only_what_it_is_told_to() {
        const THREE: Escapes = Escapes::new(b"<>&", &[b"&lt;", b"&gt;", b"&amp;"]);
        assert_eq!(escaped(&THREE, "a<b>å<&\"'"), "a&lt;b&gt;å&lt;&amp;\"'");
        assert!(!THREE.needed_in("Socialnämnden \"Väst\""));
    }

    /// Byte by byte, for comparison.
    fn naive(bytes: &[u8], text: &str) -> String {
        text.chars()
            .map(|c| match c.is_ascii() && bytes.contains(&(c as u8)) {
                true => format!("[{c}]"),
                false => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn finds_the_earliest_of_four_five_or_six_reserved_bytes() {
        // The bytes after the first three are searched for only before the first of those.
        const FOUR: Escapes = Escapes::new(b"<>&\"", &[b"[<]", b"[>]", b"[&]", b"[\"]"]);
        const FIVE: Escapes = Escapes::new(b"<>&\"'", &[b"[<]", b"[>]", b"[&]", b"[\"]", b"[']"]);
        const SIX: Escapes = Escapes::new(
            b"<>&\"' ",
            &[b"[<]", b"[>]", b"[&]", b"[\"]", b"[']", b"[ ]"],
        );
        let long = "Beslut: Socialnämnden i Västra Götaland tar fram en gemensam plan. ".repeat(3);
        let texts = [
            "x' y\"z<w> v&å",
            "<'\"",
            "ingen",
            "",
            "ö\"",
            "a&b'c\"d e",
            &long,
            &format!("{long}<{long}\"{long}'"),
            &format!("{long}'{long}&"),
        ];
        for (escapes, bytes) in [(&FOUR, 4), (&FIVE, 5), (&SIX, 6)] {
            for text in texts {
                let expected = naive(&b"<>&\"' "[..bytes], text);
                assert_eq!(escaped(escapes, text), expected, "{bytes} bytes: {text:?}");
            }
        }
    }
}
