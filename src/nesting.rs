//! How deep a body's HTML nests, measured in one linear pass, so that a body whose sanitising
//! would be slow is refused before it is rendered.
//!
//! A body with raw HTML (or an unusual link) is sanitised by ammonia, whose HTML parser
//! (html5ever) walks its stack of open elements at most tags, so its time is quadratic in the
//! depth (50,000 nested `<div>` take seconds). Formatting elements (`<b>`, `<a>`…) left open and
//! closed by a block are opened again by the parser before each later block, each time (a 42 KB
//! body becomes a page of megabytes). Both stay small in any body a person writes; beyond [`MAX_DEPTH`] levels or
//! [`MAX_UNCLOSED_FORMATTING`] formatting elements left unclosed, the body is an error
//! (`imbrication-trop-profonde`), so that sanitising stays linear in the body's size.
//!
//! The count follows the HTML the Markdown becomes: one level per Markdown container (list,
//! quotation, emphasis…), plus the raw HTML's elements as a parser keeps them open: void elements
//! (`<br>`) and elements a parser closes by itself (`<p>`, `<li>`, `<td>`…) do not count, an end
//! tag (or the end of the Markdown block around) closes the elements opened since its start
//! tag, a formatting element stays counted until its own end tag. It may count more than the
//! parser keeps, never much less.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::toml_fields::Source;

/// Levels of elements a body's HTML may nest.
pub const MAX_DEPTH: usize = 64;
/// Formatting elements (`<b>`, `<i>`, `<a>`…) a body's raw HTML may leave unclosed when the
/// block around them ends: a parser opens each again at every later block.
pub const MAX_UNCLOSED_FORMATTING: usize = 4;

/// The Markdown options bodies are read with.
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Which limit a body passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    Depth,
    UnclosedFormatting,
}

/// Whether `event` makes a body go through the sanitiser: raw HTML, or a link or image whose
/// target is not relative, http(s), mailto or tel.
pub fn needs_sanitising(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !is_safe_url(dest_url)
        }
        _ => false,
    }
}

