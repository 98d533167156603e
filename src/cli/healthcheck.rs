//! `afterhours healthcheck`: asks a running server's `/healthz` and exits 0
//! on a 200, for the container's HEALTHCHECK (the runtime image has no curl).
//! Plain HTTP on loopback; nothing else is needed.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct HealthcheckArgs {
    /// The URL to ask (http only); default `/healthz` on the port of BIND_ADDR, on loopback.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The address the server listens on (used when --url is not given).
    #[arg(long, env = "BIND_ADDR", default_value = "0.0.0.0:8080", value_name = "ADDR")]
    pub bind: String,
    /// Seconds to wait for the answer.
    #[arg(long, default_value_t = 3, value_name = "SECS")]
    pub timeout: u64,
}

pub fn run(args: HealthcheckArgs) -> anyhow::Result<ExitCode> {
    let url = match args.url {
        Some(u) => u,
        None => default_url(&args.bind)?,
    };
    match status(&url, Duration::from_secs(args.timeout.max(1))) {
        Ok(200) => {
            println!("ok: {url}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(code) => {
            eprintln!("unhealthy: {url} answered {code}");
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("unhealthy: {url}: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// `0.0.0.0:8080` -> `http://127.0.0.1:8080/healthz`.
fn default_url(bind: &str) -> anyhow::Result<String> {
    let addr: SocketAddr =
        bind.parse().map_err(|e| anyhow::anyhow!("BIND_ADDR `{bind}` is not an address such as 0.0.0.0:8080: {e}"))?;
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    Ok(format!("http://{}/healthz", SocketAddr::new(ip, addr.port())))
}

/// The status code of a GET of `url`.
fn status(url: &str, timeout: Duration) -> Result<u16, String> {
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs are supported")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let with_port = if authority.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let addr = with_port
        .to_socket_addrs()
        .map_err(|e| e.to_string())?
        .next()
        .ok_or_else(|| format!("`{authority}` has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).map_err(|e| e.to_string())?;
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {:?}", line.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_url_asks_loopback_on_the_bound_port() {
        assert_eq!(default_url("0.0.0.0:8080").unwrap(), "http://127.0.0.1:8080/healthz");
        assert_eq!(default_url("[::]:9000").unwrap(), "http://[::1]:9000/healthz");
        assert_eq!(default_url("10.0.0.5:80").unwrap(), "http://10.0.0.5:80/healthz");
        assert!(default_url("localhost").is_err());
    }
}
