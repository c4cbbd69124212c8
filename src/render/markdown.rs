//! Markdown bodies to safe HTML: CommonMark plus tables, headings moved under the page's own
//! (a `#` in a body becomes an `<h3>`, so each page keeps one `<h1>`), raw HTML sanitised.
//!
//! Sanitising (ammonia re-parses the HTML) is most of the cost of a body, and only raw HTML or
//! an unusual link scheme can make Markdown unsafe: a body with neither skips it. Links then get
//! the same `rel="noopener noreferrer"` as ammonia gives them.

use std::sync::LazyLock;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::nesting;

/// Levels a body's headings are pushed down by: the page has `<h1>` and a `<h2>` section title.
const SHIFT: usize = 2;

fn shift(level: HeadingLevel) -> HeadingLevel {
    match (level as usize + SHIFT).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders Markdown written by editors to HTML that is safe to put in a page.
pub fn to_html(markdown: &str) -> String {
    to_html_and_text(markdown).0
}

/// [`to_html`], and the text of that HTML when it comes for free: words and the characters
/// between them as a reader sees them, a line break wherever a block starts or ends, nothing
/// between inline elements (`un <em>plan</em>` → `un plan`), an image's alternative text left
/// out as the HTML's tag is. `None` when the body needed sanitising: only the sanitised HTML
/// tells what is left of it.
pub fn to_html_and_text(markdown: &str) -> (String, Option<String>) {
    if markdown.trim().is_empty() {
        return (String::new(), Some(String::new()));
    }
    let events: Vec<Event> = Parser::new_ext(markdown, nesting::OPTIONS).collect();
    let needs_sanitising = events.iter().any(nesting::needs_sanitising);
    if needs_sanitising && nesting::overflow(events.iter().map(|e| (e, 0..0))).is_some() {
        // Sanitising it would take time quadratic in its size. Validation refuses such a body
        // (`imbrication-trop-profonde`); a text it does not see (the site's description) is
        // shown as it is written, which needs no sanitising.
        let mut html = String::from("<pre>");
        let _ = pulldown_cmark_escape::escape_html(&mut html, markdown);
        html.push_str("</pre>\n");
        return (replace_controls(html), None);
    }
    let text = (!needs_sanitising).then(|| text_of(&events, markdown.len()));
    let events = for_page(events, needs_sanitising);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if needs_sanitising {
        (replace_controls(SANITIZER.clean(&html).to_string()), None)
    } else {
        (replace_controls(html), text.map(replace_controls))
    }
}
/// The events of a body as its page shows them: headings shifted under the page's own, and
/// what ammonia would remove left out (a code block's language class, a table cell's
/// alignment style). Links get ammonia's `rel` here when the HTML is not `sanitised`.
fn for_page<'a>(
    events: impl IntoIterator<Item = Event<'a>>,
    sanitised: bool,
) -> impl Iterator<Item = Event<'a>> {
    events.into_iter().map(move |event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) if !sanitised => Event::Html(link_start(&dest_url, &title)),
        Event::End(TagEnd::Link) if !sanitised => Event::Html(CowStr::Borrowed("</a>")),
        // What ammonia would remove, the fast path does not write either: a code block's
        // `class="language-…"` and a table cell's `style="text-align: …"` (which the pages'
        // Content-Security-Policy would block anyway).
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
        }
        Event::Start(Tag::Table(alignments)) => {
            Event::Start(Tag::Table(vec![Alignment::None; alignments.len()]))
        }
        other => other,
    })
}

/// `text` with each control character but tab, line feed and carriage return (C0, DEL, C1)
/// replaced by U+FFFD `�`: a byte from the body, from `&#27;` or from raw HTML that has no
/// place in a page (the HTML standard makes it a parse error) and could reach a terminal that
/// prints the page. The replacement shows the editor where the character was.
fn replace_controls(text: String) -> String {
    if !text.chars().any(is_control) {
        return text;
    }
    text.chars()
        .map(|c| if is_control(c) { '\u{fffd}' } else { c })
        .collect()
}

/// A control character but tab, line feed and carriage return: C0, DEL or C1.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The text of the HTML that `events` (without raw HTML) become; see [`to_html_and_text`].
fn text_of(events: &[Event], capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    let mut in_image = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                text.push('\n');
            }
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // Inline elements: no break between words.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            // Blocks, breaks, rules and anything else: a break.
            _ => text.push('\n'),
        }
    }
    text
}

