//! The pass over the fiches, in register order (domain after domain): each fiche's view is built
//! and its body rendered to HTML once, and with them come the fiche's own page, its row of the
//! index, of the report and of its domain's page, its records of the exports and its entry of the
//! search data. The page is written at once; the rows and records are appended, chunk after
//! chunk, to the five files that hold every fiche (index, report, `synergies.json`,
//! `synergies.csv`, search data), and a domain's page is written when its fiches are done. So
//! neither the views, nor the bodies' HTML, nor those files are ever whole in memory.

use std::io::Write;

use rayon::prelude::*;

use super::{domains, exports, home, report, search};
use crate::diagnostic::Diagnostic;
use crate::render::view::Viewed;
use crate::render::{Emitter, OutputFile, Shared, breadcrumbs, markdown, view, write_error};

/// Fiches rendered at a time, in parallel: their pieces wait in memory until written in order.
const CHUNK: usize = 128;

/// What one fiche adds to the five files that hold every fiche, and to its domain's page.
struct Pieces {
    index_row: String,
    domain_item: String,
    domain_row: String,
    report_row: String,
    json: Vec<u8>,
    csv: Vec<u8>,
    search: Vec<u8>,
}

/// The five files, open together while the pass runs.
struct Files<'w> {
    index: &'w mut dyn Write,
    report: &'w mut dyn Write,
    json: &'w mut dyn Write,
    csv: &'w mut dyn Write,
    search: &'w mut dyn Write,
}

impl Files<'_> {
    fn report(&mut self, bytes: &[u8]) -> Result<(), Diagnostic> {
        write_to(self.report, report::PATH, bytes)
    }

    fn index(&mut self, bytes: &[u8]) -> Result<(), Diagnostic> {
        write_to(self.index, home::PATH, bytes)
    }

    /// Appends the rows of fiche number `n` (in register order) to the index and the report.
    fn append_rows(&mut self, n: usize, pieces: &Pieces) -> Result<(), Diagnostic> {
        if n < home::ROWS {
            self.index(pieces.index_row.as_bytes())?;
        }
        self.report(pieces.report_row.as_bytes())
    }

    /// Appends a fiche's records to the exports and the search data.
    fn append_records(&mut self, pieces: &Pieces) -> Result<(), Diagnostic> {
        write_to(self.json, exports::JSON_PATH, &pieces.json)?;
        write_to(self.csv, exports::CSV_PATH, &pieces.csv)?;
        write_to(self.search, search::DATA_PATH, &pieces.search)
    }
}

/// Writes into one of the files; a failure names that file (it may surface through another's).
fn write_to(writer: &mut dyn Write, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    writer.write_all(bytes).map_err(|e| write_error(path, &e))
}

pub fn pages(shared: &Shared, out: &Emitter) {
    out.emit_with(home::PATH, &mut |index| {
        out.emit_with(report::PATH, &mut |report| {
            out.emit_with(exports::JSON_PATH, &mut |json| {
                out.emit_with(exports::CSV_PATH, &mut |csv| {
                    out.emit_with(search::DATA_PATH, &mut |search| {
                        let mut files = Files {
                            index: &mut *index,
                            report: &mut *report,
                            json: &mut *json,
                            csv: &mut *csv,
                            search,
                        };
                        run(shared, out, &mut files)
                    });
                    Ok(())
                });
                Ok(())
            });
            Ok(())
        });
        Ok(())
    });
}

fn run(shared: &Shared, out: &Emitter, files: &mut Files) -> Result<(), Diagnostic> {
    let site = shared.site;
    let (index_before, index_after) = home::shell(shared)?;
    files.index(index_before.as_bytes())?;
    let (report_before, report_after) = report::shell(shared)?;
    files.report(report_before.as_bytes())?;
    write_to(files.json, exports::JSON_PATH, &exports::json_head(site))?;
    write_to(files.csv, exports::CSV_PATH, &exports::csv_head())?;
    write_to(files.search, search::DATA_PATH, &search::head())?;
    // Register order: domain after domain, each domain's fiches in display order.
    let order: Vec<(usize, usize)> = site
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| domain.fiches.iter().map(move |&i| (d, i)))
        .collect();
    let mut appender = Appender {
        shared,
        out,
        files,
        next_domain: 0,
        open: None,
        done: 0,
    };
    // A pipeline: while this thread appends one chunk's pieces in order, the pool renders the
    // next chunk's fiches.
    let mut rendered: Vec<(usize, Result<Pieces, Diagnostic>)> = Vec::new();
    for (c, chunk) in order.chunks(CHUNK).enumerate() {
        let mut next = Vec::new();
        let mut appended = Ok(());
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                next = chunk
                    .par_iter()
                    .enumerate()
                    .map(|(k, &(d, i))| (d, fiche(shared, out, i, c == 0 && k == 0)))
                    .collect();
            });
            appended = appender.append(std::mem::take(&mut rendered));
        });
        appended?;
        rendered = next;
    }
    appender.append(rendered)?;
    appender.enter(site.domains.len())?;
    let files = appender.files;
    files.index(index_after.as_bytes())?;
    files.report(report_after.as_bytes())?;
    write_to(
        files.json,
        exports::JSON_PATH,
        exports::json_tail(order.len()),
    )?;
    write_to(files.search, search::DATA_PATH, search::TAIL)
}

