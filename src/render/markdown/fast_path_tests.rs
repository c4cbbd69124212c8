//! The fast path of [`to_html`] (no ammonia for a body without raw HTML nor an unusual link
//! scheme) must give the HTML ammonia gives: the same tags, attributes and text as an HTML
//! parser reads them (the bytes differ in how they are written: `<hr />` for `<hr>`, `&quot;`
//! for `"`).
//! Checked on every body of the shipped register, every Markdown file of `tests/fixtures/`,
//! and a few thousand bodies generated from seeds.

use std::fs;
use std::path::Path;

use pulldown_cmark::Parser;

use super::*;

/// Generated bodies (about 2,200 of them plain): enough to meet every construct of the
/// generator many times over, few enough to run in about 4 s in a debug build.
const GENERATED: u64 = 3_200;

/// The HTML of `markdown` through ammonia: the page's events ([`for_page`], as sanitised) made
/// HTML and cleaned, as [`to_html_and_text`] does for a body that needs sanitising.
fn through_ammonia(markdown: &str) -> String {
    let events = for_page(Parser::new_ext(markdown, nesting::OPTIONS), true);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    replace_controls(SANITIZER.clean(&html).to_string())
}

/// `html` as an HTML parser reads it: tags with their attributes, and text with character
/// references decoded, one item each. Two HTML texts with the same tokens make the same
/// document, however they are written (`<hr />` or `<hr>`, `&quot;` or `"`).
fn tokens(html: &str) -> Vec<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    #[derive(Default)]
    struct Sink(RefCell<Vec<String>>);

    impl TokenSink for Sink {
        type Handle = ();

        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut out = self.0.borrow_mut();
            let mut text = |t: &str| match out.last_mut() {
                Some(last) if last.starts_with("texte ") => last.push_str(t),
                _ => out.push(format!("texte {t}")),
            };
            match token {
                Token::CharacterTokens(t) => text(&t),
                Token::NullCharacterToken => text("\0"),
                Token::TagToken(tag) => {
                    let mut item = match tag.kind {
                        TagKind::StartTag => format!("<{}", tag.name),
                        TagKind::EndTag => format!("</{}", tag.name),
                    };
                    for attribute in &tag.attrs {
                        item.push_str(&format!(
                            " {}={:?}",
                            attribute.name.local, &*attribute.value
                        ));
                    }
                    // `/>` means nothing on an element without content; elsewhere it would.
                    let void = matches!(&*tag.name, "br" | "hr" | "img" | "input" | "col");
                    if tag.self_closing && !void {
                        item.push_str(" /");
                    }
                    item.push('>');
                    out.push(item);
                }
                Token::CommentToken(c) => out.push(format!("<!--{c}-->")),
                Token::DoctypeToken(d) => out.push(format!("{d:?}")),
                Token::ParseError(_) | Token::EOFToken => {}
            }
            TokenSinkResult::Continue
        }
    }

    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// A body the fast path takes. (A body of white space only, U+00A0 included, is left empty
/// before either path.)
fn is_plain(markdown: &str) -> bool {
    !markdown.trim().is_empty()
        && !Parser::new_ext(markdown, nesting::OPTIONS).any(|e| nesting::needs_sanitising(&e))
}

/// `None` when the fast path gives what ammonia gives for `markdown`, else what differs.
fn difference(markdown: &str) -> Option<String> {
    let (fast, slow) = (to_html(markdown), through_ammonia(markdown));
    let (fast_tokens, slow_tokens) = (tokens(&fast), tokens(&slow));
    let first = fast_tokens.iter().zip(&slow_tokens).find(|(x, y)| x != y);
    (fast_tokens != slow_tokens).then(|| {
        format!(
            "body: {markdown:?}\nfast:    {fast:?}\nammonia: {slow:?}\nfirst difference: {first:?}"
        )
    })
}

/// The Markdown after the front matter of a file (all of it when there is no front matter).
fn body_of(text: &str) -> &str {
    text.splitn(3, "+++").nth(2).unwrap_or(text)
}

/// The bodies of every `.md` file under `dir`.
fn bodies_under(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let text = fs::read_to_string(e.path()).ok()?;
            Some((e.path().display().to_string(), body_of(&text).to_owned()))
        })
        .collect()
}