/// A link target ammonia would keep as it is: relative, or http(s), mailto, tel.
pub fn is_safe_url(url: &str) -> bool {
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// The first limit the events of a body pass, with the range of the event that passed it
/// (events given with their ranges in the body; any ranges will do when only the answer counts).
/// `None` when the body stays within both limits, or is not sanitised at all.
pub fn overflow<'e, E: std::borrow::Borrow<Event<'e>>>(
    events: impl IntoIterator<Item = (E, Range<usize>)>,
) -> Option<(Overflow, Range<usize>)> {
    let mut html = Html::default();
    let mut containers = 0usize;
    // Elements of the raw HTML open when each Markdown container started: its end closes the
    // ones opened inside it, as its end tag does in a parser.
    let mut marks: Vec<usize> = Vec::new();
    let mut first = None;
    let mut sanitised = false;
    for (event, range) in events {
        let event = event.borrow();
        sanitised = sanitised || needs_sanitising(event);
        if first.is_some() {
            if sanitised {
                break;
            }
            continue;
        }
        match event {
            // An HTML block is its HTML alone: no element around it.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(_) => {
                marks.push(html.open.len());
                containers += 1;
                if containers + html.depth() > MAX_DEPTH {
                    // At the container's first character (a list's marker, a quotation's `>`).
                    html.passed = Some((Overflow::Depth, 0..1));
                }
            }
            Event::End(_) => {
                containers = containers.saturating_sub(1);
                let mark = marks.pop().unwrap_or(0);
                if html.close_to(mark) {
                    // At the start of the block whose end left one too many.
                    html.passed = Some((Overflow::UnclosedFormatting, 0..1));
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                html.containers = containers;
                html.feed(text.as_bytes());
            }
            _ => {}
        }
        if let Some((kind, within)) = html.passed.clone() {
            let start = (range.start + within.start).min(range.end);
            first = Some((kind, start..(range.start + within.end).min(range.end)));
        }
    }
    first.filter(|_| sanitised)
}

/// Reports a body (the end of `source.text`) that nests too deep; see the module's description.
pub fn check(source: &Source, body: &str, diagnostics: &mut Diagnostics) {
    let Some((kind, range)) = overflow(Parser::new_ext(body, OPTIONS).into_offset_iter()) else {
        return;
    };
    let offset = source.text.len() - body.len();
    let at = Location::span(
        source.path,
        source.text,
        offset + range.start..offset + range.end,
    );
    let d = match kind {
        Overflow::Depth => Diagnostic::error(
            Code::ImbricationTropProfonde,
            format!("le texte imbrique plus de {MAX_DEPTH} éléments les uns dans les autres"),
        )
        .label(format!("{MAX_DEPTH} niveaux dépassés ici"))
        .help("fermez chaque balise HTML ouverte (<div> … </div>) et réduisez l'imbrication des listes et citations"),
        Overflow::UnclosedFormatting => Diagnostic::error(
            Code::ImbricationTropProfonde,
            format!(
                "le texte laisse plus de {MAX_UNCLOSED_FORMATTING} balises de mise en forme \
                 (<b>, <i>, <a>…) sans leur balise de fin"
            ),
        )
        .label("une de trop reste ouverte ici")
        .help("fermez chaque balise de mise en forme dans le bloc où elle s'ouvre : <p><b>…</b></p>"),
    };
    diagnostics.push(d.at(at));
}

/// Void elements: a parser never keeps them open.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "image", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
];
/// Elements a parser closes by itself when a sibling or a block starts.
const CLOSED_BY_PARSER: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp",
];
/// Elements a parser opens again after a block closed them, until their own end tag.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Text,
    /// After `<` (or `</`).
    Open,
    Name,
    /// Inside a tag after its name; `after_equals` when a value may start with a quote.
    Attributes {
        after_equals: bool,
    },
    Quoted(u8),
    /// `<!` then up to two `-`.
    Bang(u8),
    /// Just after `<!--`, then after `<!---`: a `>` there ends the comment.
    CommentStart,
    CommentStartDash,
    /// A comment: how many `-` were just seen (at most 2).
    Comment(u8),
    /// `--!` in a comment: a `>` ends it.
    CommentBang,
    /// `<!DOCTYPE…>`, `<?…>`, `</ …>`: up to the next `>`.
    Markup,
}

/// The raw HTML's open elements, fed the HTML of a body piece by piece.
#[derive(Debug, Default)]
struct Html {
    state: State,
    closing: bool,
    name: String,
    /// Open elements, innermost last, and how many of each name are open.
    open: Vec<String>,
    counts: HashMap<String, usize>,
    /// Formatting elements not closed by their own end tag yet, and how many of them are open.
    formatting: Vec<String>,
    formatting_open: usize,
    /// Markdown containers around the HTML being fed.
    containers: usize,
    /// The first limit passed, and where: the bytes of the tag that passed it in the piece fed.
    passed: Option<(Overflow, Range<usize>)>,
    /// Where the tag being read started in the piece being fed.
    tag_start: usize,
}

impl Html {
    fn depth(&self) -> usize {
        self.open.len() + self.formatting.len()
    }

    /// Closes the open elements beyond the first `len`; whether that left more formatting
    /// elements unclosed than allowed, for the first time.
    fn close_to(&mut self, len: usize) -> bool {
        while self.open.len() > len {
            self.pop();
        }
        self.check_unclosed()
    }

    fn pop(&mut self) -> Option<String> {
        let top = self.open.pop()?;
        if let Some(n) = self.counts.get_mut(&top) {
            *n -= 1;
        }
        if FORMATTING.contains(&top.as_str()) {
            self.formatting_open = self.formatting_open.saturating_sub(1);
        }
        Some(top)
    }

    fn check_unclosed(&self) -> bool {
        self.passed.is_none()
            && self.formatting.len().saturating_sub(self.formatting_open) > MAX_UNCLOSED_FORMATTING
    }

