//! The postings of one stem while the search index is built (see `build::Collected`):
//! compact, since a build holds every stem's until the last document is read.

/// One stem's postings as documents are read: `(doc id, weighted frequency)` in doc id
/// order, each written as two LEB128 varints, the gap from the last id and the frequency
/// in halves (every field weight is a multiple of ½, so the halves are whole). A posting
/// takes two or three bytes instead of eight: at 100,000 meetings the postings of a build
/// are 60 million, 670 MB as pairs.
#[derive(Default)]
pub(crate) struct PostingList {
    bytes: Vec<u8>,
    last: u32,
}

impl PostingList {
    /// Adds a posting; `id` is larger than the last one added.
    pub(crate) fn push(&mut self, id: u32, frequency: f32) {
        let halves = frequency * 2.0;
        debug_assert!(
            halves >= 1.0 && halves.fract() == 0.0,
            "frequency {frequency}"
        );
        let gap = if self.bytes.is_empty() {
            id
        } else {
            id - self.last
        };
        push_varint(&mut self.bytes, gap);
        push_varint(&mut self.bytes, halves as u32);
        self.last = id;
    }

    /// The postings in the order added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let mut bytes = self.bytes.iter().copied();
        let mut id = 0u32;
        let mut first = true;
        std::iter::from_fn(move || {
            let gap = read_varint(&mut bytes)?;
            let halves = read_varint(&mut bytes)?;
            id = if first { gap } else { id + gap };
            first = false;
            Some((id, halves as f32 / 2.0))
        })
    }
}

fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push(value as u8 | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let byte = bytes.next()?;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_added() {
        let added = [
            (0, 0.5),
            (1, 3.0),
            (200, 1.5),
            (70_000, 6.0),
            (u32::MAX, 40_000.0),
        ];
        let mut list = PostingList::default();
        for (id, frequency) in added {
            list.push(id, frequency);
        }
        assert_eq!(list.iter().collect::<Vec<_>>(), added);
        // Close ids and small frequencies take a byte each.
        let mut dense = PostingList::default();
        for id in 0..100 {
            dense.push(id, 1.0);
        }
        assert_eq!(dense.bytes.len(), 200);
        assert_eq!(PostingList::default().iter().count(), 0);
    }
}
