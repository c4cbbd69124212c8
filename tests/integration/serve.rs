//! `synergies serve`: the real binary on a temporary root, spoken to over loopback HTTP with a
//! small hand-written client. Every wait is bounded (polls every 50 ms); the child is killed
//! when a test ends, panics included.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{BIN, Root};

const FICHE: &str = "content/grh/plan-de-formation.md";
const FICHE_PAGE: &str = "/domaines/grh/plan-de-formation.html";
const START: Duration = Duration::from_secs(20);
/// How long a test waits for what must come (a page, an event, a line). Only an upper bound on
/// waiting, never a measure: the tests share the machine with compilers and each other, and a
/// bound near the real time failed under load. The speed is measured in
/// `bench/serve_latency.py` (BENCHMARKS.md).
const SEEN: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// A running `synergies serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start synergies serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (lines, url) = channel();
        collect(child.stdout.take().expect("stdout"), &stdout, Some(lines));
        collect(child.stderr.take().expect("stderr"), &stderr, None);
        let mut server = Server {
            child,
            port: 0,
            stdout,
            stderr,
        };
        server.port = server.wait_for_url(&url);
        server
    }

    /// The port of "Registre servi sur http://127.0.0.1:PORT/index.html — Ctrl+C pour arrêter".
    fn wait_for_url(&mut self, lines: &Receiver<String>) -> u16 {
        let deadline = Instant::now() + START;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = lines.recv_timeout(left) else {
                break;
            };
            if let Some(rest) = line.strip_prefix("Registre servi sur http://127.0.0.1:") {
                assert!(
                    rest.ends_with("/index.html — Ctrl+C pour arrêter"),
                    "{line}"
                );
                return rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port in the URL");
            }
        }
        panic!(
            "no URL printed\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
    }

    fn stdout(&self) -> String {
        self.stdout.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits (bounded) until the terminal's error output contains `needle`.
    #[track_caller]
    fn wait_stderr(&self, needle: &str) {
        let deadline = Instant::now() + SEEN;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "{needle:?} not printed within {SEEN:?}; stderr:\n{}",
                self.stderr()
            );
            thread::sleep(POLL);
        }
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    fn text(&self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}");
        response.text()
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.text("/__synergies/status")).expect("status JSON")
    }

    /// Waits (bounded) until `check` holds for the text of `path`; returns how long it took.
    #[track_caller]
    fn wait_for(&self, path: &str, what: &str, check: impl Fn(&str) -> bool) -> Duration {
        self.wait_for_within(SEEN, path, what, check)
    }

    #[track_caller]
    fn wait_for_within(
        &self,
        within: Duration,
        path: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> Duration {
        let started = Instant::now();
        loop {
            if check(&self.text(path)) {
                return started.elapsed();
            }
            if started.elapsed() > within {
                panic!(
                    "{what}: not seen on {path} within {within:?}\nlast:\n{}\nstdout:\n{}\nstderr:\n{}",
                    self.text(path),
                    self.stdout(),
                    self.stderr()
                );
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a child's stream into `into` (and each line to `lines`) on a thread.
fn collect(
    stream: impl Read + Send + 'static,
    into: &Arc<Mutex<String>>,
    lines: Option<std::sync::mpsc::Sender<String>>,
) {
    let into = Arc::clone(into);
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Ok(mut text) = into.lock() {
                text.push_str(&line);
                text.push('\n');
            }
            if let Some(lines) = &lines {
                let _ = lines.send(line);
            }
        }
    });
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

/// One HTTP/1.1 GET on loopback, the request target sent exactly as given. Errors when the
/// response is cut short (body shorter than its Content-Length) or malformed.
fn get(port: u16, target: &str) -> Result<Response, String> {
    get_as(port, target, Some("127.0.0.1"))
}

/// [`get`] with the `Host` header given (`None`: no `Host` header).
fn get_as(port: u16, target: &str, host: Option<&str>) -> Result<Response, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(SEEN))
        .map_err(|e| e.to_string())?;
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let body = raw[end + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let response = Response {
        status,
        headers,
        body,
    };
    let length: usize = response
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .ok_or("no Content-Length")?;
    if response.body.len() != length {
        return Err(format!(
            "body of {} bytes, Content-Length {length}",
            response.body.len()
        ));
    }
    Ok(response)
}

/// An open `/__synergies/events` stream; `next_event` reads the next `event:` name and data.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__synergies/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// The next event within `within` (skipping headers, chunk sizes and keep-alive comments).
    fn next_event(&mut self, within: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + within;
        let mut name = None;
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(_) => return None,
            }
            let line = line.trim_end();
            if let Some(event) = line.strip_prefix("event: ") {
                name = Some(event.to_owned());
            } else if let Some(data) = line.strip_prefix("data: ")
                && let Some(name) = name.take()
            {
                return Some((name, data.to_owned()));
            }
        }
        None
    }
}

