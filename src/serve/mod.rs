//! `synergies serve`: a live preview. The site is built in memory (never into `public/`),
//! served over HTTP on this computer, rebuilt when a file of `content/`, `theme/`, `archives/`
//! or `synergies.toml` changes, and the open pages reload themselves. A build error is printed in
//! the terminal and shown over the page, while the last good site keeps being served.
//!
//! Threads: the tokio runtime answers requests ([`http`]); the watcher's own threads
//! ([`watch`]) debounce file events; one rebuild thread ([`watch::rebuild_loop`]) runs
//! [`state::rebuild`] and swaps the finished site into [`state::State`].

pub mod host;
pub mod http;
pub mod quick;
pub mod site;
pub mod state;
pub mod watch;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch as channel;

use host::Hosts;
use state::{State, rebuild_and_report};

pub const DEFAULT_PORT: u16 = 8017;
pub const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// How long open connections get to finish once Ctrl+C was pressed.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// The options of `synergies serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub poll: bool,
}

/// Runs the preview until Ctrl+C; returns the process exit code (0 after Ctrl+C, 1 when the
/// server cannot start).
pub fn run(options: &Options) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("synergies-http")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("erreur : le serveur ne peut pas démarrer : {e}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(serve(options));
    runtime.shutdown_timeout(Duration::from_millis(200));
    code
}

async fn serve(options: &Options) -> ExitCode {
    if !options.root.is_dir() {
        eprintln!(
            "erreur : le dossier du registre {} est introuvable (option --root)",
            options.root.display()
        );
        return ExitCode::from(1);
    }
    let address = SocketAddr::new(options.bind, options.port);
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("{}", bind_error(address, &e));
            return ExitCode::from(1);
        }
    };
    let local = match listener.local_addr() {
        Ok(local) => local,
        Err(e) => {
            eprintln!("erreur : le serveur ne peut pas démarrer : {e}");
            return ExitCode::from(1);
        }
    };

    if !options.bind.is_loopback() {
        eprintln!(
            "attention : le serveur écoute sur {} : le registre en cours de rédaction, erreurs \
             comprises, est visible depuis les autres ordinateurs du réseau. Sans --bind, il \
             n'est visible que sur cet ordinateur.",
            options.bind
        );
    }
    let absolute = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
    let (watcher, events) = match watch::Watcher::start(&absolute, options.poll) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("erreur : les fichiers du registre ne peuvent pas être surveillés : {e}");
            if !options.poll {
                eprintln!("  = aide : essayez `synergies serve --poll`");
            }
            return ExitCode::from(1);
        }
    };
    // Watching starts first: a save during the first build is not missed.
    let state = Arc::new(State::new());
    rebuild_and_report(&options.root, &state, true);
    let rebuild_state = Arc::clone(&state);
    let root = options.root.clone();
    if let Err(e) = std::thread::Builder::new()
        .name("synergies-rebuild".to_owned())
        .spawn(move || watch::rebuild_loop(root, watcher, events, rebuild_state))
    {
        eprintln!("erreur : le serveur ne peut pas démarrer : {e}");
        return ExitCode::from(1);
    }
    println!(
        "{}",
        if options.poll {
            "Surveillance de content/, theme/ et synergies.toml : relus toutes les 0,5 s (--poll)."
        } else {
            "Surveillance de content/, theme/ et synergies.toml : chaque enregistrement reconstruit le site."
        }
    );
    let hostname = if options.bind.is_loopback() {
        None
    } else {
        Hosts::system_hostname()
    };
    let hosts = Hosts::new(options.bind, local.port(), hostname.as_deref());
    println!(
        "Registre servi sur {} — Ctrl+C pour arrêter",
        index_url(local)
    );
    let shared = hosts.shared_urls();
    if !shared.is_empty() {
        println!(
            "Depuis un autre ordinateur du réseau : {}",
            shared.join(" ou ")
        );
    }

    let (stop, stopped) = channel::channel(false);
    let server = axum::serve(listener, http::router(state, stopped.clone(), hosts))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            println!("Arrêt du serveur.");
            stop.send_replace(true);
        });
    let mut deadline = stopped;
    tokio::select! {
        result = server => {
            if let Err(e) = result {
                eprintln!("erreur : le serveur s'est arrêté : {e}");
                return ExitCode::from(1);
            }
        }
        // Connections that do not close by themselves (a stuck download) do not hold the exit.
        _ = async {
            let _ = deadline.wait_for(|stop| *stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {}
    }
    ExitCode::SUCCESS
}

/// The address to open in a browser: this computer's loopback when listening on every address.
pub fn index_url(local: SocketAddr) -> String {
    let host = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/index.html", SocketAddr::new(host, local.port()))
}

/// Why the server could not listen, in French, with what to do.
pub fn bind_error(address: SocketAddr, error: &io::Error) -> String {
    let port = address.port();
    match error.kind() {
        io::ErrorKind::AddrInUse => format!(
            "erreur : le port {port} est déjà utilisé sur {} (un autre « synergies serve » \
             tourne peut-être).\n  = aide : choisissez un autre port, par exemple \
             `synergies serve --port {}`, ou `--port 0` pour un port libre",
            address.ip(),
            port.wrapping_add(1).max(1024)
        ),
        io::ErrorKind::PermissionDenied => format!(
            "erreur : pas le droit d'utiliser le port {port} sur {}.\n  = aide : choisissez un \
             port au-dessus de 1024, par exemple `--port {DEFAULT_PORT}`, ou `--port 0`",
            address.ip()
        ),
        io::ErrorKind::AddrNotAvailable => format!(
            "erreur : l'adresse {} n'appartient pas à cet ordinateur (option --bind).\n  = aide : \
             sans --bind, le registre est servi sur {DEFAULT_BIND}",
            address.ip()
        ),
        _ => format!("erreur : le serveur ne peut pas écouter sur {address} : {error}"),
    }
}

/// Ctrl+C (and, on Unix, SIGTERM).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_names_the_index_page() {
        let local = SocketAddr::new(DEFAULT_BIND, 8017);
        assert_eq!(index_url(local), "http://127.0.0.1:8017/index.html");
        let any = "0.0.0.0:9000".parse().unwrap();
        assert_eq!(index_url(any), "http://127.0.0.1:9000/index.html");
        let v6 = "[::1]:9000".parse().unwrap();
        assert_eq!(index_url(v6), "http://[::1]:9000/index.html");
    }

    #[test]
    fn a_taken_port_suggests_another_in_french() {
        let error = io::Error::from(io::ErrorKind::AddrInUse);
        let text = bind_error(SocketAddr::new(DEFAULT_BIND, 8017), &error);
        assert!(text.starts_with("erreur : le port 8017 est déjà utilisé sur 127.0.0.1"));
        assert!(text.contains("--port 8018"), "{text}");
        assert!(text.contains("--port 0"), "{text}");
    }
}
