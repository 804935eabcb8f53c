//! Where a request comes from: address blocks (CIDR), the vendor's own
//! addresses, and the client behind trusted proxies. The PBX signs
//! nothing it sends, so an allow-list is a webhook receiver's defence.
//!
//! ```
//! use santral::net::{client_address, is_allowed, Cidr, VENDOR_ADDRESSES};
//!
//! assert!(is_allowed(&VENDOR_ADDRESSES, "194.49.126.45".parse().unwrap()));
//! let proxies = [Cidr::parse("10.0.0.0/8").unwrap()];
//! let peer = "10.1.2.3".parse().unwrap();
//! // Behind a trusted proxy, the client is the last address it did not add.
//! let client = client_address(peer, Some(b"194.49.126.36, 10.9.9.9"), &proxies).unwrap();
//! assert_eq!(client.to_string(), "194.49.126.36");
//! // From anyone else, X-Forwarded-For is ignored.
//! let stranger = "203.0.113.7".parse().unwrap();
//! assert_eq!(client_address(stranger, Some(b"194.49.126.36"), &proxies), Some(stranger));
//! ```

crate::wire_enum! {
    /// An HTTP method the API (and the PBX's calls to a shop) uses.
    pub enum Method {
        /// `GET`.
        Get = "GET",
        /// `POST`.
        Post = "POST",
        /// `PATCH`.
        Patch = "PATCH",
        /// `DELETE`.
        Delete = "DELETE",
        /// `PUT` (an announcement's update).
        Put = "PUT",
    }
}

use core::fmt;
use core::net::{IpAddr, Ipv4Addr};

use crate::diag::{Code, Error, Span};

/// An address block: an IPv4 or IPv6 address and a prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

/// The addresses the vendor's calls come from (194.49.126.36, .45, .46, .18).
pub const VENDOR_ADDRESSES: [Cidr; 4] = [
    Cidr::v4([194, 49, 126, 36], 32),
    Cidr::v4([194, 49, 126, 45], 32),
    Cidr::v4([194, 49, 126, 46], 32),
    Cidr::v4([194, 49, 126, 18], 32),
];

impl Cidr {
    /// An IPv4 block (prefix clamped to 32).
    pub const fn v4(octets: [u8; 4], prefix: u8) -> Cidr {
        Cidr {
            addr: IpAddr::V4(Ipv4Addr::new(octets[0], octets[1], octets[2], octets[3])),
            prefix: if prefix > 32 { 32 } else { prefix },
        }
    }

    /// Parses `addr` or `addr/prefix` (IPv4 or IPv6).
    pub fn parse(s: &str) -> Result<Cidr, Error> {
        let bad = Error::new(Code::OpencartCidr, Span::new(0, s.len()));
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| bad)?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|n| *n <= max).ok_or(bad)?
            }
            Some(_) => return Err(bad),
        };
        Ok(Cidr { addr, prefix })
    }

    /// True when `ip` is inside the block (an IPv4-mapped IPv6 peer
    /// matches IPv4 blocks).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// True when `peer` is inside any block of `list`.
pub fn is_allowed(list: &[Cidr], peer: IpAddr) -> bool {
    let peer = peer.to_canonical();
    list.iter().any(|c| c.contains(peer))
}