/// A small deterministic generator (SplitMix64): the same seed always gives the same body.
struct Seed(u64);

impl Seed {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A link target, now and then one ammonia changes.
    fn url(&mut self) -> &'static str {
        if self.below(20) == 0 {
            self.pick(UNSAFE_URLS)
        } else {
            self.pick(URLS)
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "synergie",
    "CPAS",
    "Ville",
    "Égalité",
    "l'accueil",
    "« guillemets »",
    "\"double\"",
    "'simple'",
    "a & b",
    "1 < 2",
    "3 > 2",
    "&amp;",
    "&eacute;",
    "&#39;",
    "&#x41;",
    "&nbsp;",
    "&copy;",
    "&unknown;",
    "&#0;",
    "\u{a0}",
    "\u{1b}[31m",
    "x\u{7f}",
    "\u{85}",
    "€",
    "😀",
    "100 %",
    "[^1]",
    "[^note]:",
    "\\*",
    "\\<b>",
    "`",
    "~",
    "~~",
    "_",
    "*",
    "**",
    "|",
    "\\|",
    "http://exemple.be",
    "www.exemple.be",
    "a@b.be",
    "=",
    "/",
    "\\",
];

const URLS: &[&str] = &[
    "https://www.mons.be/",
    "http://exemple.be/a?b=1&c=2",
    "https://x.be/?q=\"guillemets\"",
    "https://x.be/'simple'",
    "https://x.be/a b",
    "https://x.be/é à",
    "https://x.be/%20%22",
    "mailto:cpas@mons.be",
    "tel:+3265000000",
    "HTTPS://EXEMPLE.BE",
    "../grh/plan.html",
    "./a.html#section",
    "#ancre",
    "?q=1",
    "/absolu",
    "a/b:c",
    "fiche.html",
    "",
    "https://x.be/<b>",
    "https://x.be/&amp;",
    "https://x.be/\\",
    "https://x.be/`",
];

/// Targets ammonia changes: a body with one of them is not plain, and must be seen as such.
const UNSAFE_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JavaScript:alert('x')",
    "data:text/html,x",
    "vbscript:x",
    "ftp://exemple.be",
];

/// Link titles, written between `"…"` as they are in Markdown.
const TITLES: &[&str] = &[
    "",
    "Titre",
    "Un \\\"titre\\\"",
    "l'autre & <b>",
    "é &eacute; &#39;",
    "a\\\\b",
];

/// Inline Markdown; `in_link` keeps links out of a link's text (CommonMark gives no link in a
/// link, but an autolink there makes HTML a browser rewrites, as ammonia's parser does).
fn inline(seed: &mut Seed, depth: usize, in_link: bool) -> String {
    let mut out = String::new();
    for i in 0..1 + seed.below(6) {
        if i > 0 {
            out.push_str(seed.pick(&[" ", " ", " ", "", "  \n", "\\\n", "\n"]));
        }
        let choice = match seed.below(14) {
            _ if depth > 2 => 0,
            8..=10 if in_link => 0,
            choice => choice,
        };
        match choice {
            0..=3 => out.push_str(seed.pick(WORDS)),
            4 => out.push_str(&format!("*{}*", inline(seed, depth + 1, in_link))),
            5 => out.push_str(&format!("**{}**", inline(seed, depth + 1, in_link))),
            6 => out.push_str(&format!("~~{}~~", inline(seed, depth + 1, in_link))),
            7 => out.push_str(&format!("`{}`", seed.pick(WORDS))),
            8 | 9 => {
                let (url, title) = (seed.url(), seed.pick(TITLES));
                let target = match seed.below(3) {
                    0 if !title.is_empty() => format!("{url} \"{title}\""),
                    1 => format!("<{url}>"),
                    _ => url.to_owned(),
                };
                out.push_str(&format!("[{}]({target})", inline(seed, depth + 1, true)));
            }
            10 => out.push_str(&format!("<{}>", seed.url())),
            11 => {
                let (url, text) = (seed.url(), seed.pick(WORDS));
                out.push_str(&format!("![{text}]({url})"));
            }
            12 => out.push_str(&format!("[{}][ref]", seed.pick(WORDS))),
            _ => out.push_str(&format!("_{}_", inline(seed, depth + 1, in_link))),
        }
    }
    out
}

