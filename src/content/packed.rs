//! The HTML of a meeting's items as the model keeps it: packed into one LZ4 block per
//! meeting. It is the bulk of the model (at 100,000 meetings 670 MB of 1.8 GB) and is read
//! a few times per build (the meeting's page, the search index, archive.json), each time
//! all of a meeting's items together: unpacking a meeting takes microseconds, and packed
//! it takes less than half the memory (items one by one would pack to three quarters).

use std::fmt;

use serde::{Serialize, Serializer};

/// Texts packed together; [`PackedTexts::unpack`] gives them back.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct PackedTexts {
    /// The texts one after the other, LZ4-compressed, the unpacked size first.
    bytes: Box<[u8]>,
    /// Where each text ends in the unpacked bytes.
    ends: Box<[u32]>,
}

impl PackedTexts {
    pub(crate) fn pack<'a>(texts: impl IntoIterator<Item = &'a str>) -> PackedTexts {
        let mut joined = String::new();
        let mut ends = Vec::new();
        for text in texts {
            joined.push_str(text);
            ends.push(u32::try_from(joined.len()).expect("a meeting's HTML is under 4 GB"));
        }
        PackedTexts {
            bytes: lz4_flex::compress_prepend_size(joined.as_bytes()).into(),
            ends: ends.into(),
        }
    }

    pub(crate) fn unpack(&self) -> UnpackedTexts<'_> {
        if self.bytes.is_empty() {
            return UnpackedTexts {
                joined: String::new(),
                ends: &[],
            };
        }
        let bytes = lz4_flex::decompress_size_prepended(&self.bytes)
            .expect("the bytes were packed by PackedTexts::pack");
        UnpackedTexts {
            joined: String::from_utf8(bytes).expect("packed from strings"),
            ends: &self.ends,
        }
    }
}

/// The texts of a [`PackedTexts`], unpacked.
pub(crate) struct UnpackedTexts<'a> {
    joined: String,
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
        assert!(packed.bytes.len() < texts.iter().map(|t| t.len()).sum::<usize>());
        assert_eq!(PackedTexts::default().unpack().iter().count(), 0);
    }
}