/// Removes scripts, frames, event attributes and `javascript:` links; keeps ordinary markup.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some("noopener noreferrer"));
    builder
});

/// `<a href="…" rel="noopener noreferrer">`, attributes escaped.
fn link_start(url: &str, title: &str) -> CowStr<'static> {
    let mut tag = String::from("<a href=\"");
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut tag, url);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut tag, title);
        tag.push('"');
    }
    tag.push_str(" rel=\"noopener noreferrer\">");
    CowStr::from(tag)
}

#[cfg(test)]
mod fast_path_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nesting::is_safe_url;

    #[test]
    fn renders_paragraphs_lists_and_tables() {
        assert_eq!(to_html("Un *texte*."), "<p>Un <em>texte</em>.</p>\n");
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"));
        assert_eq!(to_html("  \n"), "");
    }

    #[test]
    fn headings_are_moved_under_the_page_title() {
        assert_eq!(to_html("# Titre"), "<h3>Titre</h3>\n");
        assert_eq!(to_html("##### Bas"), "<h6>Bas</h6>\n");
    }

    #[test]
    fn links_get_rel_with_or_without_sanitising() {
        assert_eq!(
            to_html("[a](https://x.be/?q=1&r=\"2\")"),
            "<p><a href=\"https://x.be/?q=1&amp;r=%222%22\" rel=\"noopener noreferrer\">a</a></p>\n"
        );
        assert_eq!(
            to_html("[a](../b.html \"Titre\") <b>gras</b>"),
            "<p><a href=\"../b.html\" title=\"Titre\" rel=\"noopener noreferrer\">a</a> <b>gras</b></p>\n"
        );
        let unsafe_link = to_html("[x](javascript:alert(1)) [y](JavaScript:alert(2))");
        assert!(
            !unsafe_link.to_lowercase().contains("javascript"),
            "{unsafe_link}"
        );
        assert!(is_safe_url("mailto:a@b.be") && is_safe_url("#x") && is_safe_url("a/b:c"));
        assert!(!is_safe_url("data:text/html,x") && !is_safe_url("vbscript:x"));
    }

    #[test]
    fn controls_but_tabs_and_line_ends_are_replaced() {
        for (text, replaced) in [
            ("\u{1b}", "\u{fffd}"),
            ("x\u{0}y", "x\u{fffd}y"),
            ("\u{7f}", "\u{fffd}"),
            ("« \u{9b} »", "« \u{fffd} »"),
            ("\t\n\r", "\t\n\r"),
            (
                "« guillemets »\u{a0}: ¿° été",
                "« guillemets »\u{a0}: ¿° été",
            ),
        ] {
            assert_eq!(replace_controls(text.to_owned()), replaced, "{text:?}");
        }
    }

    #[test]
    fn control_characters_never_reach_the_html() {
        let body = "Un \u{1b}[31m rouge\u{0}, \u{7}\u{7f}\u{9b}2J &#27; &#x85;\t\r\nfin\u{c}";
        let (html, text) = to_html_and_text(body);
        assert_eq!(
            html,
            "<p>Un \u{fffd}[31m rouge\u{fffd}, \u{fffd}\u{fffd}\u{fffd}2J \u{fffd} \u{fffd}\nfin</p>\n"
        );
        assert!(!text.unwrap().chars().any(|c| c.is_control() && c != '\n'));
        let raw = to_html("<b title=\"\u{1b}\">\u{1b}&#27;</b>");
        assert_eq!(raw, "<p><b title=\"\u{fffd}\">\u{fffd}\u{fffd}</b></p>\n");
        assert_eq!(
            replace_controls("Égalité\t« a »\n".to_owned()),
            "Égalité\t« a »\n"
        );
    }

    #[test]
    fn a_body_too_deep_to_sanitise_is_shown_as_written() {
        let deep = format!("{}<script>x</script>", "<div>".repeat(100_000));
        let (html, text) = to_html_and_text(&deep);
        assert!(
            html.starts_with("<pre>&lt;div&gt;&lt;div&gt;"),
            "{}",
            &html[..40]
        );
        assert!(html.ends_with("&lt;script&gt;x&lt;/script&gt;</pre>\n"));
        assert_eq!(text, None);
    }

    #[test]
    fn dangerous_html_is_removed() {
        let html = to_html(
            "<script>alert(1)</script><iframe src=x></iframe>\
             <a href=\"javascript:alert(1)\" onclick=\"x()\">lien</a>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("iframe"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("lien"));
    }
}