fn block(seed: &mut Seed) -> String {
    match seed.below(12) {
        0 => format!(
            "{} {}\n",
            "#".repeat(1 + seed.below(6)),
            inline(seed, 1, false)
        ),
        1 => {
            let marker = seed.pick(&["- ", "* ", "+ ", "1. ", "2) "]);
            (0..1 + seed.below(3))
                .map(|_| format!("{marker}{}\n", inline(seed, 1, false)))
                .collect()
        }
        2 => {
            let columns = 1 + seed.below(3);
            let row = |seed: &mut Seed| {
                let cells: Vec<String> = (0..columns).map(|_| inline(seed, 2, false)).collect();
                format!("| {} |\n", cells.join(" | ").replace('\n', " "))
            };
            let align = seed.pick(&["---", ":--", ":-:", "--:"]);
            let mut table = row(seed);
            table.push_str(&format!("|{}\n", format!(" {align} |").repeat(columns)));
            for _ in 0..seed.below(3) {
                table.push_str(&row(seed));
            }
            table
        }
        3 => format!(
            "```{}\n{}\n```\n",
            seed.pick(&["", "rust", "a\"b", "<x>"]),
            seed.pick(WORDS)
        ),
        4 => format!("    {}\n", seed.pick(WORDS)),
        5 => format!("> {}\n", inline(seed, 1, false)),
        6 => seed.pick(&["---\n", "***\n", "___\n"]).to_owned(),
        7 => format!("[ref]: {} \"{}\"\n", seed.url(), seed.pick(TITLES)),
        8 => format!("[^1]: {}\n", inline(seed, 1, false)),
        9 => format!("{}\n===\n", inline(seed, 2, false).replace('\n', " ")),
        _ => format!("{}\n", inline(seed, 0, false)),
    }
}

/// A body of a few blocks, with Windows line ends now and then.
fn generated_body(seed: u64) -> String {
    let mut seed = Seed(seed);
    let blocks: Vec<String> = (0..1 + seed.below(5)).map(|_| block(&mut seed)).collect();
    let body = blocks.join(seed.pick(&["\n", "\n\n"]));
    if seed.below(8) == 0 {
        body.replace('\n', "\r\n")
    } else {
        body
    }
}

#[test]
fn the_fast_path_gives_what_ammonia_gives_for_every_plain_body() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut corpus = bodies_under(&repo.join("content"));
    corpus.extend(bodies_under(&repo.join("tests/fixtures")));
    assert!(corpus.len() > 100, "{} files read", corpus.len());
    corpus.extend((0..GENERATED).map(|seed| (format!("graine {seed}"), generated_body(seed))));

    let plain: Vec<&(String, String)> = corpus.iter().filter(|(_, b)| is_plain(b)).collect();
    // The generator must feed the fast path plenty, and also make bodies it refuses to take.
    let plain_generated = plain
        .iter()
        .filter(|(n, _)| n.starts_with("graine"))
        .count();

    let failures: Vec<String> = plain
        .iter()
        .filter_map(|(name, body)| difference(body).map(|d| format!("{name}\n{d}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} plain bodies differ; the first:\n{}",
        failures.len(),
        plain.len(),
        failures[0]
    );
    assert!(plain_generated >= 2_000, "{plain_generated} plain bodies");
    assert!(plain_generated < GENERATED as usize);
}

#[test]
fn the_reference_is_what_ammonia_makes() {
    // Ammonia adds `rel` to links and removes unsafe ones: the comparison is with its output.
    assert_eq!(
        through_ammonia("[a](../b.html) *c*"),
        "<p><a href=\"../b.html\" rel=\"noopener noreferrer\">a</a> <em>c</em></p>\n"
    );
    assert_eq!(
        through_ammonia("[a](javascript:alert(1))"),
        "<p><a rel=\"noopener noreferrer\">a</a></p>\n"
    );
    assert!(!is_plain("[a](javascript:alert(1))") && !is_plain("a <b>c</b>"));
    assert!(is_plain("[a](../b.html) *c*"));
}
