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
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

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
        let addr = parse_ip(addr).ok_or(bad)?;
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
        let ip = parse_ip(part.trim())?.to_canonical();
        if !is_allowed(trusted_proxies, ip) {
            return Some(ip);
        }
    }
    // Every entry a trusted proxy: the left-most is the client.
    header
        .split(',')
        .next()
        .and_then(|p| parse_ip(p.trim()))
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
    if let Some(ip) = parse_ip(text) {
        return Some(ip.to_canonical());
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (inner, tail) = rest.split_once(']')?;
        let port_ok = tail.is_empty() || tail.strip_prefix(':').is_some_and(is_port);
        return port_ok
            .then(|| parse_ipv6(inner))
            .flatten()
            .map(|ip| IpAddr::V6(ip).to_canonical());
    }
    let (addr, port) = text.split_once(':')?;
    if !is_port(port) {
        return None;
    }
    parse_ipv4(addr).map(IpAddr::V4)
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
    match parse_ip(literal).map(|ip| ip.to_canonical()) {
        Some(IpAddr::V4(v4)) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        Some(IpAddr::V6(v6)) => {
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
        None => false,
    }
}

// IP addresses and socket addresses, read by the core itself: the same
// grammar and the same values as `core::net`'s `FromStr` (a property test
// compares the two), in a fraction of its code (firmware that checks a
// gateway configuration or a CDR links this, benches/README.md).
//
//   ipv4    = octet "." octet "." octet "." octet    ; 0-255, no leading zero
//   ipv6    = groups [ "::" groups ]                 ; 8 groups in all, "::" one or more zero groups
//   groups  = group *( ":" group ) [ ":" ipv4 ]      ; group: 1-4 hex digits; ipv4 last only
//   socket  = ipv4 ":" port / "[" ipv6 [ "%" scope ] "]" ":" port
//   port    = 1*DIGIT                                ; 0-65535, leading zeros allowed

/// A reader over the bytes of an address.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    /// Takes `c` when it is next.
    fn eat(&mut self, c: u8) -> bool {
        match self.rest.split_first() {
            Some((&b, tail)) if b == c => {
                self.rest = tail;
                true
            }
            _ => false,
        }
    }

    /// A number of at most `max_digits` digits (`0`: any) in `radix` that
    /// fits `limit`. Without `zero_prefix`, `0` must stand alone. Nothing
    /// is taken when it fails.
    fn number(
        &mut self,
        radix: u32,
        max_digits: usize,
        limit: u32,
        zero_prefix: bool,
    ) -> Option<u32> {
        let mut value = 0u32;
        let mut digits = 0usize;
        let mut rest = self.rest;
        while let Some((&b, tail)) = rest.split_first() {
            let Some(d) = char::from(b).to_digit(radix) else {
                break;
            };
            if digits > 0 && value == 0 && !zero_prefix {
                return None;
            }
            if max_digits > 0 && digits == max_digits {
                return None;
            }
            value = value.checked_mul(radix)?.checked_add(d)?;
            if value > limit {
                return None;
            }
            digits += 1;
            rest = tail;
        }
        (digits > 0).then(|| {
            self.rest = rest;
            value
        })
    }

    fn ipv4(&mut self) -> Option<Ipv4Addr> {
        let start = self.rest;
        let mut octets = [0u8; 4];
        for (i, o) in octets.iter_mut().enumerate() {
            let ok = (i == 0 || self.eat(b'.'))
                && match self.number(10, 3, 255, false) {
                    Some(n) => {
                        *o = n as u8;
                        true
                    }
                    None => false,
                };
            if !ok {
                self.rest = start;
                return None;
            }
        }
        Some(Ipv4Addr::from(octets))
    }

    /// Up to `groups.len()` groups separated by `:`, the last two possibly
    /// an IPv4 address: how many were read and whether an IPv4 ended them.
    fn groups(&mut self, groups: &mut [u16]) -> (usize, bool) {
        let limit = groups.len();
        for i in 0..limit {
            let before = self.rest;
            if i > 0 && !self.eat(b':') {
                return (i, false);
            }
            if i + 1 < limit {
                if let Some(v4) = self.ipv4() {
                    let [a, b, c, d] = v4.octets();
                    if let Some(pair) = groups.get_mut(i..i + 2) {
                        pair.copy_from_slice(&[
                            u16::from_be_bytes([a, b]),
                            u16::from_be_bytes([c, d]),
                        ]);
                    }
                    return (i + 2, true);
                }
            }
            match self.number(16, 4, 0xffff, true) {
                Some(g) => {
                    if let Some(slot) = groups.get_mut(i) {
                        *slot = g as u16;
                    }
                }
                None => {
                    self.rest = before;
                    return (i, false);
                }
            }
        }
        (limit, false)
    }

    fn ipv6(&mut self) -> Option<Ipv6Addr> {
        let start = self.rest;
        let mut head = [0u16; 8];
        let (head_len, head_v4) = self.groups(&mut head);
        if head_len == 8 {
            return Some(Ipv6Addr::from(head));
        }
        // An IPv4 part only at the end; then "::" stands for one or more
        // zero groups.
        if head_v4 || !(self.eat(b':') && self.eat(b':')) {
            self.rest = start;
            return None;
        }
        let mut tail = [0u16; 7];
        let room = 7 - head_len;
        let (tail_len, _) = self.groups(tail.get_mut(..room).unwrap_or(&mut []));
        if let (Some(to), Some(from)) = (head.get_mut(8 - tail_len..), tail.get(..tail_len)) {
            to.copy_from_slice(from);
        }
        Some(Ipv6Addr::from(head))
    }

    /// Runs `read` over the whole of `text`.
    fn whole<T>(text: &str, read: impl FnOnce(&mut Cursor<'_>) -> Option<T>) -> Option<T> {
        let mut c = Cursor {
            rest: text.as_bytes(),
        };
        read(&mut c).filter(|_| c.rest.is_empty())
    }
}