fn mons_like_root() -> Root {
    Root::fixture("site")
}

fn edit(root: &Root, relative: &str, from: &str, to: &str) {
    let path = root.path().join(relative);
    let text = fs::read_to_string(&path).expect("read fiche");
    assert!(text.contains(from), "{from:?} in {relative}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write fiche");
}

#[test]
fn serve_help_is_in_french() {
    let help = crate::support::run({
        let mut command = Command::new(BIN);
        command.args(["serve", "--help"]);
        command
    })
    .success()
    .stdout;
    for expected in [
        "Utilisation : synergies serve [--port N] [--bind ADRESSE] [--poll] [--root DOSSIER]",
        "--port <N>",
        "Port du serveur (par défaut : 8017 ; 0 : un port libre au hasard)",
        "--bind <ADRESSE>",
        "--poll",
        "partage réseau",
    ] {
        assert!(help.contains(expected), "{expected:?} in {help}");
    }
    let bad = Command::new(BIN)
        .args(["serve", "--bind", "mairie"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).starts_with("erreur : valeur invalide pour --bind"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn served_pages_carry_the_reload_script_and_built_pages_do_not() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    assert!(!root.public().exists(), "serve wrote public/");

    let index = server.get("/index.html");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let tags = "<link rel=\"stylesheet\" href=\"/__synergies/overlay.css\">\
                <script src=\"/__synergies/reload.js\" data-version=\"";
    let served = index.text();
    assert!(served.contains(tags), "{served}");
    assert_eq!(server.text("/"), served, "/ is the index");

    let script = server.get("/__synergies/reload.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script
            .text()
            .contains("new EventSource(\"/__synergies/events\")")
    );
    let css = server.get("/__synergies/overlay.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    for (path, content_type) in [
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/synergies.csv", "text/csv; charset=utf-8"),
        ("/synergies.json", "application/json; charset=utf-8"),
        ("/assets/recherche.js", "text/javascript; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert!(
            !String::from_utf8_lossy(&response.body).contains("__synergies"),
            "{path}"
        );
    }

    root.build().success();
    let built = fs::read_to_string(root.public().join("index.html")).expect("built index");
    assert!(
        !built.contains("__synergies"),
        "build output has the script"
    );
    // The served page is the built page plus the injected tags, nothing else.
    let start = served.find(tags).expect("tags");
    let end = start + served[start..].find("</script>").expect("end") + "</script>".len();
    assert_eq!(format!("{}{}", &served[..start], &served[end..]), built);
    let fiche = fs::read_to_string(root.public().join(&FICHE_PAGE[1..])).expect("fiche");
    assert!(!fiche.contains("__synergies"));
    assert!(server.text(FICHE_PAGE).contains("/__synergies/reload.js"));
}

#[test]
fn an_edit_is_served_an_error_keeps_the_last_good_site_and_a_fix_clears_it() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    assert!(server.text(FICHE_PAGE).contains("Plan de formation annuel"));
    let mut events = Events::open(server.port);
    let (name, data) = events.next_event(SEEN).expect("initial status event");
    assert_eq!(name, "status");
    let initial: serde_json::Value = serde_json::from_str(&data).expect("JSON");
    assert_eq!(initial["errors"], 0);

    // An edit is served, and the open page is told to reload.
    edit(
        &root,
        FICHE,
        "Plan de formation annuel",
        "Plan de formation 2027",
    );
    let took = server.wait_for(FICHE_PAGE, "the edit", |page| {
        page.contains("Plan de formation 2027")
    });
    eprintln!("edit → served: {took:?}");
    let (name, _) = events.next_event(SEEN).expect("reload event");
    assert_eq!(name, "reload");

    // A mistake: the last good page stays, the status and the terminal carry the diagnostic.
    edit(&root, FICHE, "pilote = \"Les 2\"", "pilote = \"Vile\"");
    let started = Instant::now();
    let status = loop {
        let status = server.status();
        if status["errors"] != 0 || started.elapsed() > SEEN {
            break status;
        }
        thread::sleep(POLL);
    };
    eprintln!("error → reported: {:?}", started.elapsed());
    assert_eq!(status["errors"], 1, "{status}");
    assert_eq!(status["title"], "Le site n'est pas à jour : 1 erreur");
    let diagnostics = status["diagnostics"].as_str().expect("text").to_owned();
    assert!(
        diagnostics.starts_with("erreur[valeur-inconnue] : « Vile »"),
        "{diagnostics}"
    );
    // What the error means, as `explique` prints it, for the panel.
    let explique = root.run(&["explique", "valeur-inconnue"]).success().stdout;
    assert_eq!(status["explanations"], explique.as_str(), "{status}");
    assert!(
        diagnostics.contains(&format!("--> {FICHE}:")),
        "{diagnostics}"
    );
    let check = root.run(&["check"]).failure(1);
    assert!(check.stderr.contains(&diagnostics), "{}", check.stderr);
    let (name, data) = events.next_event(SEEN).expect("status event");
    assert_eq!(name, "status");
    assert!(data.contains("Vile"), "{data}");
    let page = server.text(FICHE_PAGE);
    assert!(page.contains("Plan de formation 2027"), "last good page");
    assert!(page.contains("/__synergies/reload.js"));
    server.wait_stderr(
        "Le site n'est pas à jour : 1 erreur (voir ci-dessus). La dernière version correcte reste servie",
    );
    assert!(
        server.stderr().contains(&diagnostics),
        "{}",
        server.stderr()
    );

    // Fixed: the errors clear and the new site is served.
    edit(&root, FICHE, "pilote = \"Vile\"", "pilote = \"Ville\"");
    server.wait_for("/__synergies/status", "the fix", |s| {
        s.contains("\"errors\":0")
    });
    let status = server.status();
    assert_eq!(status["title"], "");
    assert_eq!(status["diagnostics"], "");
    assert!(
        server
            .stdout()
            .contains("Erreurs corrigées. Site reconstruit en ")
    );
    let (name, _) = events.next_event(SEEN).expect("reload after the fix");
    assert_eq!(name, "reload");
    assert!(!root.public().exists(), "serve wrote public/");
}

#[test]
fn requests_outside_the_site_get_404() {
    let root = mons_like_root();
    fs::write(root.path().join("secret.txt"), "secret").expect("write");
    let server = Server::start(root.path(), &[]);
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/domaines/..%2f..%2fsynergies.toml",
        "/..\\synergies.toml",
        "/..%5csynergies.toml",
        "/domaines/grh/../../synergies.toml",
        "/synergies.toml",
        "/secret.txt",
        "/content/grh/plan-de-formation.md",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/index.html%00",
        "/__synergies/absent.js",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 404, "{target}");
        let body = response.text();
        assert!(body.contains("Page introuvable"), "{target}: {body}");
        assert!(
            !body.contains("secret") && !body.contains("titre ="),
            "{target}"
        );
    }
    let folder = server.get("/domaines/grh");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/domaines/grh/"));
    assert!(server.text("/domaines/grh/").contains("<h1"));
    assert!(
        server
            .text("/index.html?x=1")
            .contains("/__synergies/reload.js")
    );
}

