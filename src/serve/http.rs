//! The HTTP side of `synergies serve` (axum on tokio): the site's files from the in-memory map,
//! and under `/__synergies/` the reload script, the overlay's stylesheet, the status as JSON and
//! the event stream the pages listen to.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::watch;

use super::host::Hosts;
use super::site::{self, EVENTS, OVERLAY_CSS, RELOAD_JS, Resolved, STATUS, SiteMap};
use super::state::{State, Status};

const RELOAD_JS_TEXT: &str = include_str!("reload.js");
const OVERLAY_CSS_TEXT: &str = include_str!("overlay.css");

#[derive(Clone)]
struct App {
    state: Arc<State>,
    /// Turns `true` when the server stops: event streams end so connections can close.
    shutdown: watch::Receiver<bool>,
}

/// Every route, behind the `Host` check ([`Hosts`]).
pub fn router(state: Arc<State>, shutdown: watch::Receiver<bool>, hosts: Hosts) -> Router {
    Router::new()
        .route(RELOAD_JS, get(reload_js))
        .route(OVERLAY_CSS, get(overlay_css))
        .route(STATUS, get(status))
        .route(EVENTS, get(events))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(Arc::new(hosts), check_host))
        .with_state(App { state, shutdown })
}

/// Answers 403 to a request that names another host than this server (see [`Hosts`]), in its
/// `Host` header or in an absolute request target.
async fn check_host(Extract(hosts): Extract<Arc<Hosts>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let target = request.uri().authority().map(|a| a.as_str());
    if hosts.allows(host) && target.is_none_or(|t| hosts.allows(Some(t))) {
        return next.run(request).await;
    }
    respond(
        StatusCode::FORBIDDEN,
        site::content_type("403.html"),
        format!(
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Adresse refusée — synergies</title>\n</head>\n<body>\n<main>\n\
             <h1>Adresse refusée</h1>\n<p>Cet aperçu du registre ne répond qu'aux adresses de \
             l'ordinateur qui le sert, par exemple <a href=\"http://127.0.0.1:{port}/index.html\">\
             http://127.0.0.1:{port}/index.html</a> sur cet ordinateur, ou celles que la commande \
             <code>synergies serve</code> affiche.</p>\n<p>La page a été demandée sous un autre nom : \
             c'est ainsi qu'un site internet pourrait lire le registre en cours de rédaction.</p>\n\
             </main>\n</body>\n</html>\n",
            port = hosts.port()
        ),
    )
}

/// A response with the headers every answer carries: no caching (a preview must always show
/// the latest build) and no type sniffing.
fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body.into(),
    )
        .into_response()
}

async fn reload_js() -> Response {
    respond(
        StatusCode::OK,
        site::content_type("reload.js"),
        RELOAD_JS_TEXT,
    )
}

async fn overlay_css() -> Response {
    respond(
        StatusCode::OK,
        site::content_type("overlay.css"),
        OVERLAY_CSS_TEXT,
    )
}

fn status_json(status: &Status) -> String {
    serde_json::to_string(status).unwrap_or_else(|_| "{}".to_owned())
}

async fn status(Extract(app): Extract<App>) -> Response {
    respond(
        StatusCode::OK,
        site::content_type("status.json"),
        status_json(&app.state.status()),
    )
}

/// Per connection: the status once at once (so a page opened while errors exist shows the
/// overlay), then `reload` when the served site changes and `status` when only the errors do.
struct Listener {
    status: watch::Receiver<Status>,
    shutdown: watch::Receiver<bool>,
    version: Option<String>,
}

async fn next_event(mut listener: Listener) -> Option<(Result<Event, Infallible>, Listener)> {
    if listener.version.is_some() {
        tokio::select! {
            changed = listener.status.changed() => changed.ok()?,
            _ = listener.shutdown.wait_for(|stop| *stop) => return None,
        }
    }
    if *listener.shutdown.borrow() {
        return None;
    }
    let status = listener.status.borrow_and_update().clone();
    let event = match &listener.version {
        Some(version) if *version != status.version => {
            Event::default().event("reload").data(&status.version)
        }
        _ => Event::default().event("status").data(status_json(&status)),
    };
    listener.version = Some(status.version);
    Some((Ok(event), listener))
}

async fn events(Extract(app): Extract<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let listener = Listener {
        status: app.state.subscribe(),
        shutdown: app.shutdown.clone(),
        version: None,
    };
    Sse::new(futures_util::stream::unfold(listener, next_event)).keep_alive(KeepAlive::default())
}

/// Any other path: a file of the last good site, or a French 404.
async fn site_file(Extract(app): Extract<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "Méthode non permise : ce serveur ne fait que montrer le site.\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let site = app.state.site();
    if site.is_empty() {
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            site::content_type("index.html"),
            page(
                "",
                "Le site n'a pas encore pu être construit",
                "<p>Les erreurs sont affichées dans le terminal et ci-dessous. Corrigez le fichier \
                 et enregistrez-le : cette page se mettra à jour toute seule.</p>",
            ),
        );
    }
    match site::lookup(&site, uri.path()) {
        Some(Resolved::File(key)) => match site.get(&key) {
            Some(file) => respond(StatusCode::OK, file.content_type, file.bytes.clone()),
            None => not_found(&site),
        },
        Some(Resolved::Folder(location)) => match HeaderValue::from_str(&location) {
            Ok(location) => (
                StatusCode::PERMANENT_REDIRECT,
                [
                    (header::LOCATION, location),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                ],
            )
                .into_response(),
            Err(_) => not_found(&site),
        },
        None => not_found(&site),
    }
}

fn not_found(site: &SiteMap) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        site::content_type("404.html"),
        page(
            &site.version,
            "Page introuvable",
            "<p>Cette adresse ne correspond à aucune page du registre. \
             <a href=\"/index.html\">Retour à l'accueil</a></p>",
        ),
    )
}

/// A minimal French page of the server itself, with the reload tags.
fn page(version: &str, title: &str, body: &str) -> Bytes {
    Bytes::from(format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} — synergies</title>\n{}\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n\
         </main>\n</body>\n</html>\n",
        site::reload_tags(version)
    ))
}