    fn feed(&mut self, bytes: &[u8]) {
        // A tag begun in an earlier piece is placed at the start of this one.
        self.tag_start = 0;
        for (at, &b) in bytes.iter().enumerate() {
            self.state = match self.state {
                State::Text if b == b'<' => {
                    self.tag_start = at;
                    self.closing = false;
                    self.name.clear();
                    State::Open
                }
                State::Text => State::Text,
                State::Open if b == b'/' && !self.closing => {
                    self.closing = true;
                    State::Open
                }
                State::Open if b.is_ascii_alphabetic() => {
                    self.name.push(char::from(b.to_ascii_lowercase()));
                    State::Name
                }
                State::Open if b == b'!' && !self.closing => State::Bang(0),
                State::Open if b == b'<' => {
                    self.closing = false;
                    State::Open
                }
                State::Open if b == b'?' || self.closing => {
                    if b == b'>' {
                        State::Text
                    } else {
                        State::Markup
                    }
                }
                State::Open => State::Text,
                // As in HTML parsers: a name runs to a space, `/` or `>`.
                State::Name if !(b.is_ascii_whitespace() || b == b'/' || b == b'>') => {
                    self.name.push(char::from(b.to_ascii_lowercase()));
                    State::Name
                }
                State::Name | State::Attributes { .. } if b == b'>' => {
                    self.tag(self.tag_start..at + 1);
                    State::Text
                }
                State::Name => State::Attributes {
                    after_equals: false,
                },
                State::Attributes { .. } if b == b'=' => State::Attributes { after_equals: true },
                State::Attributes { after_equals: true } if b == b'"' || b == b'\'' => {
                    State::Quoted(b)
                }
                State::Attributes { after_equals } if b.is_ascii_whitespace() => {
                    State::Attributes { after_equals }
                }
                State::Attributes { .. } => State::Attributes {
                    after_equals: false,
                },
                State::Quoted(quote) if b == quote => State::Attributes {
                    after_equals: false,
                },
                State::Quoted(quote) => State::Quoted(quote),
                State::Bang(n) if b == b'-' => {
                    if n == 1 {
                        State::CommentStart
                    } else {
                        State::Bang(1)
                    }
                }
                State::Bang(_) | State::Markup if b == b'>' => State::Text,
                State::Bang(_) | State::Markup => State::Markup,
                State::CommentStart | State::CommentStartDash if b == b'>' => State::Text,
                State::CommentStart if b == b'-' => State::CommentStartDash,
                State::CommentStartDash if b == b'-' => State::Comment(2),
                State::Comment(dashes) if b == b'-' => State::Comment((dashes + 1).min(2)),
                State::Comment(2) if b == b'>' => State::Text,
                State::Comment(2) if b == b'!' => State::CommentBang,
                State::CommentBang if b == b'>' => State::Text,
                State::CommentStart
                | State::CommentStartDash
                | State::Comment(_)
                | State::CommentBang => State::Comment(0),
            };
        }
    }