/// Appends the fiches' pieces in register order, opening and closing their domains on the way:
/// a domain's group of the report, and its page once its fiches are done.
struct Appender<'a, 'f, 'w> {
    shared: &'a Shared<'a>,
    out: &'a Emitter<'a>,
    files: &'f mut Files<'w>,
    /// The first domain not entered yet.
    next_domain: usize,
    open: Option<OpenDomain>,
    /// Fiches appended so far.
    done: usize,
}

/// The domain whose fiches are being appended.
struct OpenDomain {
    index: usize,
    /// The end of its group of the report.
    group_after: String,
    items: Vec<String>,
    rows: Vec<String>,
}

impl Appender<'_, '_, '_> {
    /// Appends pieces of domain `d` after `d`'s earlier fiches.
    fn append(
        &mut self,
        pieces: Vec<(usize, Result<Pieces, Diagnostic>)>,
    ) -> Result<(), Diagnostic> {
        for (d, piece) in pieces {
            let mut piece = piece?;
            self.enter(d)?;
            self.files.append_rows(self.done, &piece)?;
            self.done += 1;
            if let Some(open) = &mut self.open {
                open.items.push(std::mem::take(&mut piece.domain_item));
                open.rows.push(std::mem::take(&mut piece.domain_row));
            }
            self.files.append_records(&piece)?;
        }
        Ok(())
    }

    /// Closes the open domain unless it is `d`, writes the pages of the empty domains before
    /// `d`, and opens `d` (a domain index past the last closes everything).
    fn enter(&mut self, d: usize) -> Result<(), Diagnostic> {
        if self.open.as_ref().is_some_and(|open| open.index == d) {
            return Ok(());
        }
        if let Some(open) = self.open.take() {
            self.files.report(open.group_after.as_bytes())?;
            let page = domains::page(self.shared, open.index, &open.items, &open.rows);
            self.out.emit(page);
        }
        let site = self.shared.site;
        while self.next_domain < d.min(site.domains.len()) {
            let empty = self.next_domain;
            self.out.emit(domains::page(self.shared, empty, &[], &[]));
            self.next_domain += 1;
        }
        if d < site.domains.len() {
            let (before, after) = report::group(self.shared, d)?;
            self.files.report(before.as_bytes())?;
            let size = site.domains[d].fiches.len();
            self.open = Some(OpenDomain {
                index: d,
                group_after: after,
                items: Vec::with_capacity(size),
                rows: Vec::with_capacity(size),
            });
            self.next_domain = d + 1;
        }
        Ok(())
    }
}

/// Renders fiche `i`: its page goes to `out`, the rest comes back. `first`: the register's first.
fn fiche(shared: &Shared, out: &Emitter, i: usize, first: bool) -> Result<Pieces, Diagnostic> {
    let site = shared.site;
    let fiche = &site.fiches[i];
    let body = &fiche.body;
    let (body_html, body_text) = markdown::to_html_and_text(body);
    let body_text = body_text.unwrap_or_else(|| search::html_text(&body_html));
    let record = exports::Record::of(site, i, body);
    let json = exports::json_record(&record, first);
    let csv = exports::csv_record(&record);
    drop(record);
    let viewed = Viewed::new(view::fiche(shared.site, &shared.urls, i), body_html);
    let domain_url: &str = &viewed.view.domain.url;
    let index_row = home::table_row(shared, &viewed, home::PATH, true)?;
    let search = search::record(site, i, &body_text, &index_row, first);
    drop(body_text);
    let domain_item = domains::item(shared, &viewed, domain_url)?;
    let domain_row = home::table_row(shared, &viewed, domain_url, false)?;
    let report_row = report::row(shared, &viewed)?;
    out.emit(page(shared, i, &viewed));
    Ok(Pieces {
        index_row,
        domain_item,
        domain_row,
        report_row,
        json,
        csv,
        search,
    })
}

/// The page of fiche `i`, from its view.
fn page(shared: &Shared, i: usize, viewed: &Viewed) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let fiche = &site.fiches[i];
    let domain = &site.domains[fiche.domain];
    // The view holds both URLs already.
    let path = viewed.view.url.clone();
    let crumbs = breadcrumbs(&[(&domain.titre, &viewed.view.domain.url)], fiche.titre());
    shared
        .mirrored
        .fiche_page(shared, viewed, path, &domain.slug, &crumbs)
}

/// The page of fiche `i` with `body` (Markdown) in place of its own: `serve`'s quick step shows
/// an edit this way at once, before the whole site is rebuilt.
pub fn page_with_body(shared: &Shared, i: usize, body: &str) -> Result<OutputFile, Diagnostic> {
    page(
        shared,
        i,
        &Viewed::new(
            view::fiche(shared.site, &shared.urls, i),
            markdown::to_html(body),
        ),
    )
}