/// The client a request comes from: `peer` (the connection's address),
/// or, when `peer` is one of `trusted_proxies`, the right-most address of
/// `x_forwarded_for` that is not itself a trusted proxy (each proxy
/// appends the address it saw, so anything left of that is the client's
/// own claim).
///
/// `x_forwarded_for` is every `X-Forwarded-For` line the request carried,
/// joined by `", "` in their order, as bytes: HAProxy adds a line of its
/// own after the client's, and a face that read only the first line would
/// take the client's claim. `None` when the client cannot be known — a
/// trusted proxy forwarded a value that is not an address where the walk
/// needs one (undecodable bytes, an empty or malformed entry): the request
/// is refused, never taken to come from the proxy itself. An IPv4-mapped
/// IPv6 address (`::ffff:127.0.0.1`, what a dual-stack listener sees of an
/// IPv4 peer) is the IPv4 address it maps.
pub fn client_address(
    peer: IpAddr,
    x_forwarded_for: Option<&[u8]>,
    trusted_proxies: &[Cidr],
) -> Option<IpAddr> {
    let peer = peer.to_canonical();
    if !is_allowed(trusted_proxies, peer) {
        return Some(peer);
    }
    let Some(header) = x_forwarded_for else {
        return Some(peer);
    };
    let header = core::str::from_utf8(header).ok()?;
    for part in header.rsplit(',') {
        let ip = part.trim().parse::<IpAddr>().ok()?.to_canonical();
        if !is_allowed(trusted_proxies, ip) {
            return Some(ip);
        }
    }
    // Every entry a trusted proxy: the left-most is the client.
    header
        .split(',')
        .next()
        .and_then(|p| p.trim().parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
}

/// A connection's address as a server or a gateway hands it over:
/// `127.0.0.1`, `::1`, `[::1]`, `127.0.0.1:5000` or `[::1]:5000`
/// (surrounding whitespace ignored), IPv4-mapped IPv6 as its IPv4 address.
/// `None` for anything else (a Unix socket's path, an empty text).
///
/// ```
/// use santral::net::parse_peer;
/// assert_eq!(parse_peer("[::ffff:127.0.0.1]:8080"), parse_peer("127.0.0.1"));
/// assert_eq!(parse_peer("/run/php.sock"), None);
/// ```
pub fn parse_peer(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (inner, tail) = rest.split_once(']')?;
        let port_ok = tail.is_empty() || tail.strip_prefix(':').is_some_and(is_port);
        return port_ok
            .then(|| inner.parse::<core::net::Ipv6Addr>().ok())
            .flatten()
            .map(|ip| IpAddr::V6(ip).to_canonical());
    }
    let (addr, port) = text.split_once(':')?;
    if !is_port(port) {
        return None;
    }
    addr.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The blocks of a comma-separated list (`194.49.126.0/24, ::1`), each or
/// its error with the span of the piece inside `list`; empty pieces are
/// skipped.
///
/// ```
/// use santral::net::blocks;
/// let mut it = blocks("10.0.0.0/8, ,::1, 10.0.0.0/33");
/// assert_eq!(it.next().unwrap().unwrap().to_string(), "10.0.0.0/8");
/// assert_eq!(it.next().unwrap().unwrap().to_string(), "::1/128");
/// let bad = it.next().unwrap().unwrap_err();
/// assert_eq!((bad.span.start, bad.span.end), (18, 29));
/// ```
pub fn blocks(list: &str) -> impl Iterator<Item = Result<Cidr, Error>> + '_ {
    let mut start = 0usize;
    list.split(',').filter_map(move |piece| {
        let at = start;
        start = start.saturating_add(piece.len()).saturating_add(1);
        let trimmed = piece.trim_start();
        let lead = piece.len().saturating_sub(trimmed.len());
        let text = trimmed.trim_end();
        (!text.is_empty()).then(|| {
            Cidr::parse(text).map_err(|mut e| {
                e.span = e.span.offset(at.saturating_add(lead));
                e
            })
        })
    })
}

/// True when `host` (a URL's host: a name, an IPv4 address or a bracketed
/// IPv6 one) names this machine or a private network without asking a
/// resolver: `localhost`, a loopback, private (RFC 1918), link-local or
/// unique-local address literal. What a local simulator may call back
/// unless told otherwise; any other name would mean a DNS lookup and a
/// connection outside.
///
/// ```
/// use santral::net::is_local_host;
/// assert!(is_local_host("127.0.0.1") && is_local_host("[::1]") && is_local_host("192.168.1.20"));
/// assert!(is_local_host("localhost") && is_local_host("LOCALHOST"));
/// assert!(!is_local_host("siteadresi.com") && !is_local_host("8.8.8.8") && !is_local_host("[2001:db8::1]"));
/// ```
pub fn is_local_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match literal.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V4(v4)) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        Ok(IpAddr::V6(v6)) => {
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
        Err(_) => false,
    }
}

/// What a webhook receiver decides about a request before reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Admission {
    /// The client (see [`client_address`]); `None` when it cannot be
    /// known: the peer is not an address, or a trusted proxy forwarded a
    /// value that is not one.
    pub client: Option<IpAddr>,
    /// Whether the client is inside the allow-list (never when unknown).
    pub allowed: bool,
}

