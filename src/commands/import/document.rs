//! What every reader makes of a document: a list of blocks, each a line of text with what
//! the document said about it (a heading style, a list level, a table). Inline emphasis is
//! already Markdown (`**bold**`, `*italic*`).

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A heading style (Word "Heading 2", OpenDocument outline level, Markdown `##`).
    Heading { level: u8, text: String },
    /// A line of text: a paragraph, or a line of one (text extracted line by line).
    Line(String),
    /// A list entry: `depth` 0 is the outer list.
    ListItem {
        ordered: bool,
        depth: usize,
        text: String,
    },
    /// A table, row by row; the first row is the header.
    Table(Vec<Vec<String>>),
    /// A page break (PDF pages, form feeds): where page headers and footers are looked for.
    PageBreak,
}

impl Block {
    /// The block's text (a table's is empty).
    pub(crate) fn text(&self) -> &str {
        match self {
            Block::Heading { text, .. } | Block::Line(text) | Block::ListItem { text, .. } => text,
            Block::Table(_) | Block::PageBreak => "",
        }
    }
}

/// Blocks read from a document, and where they came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    pub(crate) blocks: Vec<Block>,
}
