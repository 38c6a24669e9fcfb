//! Who is on the other end of a connection: the client's address for the request limits, and whether the
//! request came over TLS (for `Strict-Transport-Security`).
//!
//! `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from proxies named in `PANTAU_TRUSTED_PROXIES`
//! (addresses or CIDRs, comma-separated; none by default): issue #14 saw the complaint limits defeated from
//! loopback by rotating the header. Behind trusted proxies the client is the rightmost untrusted address of the
//! chain. An IPv6 client is limited per /64, the block one subscriber usually gets.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

/// An address block, e.g. `10.0.0.0/8` or `::1/128`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, canonical(address)) {
            (IpAddr::V4(net), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Cidr {
    type Err = String;
    fn from_str(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (address, prefix) = text.split_once('/').unwrap_or((text, ""));
        let network = canonical(
            address
                .parse::<IpAddr>()
                .map_err(|_| format!("{text:?} is not an address or CIDR"))?,
        );
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            max
        } else {
            prefix
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?} has no valid prefix length"))?
        };
        Ok(Cidr { network, prefix })
    }
}

/// The proxies of `PANTAU_TRUSTED_PROXIES`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<Cidr>);

impl FromStr for TrustedProxies {
    type Err = String;
    fn from_str(text: &str) -> Result<TrustedProxies, String> {
        parse_trusted(text).map(TrustedProxies)
    }
}

/// `PANTAU_TRUSTED_PROXIES` read into blocks; an empty text trusts nobody.
pub fn parse_trusted(text: &str) -> Result<Vec<Cidr>, String> {
    text.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(Cidr::from_str)
        .collect()
}

/// An IPv4 address mapped into IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The caller as the limits see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub address: IpAddr,
    /// Whether the request reached the first trusted hop over TLS.
    pub https: bool,
}

impl Client {
    /// What the limits count per: the address, or an IPv6 address's /64.
    pub fn limit_key(&self) -> String {
        match self.address {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let block = u128::from(v6) & (u128::MAX << 64);
                format!("{}/64", Ipv6Addr::from(block))
            }
        }
    }
}

/// The client of a request that came from `peer`, believing forwarding headers only from `trusted` proxies.
pub fn identify(headers: &HeaderMap, peer: Option<SocketAddr>, trusted: &[Cidr]) -> Client {
    let peer = canonical(peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip()));
    let is_trusted = |a: IpAddr| trusted.iter().any(|cidr| cidr.contains(a));
    if !is_trusted(peer) {
        return Client {
            address: peer,
            https: false,
        };
    }
    // Walk the chain from the nearest hop: the first address that is not one of our proxies is the client.
    let chain: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .map(canonical)
        .collect();
    let address = chain
        .iter()
        .rev()
        .copied()
        .find(|a| !is_trusted(*a))
        .or_else(|| chain.first().copied())
        .unwrap_or(peer);
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    Client { address, https }
}

/// Middleware: identifies the client once per request and hands it to the handlers as an extension.
pub async fn attach(
    axum::extract::State(trusted): axum::extract::State<std::sync::Arc<Vec<Cidr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let client = identify(request.headers(), peer, &trusted);
    request.extensions_mut().insert(client);
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Client, Self::Rejection> {
        Ok(parts.extensions.get::<Client>().cloned().unwrap_or(Client {
            address: IpAddr::from([0, 0, 0, 0]),
            https: false,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_str(forwarded).expect("header"),
        );
        headers
    }

    fn peer(address: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(address.parse().expect("address"), 4000))
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let spoofed = headers("203.0.113.9");
        assert_eq!(
            identify(&spoofed, peer("127.0.0.1"), &[])
                .address
                .to_string(),
            "127.0.0.1"
        );
        let trusted = parse_trusted("10.0.0.0/8, ::1").expect("valid");
        assert_eq!(
            identify(&spoofed, peer("10.1.2.3"), &trusted)
                .address
                .to_string(),
            "203.0.113.9"
        );
        assert_eq!(
            identify(&spoofed, peer("10.1.2.3"), &[])
                .address
                .to_string(),
            "10.1.2.3"
        );
        assert_eq!(
            identify(&spoofed, peer("::1"), &trusted)
                .address
                .to_string(),
            "203.0.113.9"
        );
        // A client that sends its own header: the proxy appends the real peer, which is what counts.
        let chain = headers("198.51.100.1, 203.0.113.9, 10.0.0.7");
        assert_eq!(
            identify(&chain, peer("10.1.2.3"), &trusted)
                .address
                .to_string(),
            "203.0.113.9"
        );
    }

    #[test]
    fn cidrs_parse_and_match_at_their_edges() {
        let block: Cidr = "192.168.4.0/22".parse().expect("valid");
        assert!(block.contains("192.168.4.0".parse().expect("a")));
        assert!(block.contains("192.168.7.255".parse().expect("a")));
        assert!(!block.contains("192.168.8.0".parse().expect("a")));
        assert!(!block.contains("192.168.3.255".parse().expect("a")));
        assert!(block.contains("::ffff:192.168.5.1".parse().expect("a")));
        assert!("0.0.0.0/0"
            .parse::<Cidr>()
            .expect("all")
            .contains("8.8.8.8".parse().expect("a")));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("example.org".parse::<Cidr>().is_err());
        assert_eq!(parse_trusted("").expect("none"), vec![]);
    }

    #[test]
    fn ipv6_clients_are_limited_per_64() {
        let client = |a: &str| Client {
            address: a.parse().expect("a"),
            https: false,
        };
        assert_eq!(
            client("2001:db8:1:2:aaaa::1").limit_key(),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            client("2001:db8:1:2:ffff::9").limit_key(),
            client("2001:db8:1:2::1").limit_key()
        );
        assert_ne!(
            client("2001:db8:1:3::1").limit_key(),
            client("2001:db8:1:2::1").limit_key()
        );
        assert_eq!(client("192.0.2.1").limit_key(), "192.0.2.1");
    }
}