/// The receiver's whole transport decision, the one every face makes:
/// `peer` read by [`parse_peer`], the client found by [`client_address`]
/// (`x_forwarded_for` being every header line joined by `", "`, as
/// bytes), then checked against `allow`.
///
/// ```
/// use santral::net::{admit, Cidr, VENDOR_ADDRESSES};
/// let proxy = [Cidr::parse("127.0.0.1").unwrap()];
/// // HAProxy appends the address it saw as a line after the client's claim.
/// let a = admit("127.0.0.1", Some(b"194.49.126.36, 127.0.0.2"), &VENDOR_ADDRESSES, &proxy);
/// assert_eq!((a.client.unwrap().to_string().as_str(), a.allowed), ("127.0.0.2", false));
/// ```
pub fn admit(
    peer: &str,
    x_forwarded_for: Option<&[u8]>,
    allow: &[Cidr],
    trusted_proxies: &[Cidr],
) -> Admission {
    let client = parse_peer(peer).and_then(|p| client_address(p, x_forwarded_for, trusted_proxies));
    Admission {
        client,
        allowed: client.is_some_and(|c| is_allowed(allow, c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peers_in_the_forms_servers_give() {
        for (text, want) in [
            ("127.0.0.1", Some("127.0.0.1")),
            (" ::1 ", Some("::1")),
            ("[::1]", Some("::1")),
            ("[::1]:8080", Some("::1")),
            ("127.0.0.1:5000", Some("127.0.0.1")),
            ("::ffff:10.0.0.1", Some("10.0.0.1")),
            ("[::ffff:10.0.0.1]:1", Some("10.0.0.1")),
            ("127.0.0.1:", None),
            ("127.0.0.1:123456", None),
            ("[::1]x", None),
            ("[127.0.0.1]", None),
            ("", None),
            ("/run/php.sock", None),
            ("localhost", None),
        ] {
            assert_eq!(parse_peer(text), want.map(|w| w.parse().unwrap()), "{text}");
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let proxies = [
            Cidr::parse("10.0.0.0/8").unwrap(),
            Cidr::parse("::1").unwrap(),
        ];
        let c = |peer: &str, xff: Option<&str>, proxies: &[Cidr]| {
            client_address(ip(peer), xff.map(str::as_bytes), proxies)
        };
        let xff = Some("1.1.1.1, 194.49.126.36, 10.0.0.2");
        assert_eq!(c("10.0.0.1", xff, &proxies), Some(ip("194.49.126.36")));
        assert_eq!(
            c("::1", Some("2001:db8::5"), &proxies),
            Some(ip("2001:db8::5"))
        );
        assert_eq!(c("8.8.8.8", xff, &proxies), Some(ip("8.8.8.8")));
        assert_eq!(c("10.0.0.1", None, &proxies), Some(ip("10.0.0.1")));
        // Two header lines (HAProxy appends its own): the last counts.
        assert_eq!(
            c("10.0.0.1", Some("194.49.126.36, 203.0.113.9"), &proxies),
            Some(ip("203.0.113.9"))
        );
        // A forged entry left of the real client is never reached.
        assert_eq!(
            c("10.0.0.1", Some("evil, 194.49.126.36"), &proxies),
            Some(ip("194.49.126.36"))
        );
        // A malformed, empty or undecodable value from a trusted proxy:
        // the client is unknown (refused), never the proxy itself.
        assert_eq!(c("10.0.0.1", Some("194.49.126.36, evil"), &proxies), None);
        assert_eq!(c("10.0.0.1", Some(""), &proxies), None);
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                Some(b"\x80"),
                &[Cidr::parse("127.0.0.1").unwrap()]
            ),
            None
        );
        // Every entry a proxy: the left-most.
        assert_eq!(
            c("10.0.0.1", Some("10.0.0.3, 10.0.0.2"), &proxies),
            Some(ip("10.0.0.3"))
        );
        // A dual-stack listener's view of an IPv4 peer is that peer.
        assert_eq!(c("::ffff:127.0.0.1", None, &proxies), Some(ip("127.0.0.1")));
        assert!(is_allowed(&proxies, ip("::ffff:10.0.0.7")));
        // No proxies trusted: the header never counts, whatever it holds.
        assert_eq!(c("10.0.0.1", xff, &[]), Some(ip("10.0.0.1")));
        assert_eq!(
            client_address(ip("10.0.0.1"), Some(b"\xff"), &[]),
            Some(ip("10.0.0.1"))
        );
    }
}