    /// A start or end tag whose name is `self.name` just ended, at `bytes` of the piece fed.
    fn tag(&mut self, bytes: Range<usize>) {
        let name = self.name.as_str();
        if self.closing {
            if FORMATTING.contains(&name)
                && let Some(at) = self.formatting.iter().rposition(|n| n == name)
            {
                self.formatting.remove(at);
            }
            if self.counts.get(name).is_some_and(|&n| n > 0) {
                let name = name.to_owned();
                while let Some(top) = self.pop() {
                    if top == name {
                        break;
                    }
                }
            }
            if self.check_unclosed() {
                self.passed = Some((Overflow::UnclosedFormatting, bytes));
            }
        } else if !VOID.contains(&name) && !CLOSED_BY_PARSER.contains(&name) {
            if FORMATTING.contains(&name) {
                self.formatting.push(name.to_owned());
                self.formatting_open += 1;
            }
            *self.counts.entry(name.to_owned()).or_default() += 1;
            self.open.push(name.to_owned());
            if self.passed.is_none() && self.containers + self.depth() > MAX_DEPTH {
                self.passed = Some((Overflow::Depth, bytes));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_depth(html: &str) -> (usize, usize) {
        let mut h = Html::default();
        // Fed in small pieces, as a body's HTML comes line by line.
        for piece in html.as_bytes().chunks(3) {
            h.feed(piece);
        }
        (h.open.len(), h.formatting.len())
    }

    #[test]
    fn raw_html_counts_the_elements_a_parser_keeps_open() {
        assert_eq!(html_depth("<div><div class=\"a>b\"><span>x</span>"), (2, 0));
        assert_eq!(html_depth("<div><section></div>"), (0, 0));
        assert_eq!(html_depth("<DIV><Div></div>"), (1, 0));
        assert_eq!(html_depth("<p><p><li><br><img src=x><hr/>"), (0, 0));
        assert_eq!(html_depth("<div></span></x><div>"), (2, 0));
        assert_eq!(
            html_depth("<!-- <div> --><!DOCTYPE html><?x <div>?><div>"),
            (1, 0)
        );
        assert_eq!(html_depth("<!--><div><!---><div><!-- x --!><div>"), (3, 0));
        // Names run to a space, `/` or `>`: `</div.y>` closes no `<div.x>`.
        assert_eq!(html_depth("<div.x></div.y><div.x></div.x>"), (1, 0));
        assert_eq!(html_depth("<a title=\"<div>\" data-x='<div>'>"), (1, 1));
        // A quote that opens no value opens no string either.
        assert_eq!(html_depth("<a \"><div><div>"), (3, 1));
        assert_eq!(html_depth("1 < 2 et 3 <= 4 </ x> <div>"), (1, 0));
        // Closed by a block, a formatting element stays counted until its own end tag.
        assert_eq!(html_depth("<div><b></div><div><i></div>"), (0, 2));
        assert_eq!(html_depth("<div><b></div></b>"), (0, 0));
    }

    fn check_body(body: &str) -> Option<(Overflow, Range<usize>)> {
        let events: Vec<(Event, Range<usize>)> =
            Parser::new_ext(body, OPTIONS).into_offset_iter().collect();
        overflow(events.iter().map(|(e, r)| (e, r.clone())))
    }

    #[test]
    fn limits_apply_to_sanitised_bodies_and_say_where() {
        let deep = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(check_body(&deep(MAX_DEPTH - 2)), None);
        let (kind, range) = check_body(&format!("Texte.\n\n{}", deep(50_000))).unwrap();
        assert_eq!(kind, Overflow::Depth);
        let at = "Texte.\n\n".len() + MAX_DEPTH * "<div>".len();
        assert_eq!(range, at..at + "<div>".len());
        // Markdown containers count too, once the body has raw HTML.
        let quotes = format!("{} <b>x</b>", ">".repeat(MAX_DEPTH + 1));
        assert_eq!(check_body(&quotes).map(|o| o.0), Some(Overflow::Depth));
        assert_eq!(check_body(&quotes.replace("<b>x</b>", "x")), None);
        let link = format!("{} [x](data:x)", ">".repeat(MAX_DEPTH + 1));
        assert_eq!(check_body(&link).map(|o| o.0), Some(Overflow::Depth));
        let formatting: String = (0..=MAX_UNCLOSED_FORMATTING)
            .map(|i| format!("<div><b id={i}></div>"))
            .collect();
        assert_eq!(
            check_body(&formatting).map(|o| o.0),
            Some(Overflow::UnclosedFormatting)
        );
        // Closed by the end of a Markdown paragraph, too.
        let paragraphs = "Un <b>gras\n\n".repeat(MAX_UNCLOSED_FORMATTING + 1);
        let (kind, range) = check_body(&paragraphs).unwrap();
        assert_eq!(kind, Overflow::UnclosedFormatting);
        let last = "Un <b>gras\n\n".len() * MAX_UNCLOSED_FORMATTING;
        assert_eq!(range, last..last + 1);
        assert_eq!(
            check_body(&"Un <b>gras\n\n".repeat(MAX_UNCLOSED_FORMATTING)),
            None
        );
        // Formatting elements nested and closed are no more than their depth.
        let nested =
            "<b><i><u><s><em><strong><code><a href=x>x</a></code></strong></em></s></u></i></b>";
        assert_eq!(check_body(&nested.repeat(1000)), None);
        // Well-formed HTML of any length is fine.
        let long = "<div><p><b>a</b> <i>b</i></p><ul><li>c</li></ul></div>\n".repeat(20_000);
        assert_eq!(check_body(&long), None);
    }
}
