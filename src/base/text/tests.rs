use super::*;

#[test]
fn html_becomes_plain_text() {
    let html = "<h3 id=\"x\">Rubrik</h3>\n<p>Ett &amp; två &lt;tre&gt; &#246;&#x41; &hellip;</p>\n\
                <ul>\n<li>a <em>b</em></li>\n<li title=\"1>2\">c</li>\n</ul>\n\
                <script>alert(1)</script><p>slut &amp</p>";
    assert_eq!(
        text_lines(html),
        "Rubrik\nEtt & två <tre> öA &hellip;\n- a b\n- c\nslut &amp"
    );
}

/// `html` as plain text in both layouts.
fn assert_layouts(html: &str, lines: &str, one_line: &str) {
    assert_eq!(plain_text(html, TextLayout::Lines), lines);
    assert_eq!(plain_text(html, TextLayout::OneLine), one_line);
}

#[test]
fn plain_text_treats_every_unicode_space_as_white_space_and_keeps_words_whole() {
    // Vertical tab, em space (U+2003), ideographic space (U+3000) and no-break space are
    // white space; å, ö and the en dash are not.
    assert_layouts(
        "<p>\u{b}å\u{2003}\u{2003}ö\u{3000}–x\u{a0}\r\n  y</p><p>\t</p><p>sista ordet</p>",
        "å ö –x\ny\nsista ordet",
        "å ö –x y sista ordet",
    );
}

/// White space collapsed one character at a time: what [`Collapsed`] does in runs.
fn collapse_char_by_char(text: &str, separator: char) -> String {
    let (mut out, mut in_line, mut space_pending) = (String::new(), false, false);
    for c in text.chars() {
        if c == '\n' {
            (in_line, space_pending) = (false, false);
        } else if c.is_whitespace() {
            space_pending = in_line;
        } else {
            if !in_line && !out.is_empty() {
                out.push(separator);
            } else if space_pending {
                out.push(' ');
            }
            (in_line, space_pending) = (true, false);
            out.push(c);
        }
    }
    out
}

#[test]
fn collapsing_in_runs_matches_collapsing_char_by_char() {
    let pieces = [
        "a", "å", "–", "x y", " ", "  ", "\n", "\t", "\r", "\u{b}", "\u{85}", "\u{a0}", "\u{2003}",
        "\u{3000}",
    ];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        texts = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        for text in &texts {
            for (layout, separator) in [(TextLayout::Lines, '\n'), (TextLayout::OneLine, ' ')] {
                let mut collapsed = Collapsed::new(0, layout);
                // Pushed in two parts, as plain_text pushes the text between tags.
                let middle = text.char_indices().nth(2).map_or(text.len(), |(i, _)| i);
                collapsed.push(&text[..middle]);
                collapsed.push(&text[middle..]);
                assert_eq!(
                    collapsed.out,
                    collapse_char_by_char(text, separator),
                    "{text:?} ({layout:?})"
                );
            }
        }
    }
}

#[test]
fn plain_text_collapses_white_space_and_keeps_line_breaks_of_the_source() {
    assert_layouts(
        "<p>  rad ett\n  rad   två&nbsp;och\tflik  </p><P>Stor</P><UL><LI>x</LI></UL><td>a</td><th>b</th>",
        "rad ett\nrad två och flik\nStor\n- x\na b",
        "rad ett rad två och flik Stor x a b",
    );
    assert_eq!(plain_text("", TextLayout::Lines), "");
    assert_eq!(plain_text(" \n <br> \n", TextLayout::OneLine), "");
}