#[test]
fn poll_mode_sees_an_edit() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &["--poll"]);
    assert!(server.stdout().contains("relus toutes les 0,5 s (--poll)"));
    edit(&root, FICHE, "Plan de formation annuel", "Plan sondé");
    // One poll interval (0.5 s) more than the native bound.
    let within = SEEN + Duration::from_millis(500);
    let took = server.wait_for_within(within, FICHE_PAGE, "the edit (--poll)", |page| {
        page.contains("Plan sondé")
    });
    eprintln!("edit → served (--poll): {took:?}");
}

#[test]
fn a_theme_error_shows_then_clears_when_the_template_is_removed() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    let before = server.text("/index.html");
    // theme/ does not exist yet: it appears while serving.
    let template = root.path().join("theme/templates/index.html");
    fs::create_dir_all(template.parent().expect("parent")).expect("theme folder");
    fs::write(&template, "{% if %}").expect("write template");
    server.wait_for("/__synergies/status", "the template error", |s| {
        s.contains("\"errors\":1")
    });
    let status = server.status();
    assert!(
        status["diagnostics"].as_str().is_some_and(
            |d| d.starts_with("erreur[gabarit]") && d.contains("theme/templates/index.html")
        ),
        "{status}"
    );
    assert_eq!(server.text("/index.html"), before);
    fs::remove_file(&template).expect("remove template");
    server.wait_for("/__synergies/status", "the fix", |s| {
        s.contains("\"errors\":0")
    });
    assert_eq!(server.text("/index.html"), before);
}

