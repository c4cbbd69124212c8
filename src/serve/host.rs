//! Which `Host` a request may name: this server only. A page on the internet can make a browser
//! send its requests to this computer under the page's own domain name (DNS rebinding) and read
//! the draft register and `/__synergies/status`; such a request names that domain in its `Host`
//! header, and gets 403.
//!
//! Accepted: `localhost`, a loopback address (`127.0.0.1`, `[::1]`) and the address given to
//! `--bind`, always; with a `--bind` other than loopback, also this computer's name (as the
//! system gives it, and with `.local`) and any address of this computer, written as an IP (an
//! address is this computer's when a socket can be bound to it). A port, when given, must be the
//! server's. No DNS name but these is accepted: a colleague uses the computer's name or address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};

/// What a request's `Host` may be.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    bind: IpAddr,
    /// Lower-case names besides `localhost`: this computer's, with a non-loopback `--bind`.
    names: Vec<String>,
}

impl Hosts {
    /// For a server listening on `bind`:`port`; `hostname` is this computer's name, if known.
    pub fn new(bind: IpAddr, port: u16, hostname: Option<&str>) -> Hosts {
        let mut names = Vec::new();
        if !bind.is_loopback()
            && let Some(name) = hostname.map(|n| n.trim().trim_end_matches('.').to_lowercase())
            && !name.is_empty()
        {
            names.push(format!("{name}.local"));
            names.push(name);
        }
        Hosts { port, bind, names }
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// This computer's name, from the system (`None` when it has none that is text).
    pub fn system_hostname() -> Option<String> {
        gethostname::gethostname()
            .into_string()
            .ok()
            .filter(|n| !n.trim().is_empty())
    }

    /// Whether a request whose `Host` header is `host` (`None`: none) is for this server.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some((name, port)) = host.and_then(split_port) else {
            return false;
        };
        if port.is_some_and(|p| p != self.port) {
            return false;
        }
        match parse_ip(name) {
            Some(ip) => self.allows_ip(ip),
            None => {
                let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
                name == "localhost" || self.names.contains(&name)
            }
        }
    }

    fn allows_ip(&self, ip: IpAddr) -> bool {
        if ip.is_unspecified() || ip.is_multicast() {
            return false;
        }
        if ip.is_loopback() || ip == self.bind {
            return true;
        }
        !self.bind.is_loopback() && is_own_address(ip)
    }

    /// The addresses to give colleagues, for a server listening beyond this computer: its name,
    /// then the address other computers reach it by. Empty when listening on loopback.
    pub fn shared_urls(&self) -> Vec<String> {
        if self.bind.is_loopback() {
            return Vec::new();
        }
        let mut urls: Vec<String> = self
            .names
            .iter()
            .filter(|n| !n.ends_with(".local"))
            .map(|n| format!("http://{n}:{}/index.html", self.port))
            .collect();
        let address = if self.bind.is_unspecified() {
            outward_address(self.bind)
        } else {
            Some(self.bind)
        };
        if let Some(ip) = address {
            urls.push(format!(
                "http://{}/index.html",
                SocketAddr::new(ip, self.port)
            ));
        }
        urls
    }
}

/// `name` and port of a `Host` header value (`example:8017`, `[::1]:8017`, `127.0.0.1`); `None`
/// when it is not one.
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (&host[..inside.len() + 2], port)
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// An IP literal as a `Host` names it: `127.0.0.1` or `[::1]`.
fn parse_ip(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// Whether `ip` is an address of this computer: only then can a socket be bound to it.
fn is_own_address(ip: IpAddr) -> bool {
    UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
}

/// The address this computer uses towards a private network: the one a UDP socket gets when
/// connected (no packet is sent) to a private address. `None` without such a route.
fn outward_address(family: IpAddr) -> Option<IpAddr> {
    let (any, private): (IpAddr, IpAddr) = match family {
        IpAddr::V4(_) => (
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            IpAddr::V4(Ipv4Addr::new(10, 254, 254, 254)),
        ),
        IpAddr::V6(_) => (
            IpAddr::V6(Ipv6Addr::UNSPECIFIED),
            IpAddr::V6(Ipv6Addr::new(0xfd00, 0, 0, 0, 0, 0, 0, 1)),
        ),
    };
    let socket = UdpSocket::bind(SocketAddr::new(any, 0)).ok()?;
    socket.connect(SocketAddr::new(private, 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: u16 = 8017;

    fn loopback() -> Hosts {
        Hosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), PORT, Some("PC-Mons"))
    }

    #[test]
    fn on_loopback_only_loopback_names_are_accepted() {
        let hosts = loopback();
        for host in [
            "127.0.0.1:8017",
            "127.0.0.1",
            "localhost:8017",
            "LocalHost.:8017",
            "[::1]:8017",
            "[::1]",
            "127.0.0.2:8017",
        ] {
            assert!(hosts.allows(Some(host)), "{host}");
        }
        for host in [
            "evil.example:8017",
            "evil.example",
            "localhost.evil.example:8017",
            "pc-mons:8017",
            "127.0.0.1:8018",
            "127.0.0.1:",
            "127.0.0.1:80a",
            "0.0.0.0:8017",
            "[::]:8017",
            "[::1]x",
            "",
            ":8017",
            "10.254.254.254:8017",
        ] {
            assert!(!hosts.allows(Some(host)), "{host}");
        }
        assert!(!hosts.allows(None));
        assert_eq!(hosts.shared_urls(), Vec::<String>::new());
    }

    #[test]
    fn beyond_loopback_this_computer_s_name_and_addresses_are_accepted() {
        let hosts = Hosts::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), PORT, Some("PC-Mons"));
        for host in [
            "pc-mons:8017",
            "PC-MONS",
            "pc-mons.local:8017",
            "localhost:8017",
        ] {
            assert!(hosts.allows(Some(host)), "{host}");
        }
        for host in [
            "pc-mons.evil.example:8017",
            "evil.example:8017",
            "0.0.0.0:8017",
        ] {
            assert!(!hosts.allows(Some(host)), "{host}");
        }
        // An address of this computer, and one that is not (TEST-NET-3, never assigned).
        if let Some(own) = outward_address(IpAddr::V4(Ipv4Addr::UNSPECIFIED)) {
            assert!(hosts.allows(Some(&SocketAddr::new(own, PORT).to_string())));
            assert_eq!(
                hosts.shared_urls(),
                [
                    "http://pc-mons:8017/index.html".to_owned(),
                    format!("http://{own}:8017/index.html")
                ]
            );
        }
        assert!(!hosts.allows(Some("203.0.113.7:8017")));
    }

    #[test]
    fn a_bound_address_is_accepted_and_given() {
        let bind = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10));
        let hosts = Hosts::new(bind, PORT, None);
        assert!(hosts.allows(Some("192.0.2.10:8017")));
        assert_eq!(hosts.shared_urls(), ["http://192.0.2.10:8017/index.html"]);
    }
}
