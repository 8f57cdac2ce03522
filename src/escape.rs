//! Escaping while writing: copies text to a writer, replacing the few ASCII bytes an output
//! format reserves. Shared by the HTML escaping of templates and the percent-encoding of
//! links (`render`) and the script-safe JSON of `archive.json` (`feeds`).

use std::io::Write;

/// Writes `text` to `out`, with every byte that `escape` maps to a replacement replaced.
/// Only ASCII bytes may be replaced, so UTF-8 sequences stay whole.
pub fn write_escaped<W: Write + ?Sized>(
    out: &mut W,
    text: &str,
    escape: impl Fn(u8) -> Option<&'static [u8]>,
) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if let Some(replacement) = escape(byte) {
            out.write_all(&bytes[copied..i])?;
            out.write_all(replacement)?;
            copied = i + 1;
        }
    }
    out.write_all(&bytes[copied..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_what_it_is_told_to() {
        let mut out = Vec::new();
        let escape = |b| (b == b'<').then_some(&b"&lt;"[..]);
        write_escaped(&mut out, "a<b>å<", escape).unwrap();
        assert_eq!(out, "a&lt;b>å&lt;".as_bytes());
    }
}