#[test]
fn a_root_broken_from_the_start_shows_the_errors_until_fixed() {
    let root = mons_like_root();
    edit(&root, FICHE, "pilote = \"Les 2\"", "pilote = \"Vile\"");
    let server = Server::start(root.path(), &[]);
    let waiting = server.get("/index.html");
    assert_eq!(waiting.status, 503);
    assert!(
        waiting
            .text()
            .contains("Le site n'a pas encore pu être construit")
    );
    assert!(waiting.text().contains("/__synergies/reload.js"));
    assert_eq!(server.status()["errors"], 1);
    server.wait_stderr("Aucun site n'a encore pu être construit");
    edit(&root, FICHE, "pilote = \"Vile\"", "pilote = \"CPAS\"");
    server.wait_for("/__synergies/status", "the fix", |s| {
        s.contains("\"errors\":0")
    });
    assert!(server.text(FICHE_PAGE).contains("Plan de formation annuel"));
}

/// 4 clients × at least 200 requests while a fiche is saved 11 times (twice with an error):
/// every answer is a complete 200.
#[test]
fn requests_during_rebuilds_never_fail() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    let port = server.port;
    let editing = Arc::new(AtomicBool::new(true));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let requests = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..4)
        .map(|n| {
            let (editing, failures, requests) =
                (editing.clone(), failures.clone(), requests.clone());
            thread::spawn(move || {
                let pages = [
                    "/index.html",
                    FICHE_PAGE,
                    "/domaines/grh/index.html",
                    "/assets/site.css",
                    "/synergies.json",
                ];
                let mut i = 0;
                while (i < 200 || editing.load(Ordering::Relaxed)) && i < 5000 {
                    let path = pages[(i + n) % pages.len()];
                    match get(port, path) {
                        Ok(r) if r.status == 200 && !r.body.is_empty() => {}
                        Ok(r) => failures
                            .lock()
                            .expect("lock")
                            .push(format!("{path}: {}", r.status)),
                        Err(e) => failures.lock().expect("lock").push(format!("{path}: {e}")),
                    }
                    requests.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            })
        })
        .collect();
    let path = root.path().join(FICHE);
    let original = fs::read_to_string(&path).expect("read");
    for n in 0..10 {
        let text = if n % 5 == 4 {
            original.replace("pilote = \"Les 2\"", "pilote = \"Vile\"")
        } else {
            original.replace("Plan de formation annuel", &format!("Plan n° {n}"))
        };
        fs::write(&path, text).expect("write");
        if n % 5 == 4 {
            // Let the broken save be built (and fail) before the next one.
            server.wait_for("/__synergies/status", "the error", |s| {
                s.contains("\"errors\":1")
            });
        } else {
            thread::sleep(Duration::from_millis(150));
        }
    }
    fs::write(
        &path,
        original.replace("Plan de formation annuel", "Plan final"),
    )
    .expect("write");
    server.wait_for(FICHE_PAGE, "the last edit", |page| {
        page.contains("Plan final")
    });
    editing.store(false, Ordering::Relaxed);
    for client in clients {
        client.join().expect("client thread");
    }
    let failures = failures.lock().expect("lock");
    let rebuilds = server.stdout().matches("Site reconstruit en").count();
    eprintln!(
        "{} requests in {:?}, {rebuilds} rebuilds, {} failed",
        requests.load(Ordering::Relaxed),
        started.elapsed(),
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
    assert!(rebuilds >= 3, "{}", server.stdout());
    assert!(
        server.stderr().contains("« Vile »"),
        "an error build happened"
    );
    assert_eq!(server.status()["errors"], 0);
}

#[test]
fn a_taken_port_is_reported_in_french() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let root = mons_like_root();
    let mut child = Command::new(BIN)
        .args(["serve", "--port", &port, "--root"])
        .arg(root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let code = wait_exit(&mut child, START).expect("serve exits on a taken port");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "erreur : le port {port} est déjà utilisé sur 127.0.0.1"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[test]
fn only_requests_for_this_server_s_own_names_are_answered() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    let port = server.port;
    let own = format!("127.0.0.1:{port}");
    for host in [
        own.as_str(),
        &format!("localhost:{port}"),
        &format!("[::1]:{port}"),
    ] {
        let response = get_as(port, "/index.html", Some(host)).unwrap();
        assert_eq!(response.status, 200, "{host}");
    }
    // A page of another site that had its name point at this computer (DNS rebinding).
    for (host, target) in [
        (Some("evil.example"), "/index.html"),
        (Some(&*format!("evil.example:{port}")), "/index.html"),
        (
            Some(&*format!("evil.example:{port}")),
            "/__synergies/status",
        ),
        (
            Some(&*format!("evil.example:{port}")),
            "/__synergies/events",
        ),
        (Some(&*format!("localhost.evil.example:{port}")), FICHE_PAGE),
        (
            Some(&*format!("127.0.0.1:{}", port.wrapping_add(1))),
            "/index.html",
        ),
        (None, "/index.html"),
        (Some(own.as_str()), "http://evil.example/index.html"),
    ] {
        let response = get_as(port, target, host).unwrap();
        assert_eq!(response.status, 403, "{host:?} {target}");
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        let page = response.text();
        assert!(page.contains("<html lang=\"fr\">"), "{page}");
        assert!(page.contains("<h1>Adresse refusée</h1>"), "{page}");
        assert!(
            !page.contains("Plan de formation") && !page.contains("version"),
            "{page}"
        );
    }
}

#[test]
fn listening_on_every_address_prints_the_addresses_colleagues_can_use() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &["--bind", "0.0.0.0"]);
    let port = server.port;
    let deadline = Instant::now() + SEEN;
    let line = loop {
        let found = server
            .stdout()
            .lines()
            .find(|l| l.starts_with("Depuis un autre ordinateur du réseau : "))
            .map(str::to_owned);
        match found {
            Some(line) => break line,
            None if Instant::now() < deadline => thread::sleep(POLL),
            None => panic!("{}", server.stdout()),
        }
    };
    let urls: Vec<&str> = line
        .trim_start_matches("Depuis un autre ordinateur du réseau : ")
        .split(" ou ")
        .collect();
    assert!(!urls.is_empty());
    for url in urls {
        let host = url
            .strip_prefix("http://")
            .and_then(|u| u.strip_suffix("/index.html"))
            .unwrap_or_else(|| panic!("{url}"));
        assert!(host.ends_with(&format!(":{port}")), "{url}");
        assert!(
            !host.starts_with("127.") && !host.starts_with("localhost"),
            "{url}"
        );
        // Each address names this server: asked by that name, it answers.
        let response = get_as(port, "/index.html", Some(host)).unwrap();
        assert_eq!(response.status, 200, "{url}");
    }
    let evil = get_as(port, "/index.html", Some(&format!("evil.example:{port}"))).unwrap();
    assert_eq!(evil.status, 403);
}