/// An IPv4 address (`192.168.1.20`), as `core::net` reads one.
///
/// ```
/// assert_eq!(santral::net::parse_ipv4("10.0.0.1"), Some([10, 0, 0, 1].into()));
/// assert_eq!(santral::net::parse_ipv4("10.0.0.01"), None);
/// ```
pub fn parse_ipv4(text: &str) -> Option<Ipv4Addr> {
    Cursor::whole(text, |c| c.ipv4())
}

/// An IPv6 address (`2001:db8::1`, `::ffff:10.0.0.1`), as `core::net`
/// reads one.
///
/// ```
/// assert_eq!(santral::net::parse_ipv6("::1"), Some(core::net::Ipv6Addr::LOCALHOST));
/// assert_eq!(santral::net::parse_ipv6("1::2::3"), None);
/// ```
pub fn parse_ipv6(text: &str) -> Option<Ipv6Addr> {
    Cursor::whole(text, |c| c.ipv6())
}

/// An IPv4 or IPv6 address, as `core::net` reads one.
///
/// ```
/// assert!(santral::net::parse_ip("194.49.126.36").is_some_and(|ip| ip.is_ipv4()));
/// assert!(santral::net::parse_ip("fe80::1").is_some_and(|ip| ip.is_ipv6()));
/// ```
pub fn parse_ip(text: &str) -> Option<IpAddr> {
    parse_ipv4(text)
        .map(IpAddr::V4)
        .or_else(|| parse_ipv6(text).map(IpAddr::V6))
}

/// A socket address (`127.0.0.1:8096`, `[::1]:8096`, `[fe80::1%2]:80`),
/// as `core::net` reads one.
///
/// ```
/// assert_eq!(santral::net::parse_socket_addr("127.0.0.1:8096").map(|a| a.port()), Some(8096));
/// assert_eq!(santral::net::parse_socket_addr("127.0.0.1"), None);
/// ```
pub fn parse_socket_addr(text: &str) -> Option<SocketAddr> {
    Cursor::whole(text, |c| {
        if c.eat(b'[') {
            let ip = c.ipv6()?;
            let scope = if c.eat(b'%') {
                c.number(10, 0, u32::MAX, true)?
            } else {
                0
            };
            let port = (c.eat(b']') && c.eat(b':'))
                .then(|| c.number(10, 0, 0xffff, true))
                .flatten()?;
            Some(SocketAddr::V6(SocketAddrV6::new(ip, port as u16, 0, scope)))
        } else {
            let ip = c.ipv4()?;
            let port = c
                .eat(b':')
                .then(|| c.number(10, 0, 0xffff, true))
                .flatten()?;
            Some(SocketAddr::V4(SocketAddrV4::new(ip, port as u16)))
        }
    })
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
