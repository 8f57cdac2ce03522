//! The HTML of a meeting's items as the model keeps it: one string per meeting, packed
//! into one LZ4 block in a large archive. It is the bulk of the model (at 100,000 meetings
//! 670 MB of 1.8 GB) and is read a few times per build (the meeting's page, the search
//! index, archive.json), each time all of a meeting's items together: unpacking a meeting
//! takes microseconds, and packed it takes less than half the memory (items one by one
//! would pack to three quarters).
//!
//! Packing and unpacking cost 6–7 % of a build's instructions, for memory that only a
//! large archive needs: the Markdown step joins the texts ([`PackedTexts::join`]), and the
//! build compresses them ([`PackedTexts::compress`]) when the archive holds more than
//! [`COMPRESS_ABOVE`] meetings.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// Above this many meetings the items' HTML is kept compressed: at 20,000 meetings the
/// plain texts are about 130–300 MB (bench and heavy corpora), and a 100,000-meeting
/// build's peak (issue 23: ≤ 3 GB) needs the 400 MB that compressing saves.
pub(crate) const COMPRESS_ABOVE: usize = 20_000;

/// Texts kept together; [`PackedTexts::unpack`] gives them back.
#[derive(Clone, Default)]
pub(crate) struct PackedTexts {
    joined: Joined,
    /// Where each text ends in the joined (unpacked) text.
    ends: Box<[u32]>,
}

#[derive(Clone)]
enum Joined {
    /// The texts one after the other.
    Plain(Box<str>),
    /// The same, LZ4-compressed, the unpacked size first.
    Compressed(Box<[u8]>),
}

impl Default for Joined {
    fn default() -> Self {
        Joined::Plain("".into())
    }
}

impl PackedTexts {
    /// The texts joined, not compressed.
    pub(crate) fn join<'a>(texts: impl IntoIterator<Item = &'a str>) -> PackedTexts {
        let mut joined = String::new();
        let mut ends = Vec::new();
        for text in texts {
            joined.push_str(text);
            ends.push(u32::try_from(joined.len()).expect("a meeting's HTML is under 4 GB"));
        }
        PackedTexts {
            joined: Joined::Plain(joined.into()),
            ends: ends.into(),
        }
    }

    /// The texts joined and compressed.
    #[cfg(test)]
    pub(crate) fn pack<'a>(texts: impl IntoIterator<Item = &'a str>) -> PackedTexts {
        let mut packed = PackedTexts::join(texts);
        packed.compress();
        packed
    }

    /// Compresses the texts, unless they are already.
    pub(crate) fn compress(&mut self) {
        if let Joined::Plain(text) = &self.joined {
            self.joined =
                Joined::Compressed(lz4_flex::compress_prepend_size(text.as_bytes()).into());
        }
    }

    pub(crate) fn is_compressed(&self) -> bool {
        matches!(self.joined, Joined::Compressed(_))
    }

    pub(crate) fn unpack(&self) -> UnpackedTexts<'_> {
        let joined = match &self.joined {
            Joined::Plain(text) => Cow::Borrowed(&**text),
            Joined::Compressed(bytes) => {
                let bytes = lz4_flex::decompress_size_prepended(bytes)
                    .expect("the bytes were packed by PackedTexts::compress");
                Cow::Owned(String::from_utf8(bytes).expect("packed from strings"))
            }
        };
        UnpackedTexts {
            joined,
            ends: &self.ends,
        }
    }
}

/// Equal texts, whether kept compressed or not.
impl PartialEq for PackedTexts {
    fn eq(&self, other: &Self) -> bool {
        if self.ends != other.ends {
            return false;
        }
        match (&self.joined, &other.joined) {
            (Joined::Plain(a), Joined::Plain(b)) => a == b,
            (Joined::Compressed(a), Joined::Compressed(b)) => a == b,
            _ => self.unpack().joined == other.unpack().joined,
        }
    }
}

impl Eq for PackedTexts {}

/// The texts of a [`PackedTexts`], unpacked.
pub(crate) struct UnpackedTexts<'a> {
    joined: Cow<'a, str>,
    ends: &'a [u32],
}

impl UnpackedTexts<'_> {
    /// The `i`th text.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.joined[start..self.ends[i] as usize]
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

impl fmt::Debug for PackedTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.unpack().iter()).finish()
    }
}

/// As the list of texts.
impl Serialize for PackedTexts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.unpack().iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_packed() {
        let texts = [
            "<p>Första.</p>\n",
            "",
            "<p>Andra: åäö.</p>\n<p>Andra: åäö.</p>\n",
        ];
        let packed = PackedTexts::pack(texts);
        assert_eq!(packed.unpack().iter().collect::<Vec<_>>(), texts);
        assert_eq!(packed.unpack().get(2), texts[2]);
        let Joined::Compressed(bytes) = &packed.joined else {
            panic!("pack compresses");
        };
        assert!(bytes.len() < texts.iter().map(|t| t.len()).sum::<usize>());
        assert_eq!(PackedTexts::default().unpack().iter().count(), 0);
        let joined = PackedTexts::join(texts);
        assert!(!joined.is_compressed() && packed.is_compressed());
        assert_eq!(joined.unpack().iter().collect::<Vec<_>>(), texts);
        // Equal whichever way they are kept; texts that differ are not.
        assert_eq!(joined, packed);
        assert_ne!(PackedTexts::join(["<p>Första.</p>\n", "", "x"]), packed);
        let mut compressed = joined.clone();
        compressed.compress();
        assert!(compressed.is_compressed());
        assert_eq!(compressed, joined);
    }
}