#[test]
fn listening_beyond_this_computer_prints_a_warning() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &["--bind", "0.0.0.0"]);
    server.wait_stderr("attention : le serveur écoute sur 0.0.0.0");
    assert_eq!(server.get("/index.html").status, 200);
    // The fixture's warnings come after where the bind warning would be.
    let local = Server::start(root.path(), &[]);
    local.wait_stderr("4 avertissements");
    assert!(!local.stderr().contains("attention : le serveur écoute"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_exit_code_0_even_with_a_page_open() {
    let root = mons_like_root();
    let mut server = Server::start(root.path(), &[]);
    let mut events = Events::open(server.port);
    assert!(events.next_event(SEEN).is_some(), "an open event stream");
    let interrupted = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", server.child.id())])
        .status()
        .expect("kill -INT");
    assert!(interrupted.success());
    let code = wait_exit(&mut server.child, SEEN).expect("stopped");
    assert_eq!(code, 0, "{}", server.stderr());
    let deadline = Instant::now() + SEEN;
    while !server.stdout().contains("Arrêt du serveur.") && Instant::now() < deadline {
        thread::sleep(POLL);
    }
    assert!(
        server.stdout().contains("Arrêt du serveur."),
        "{}",
        server.stdout()
    );
}

/// The exit code of `child` if it ends within `within`.
fn wait_exit(child: &mut Child, within: Duration) -> Option<i32> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status.code().unwrap_or(-1));
        }
        thread::sleep(POLL);
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn an_edit_of_a_body_is_served_by_the_quick_step_then_the_whole_site_follows() {
    let root = mons_like_root();
    let server = Server::start(root.path(), &[]);
    assert!(
        server
            .text(FICHE_PAGE)
            .contains("est <strong>commun</strong>")
    );

    // Body only: the page comes from the quick step, the search data from the full rebuild.
    edit(&root, FICHE, "Le plan 2026 est", "Le plan 2027 est");
    server.wait_for(FICHE_PAGE, "the body edit", |page| {
        page.contains("Le plan 2027 est <strong>commun</strong>")
    });
    server.wait_for("/assets/recherche-donnees.js", "the search data", |data| {
        data.contains("le plan 2027 est commun")
    });
    server.wait_for("/__synergies/status", "the full rebuild", |_| {
        server.stdout().contains("Site reconstruit en ")
    });
    let stdout = server.stdout();
    let quick = stdout.find("Page mise à jour en ").expect(&stdout);
    let full = stdout.find("Site reconstruit en ").expect(&stdout);
    assert!(quick < full, "{stdout}");
    // The full rebuild served the same page as the quick step.
    assert!(
        server
            .text(FICHE_PAGE)
            .contains("Le plan 2027 est <strong>commun</strong>")
    );

    // A field of the front matter that shows on the fiche's page alone: the quick step too.
    let rebuilds = server.stdout().matches("Site reconstruit en ").count();
    edit(&root, FICHE, "avancement = 60", "avancement = 70");
    server.wait_for(FICHE_PAGE, "the avancement edit", |page| {
        page.contains("avancement\u{202f}: 70\u{a0}%")
    });
    server.wait_for("/__synergies/status", "the second full rebuild", |_| {
        server.stdout().matches("Site reconstruit en ").count() > rebuilds
    });
    let stdout = server.stdout();
    assert_eq!(
        stdout.matches("Page mise à jour en ").count(),
        2,
        "{stdout}"
    );
    let second_quick = stdout.rfind("Page mise à jour en ").expect(&stdout);
    let second_full = stdout.rfind("Site reconstruit en ").expect(&stdout);
    assert!(second_quick < second_full, "{stdout}");
    // The full rebuild agrees, and updated what lists the fiche (the report shows avancement).
    assert!(
        server
            .text(FICHE_PAGE)
            .contains("avancement\u{202f}: 70\u{a0}%")
    );
    assert!(server.text("/rapport/index.html").contains("(70\u{a0}%)"));

    // The title moves the fiche and shows on other pages: no quick step, the full rebuild alone.
    edit(
        &root,
        FICHE,
        "titre = \"Plan de formation annuel\"",
        "titre = \"Plan de formation pluriannuel\"",
    );
    server.wait_for(FICHE_PAGE, "the title edit", |page| {
        page.contains("<h1>Plan de formation pluriannuel</h1>")
    });
    assert_eq!(
        server.stdout().matches("Page mise à jour en ").count(),
        2,
        "{}",
        server.stdout()
    );
}
