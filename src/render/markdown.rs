//! Markdown bodies to safe HTML: CommonMark plus tables, headings moved under the page's own
//! (a `#` in a body becomes an `<h3>`, so each page keeps one `<h1>`), raw HTML sanitised.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    if markdown.trim().is_empty() {
        return String::new();
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
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
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html)
}

/// Removes scripts, frames, event attributes and `javascript:` links; keeps ordinary markup.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
