//! The image's contract, checked without a Docker engine: the binary started
//! exactly as the Dockerfile starts it (its ENV, ENTRYPOINT, CMD and EXPOSE),
//! with the environment docker-compose.yml adds and the secrets its env file
//! supplies, comes up against a real Redis, answers /healthz and /readyz, passes
//! its own HEALTHCHECK and stops cleanly on SIGTERM within the compose grace
//! period; and .env.example names only variables the binary knows.
//!
//! Loopback only; every wait has a deadline.

#[path = "support/redis_server.rs"]
mod redis_server;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use redis_server::RedisServer;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// --- the Dockerfile ---

/// The runtime stage of the Dockerfile: what a container starts with.
#[derive(Debug, Default)]
struct Image {
    workdir: String,
    env: BTreeMap<String, String>,
    entrypoint: Vec<String>,
    cmd: Vec<String>,
    expose: Vec<u16>,
    healthcheck: Vec<String>,
    /// Image path -> build-context path, from `COPY <src> <dest>`.
    copies: Vec<(String, String)>,
}

/// Joins `\` continuations and drops comments; only the last stage counts.
fn dockerfile(text: &str) -> Image {
    let mut lines: Vec<String> = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || (trimmed.is_empty() && pending.is_empty()) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(head) => pending.push_str(&format!("{head} ")),
            None => {
                pending.push_str(trimmed);
                lines.push(std::mem::take(&mut pending));
            }
        }
    }
    let last_from = lines.iter().rposition(|l| l.starts_with("FROM ")).expect("a FROM line");
    let mut image = Image { workdir: "/".into(), ..Image::default() };
    let exec_form = |rest: &str, what: &str| -> Vec<String> {
        serde_json::from_str(rest).unwrap_or_else(|_| panic!("{what} must be in exec form [\"...\"]: {rest}"))
    };
    for line in &lines[last_from + 1..] {
        let (instruction, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match instruction {
            "WORKDIR" => image.workdir = rest.to_string(),
            "ENV" if rest.contains('=') => {
                for pair in rest.split_whitespace() {
                    let (k, v) = pair.split_once('=').expect("ENV K=V pairs");
                    image.env.insert(k.to_string(), v.trim_matches('"').to_string());
                }
            }
            "ENV" => {
                let (k, v) = rest.split_once(' ').expect("ENV K V");
                image.env.insert(k.to_string(), v.trim().to_string());
            }
            "ENTRYPOINT" => image.entrypoint = exec_form(rest, "ENTRYPOINT"),
            "CMD" => image.cmd = exec_form(rest, "CMD"),
            "EXPOSE" => {
                image.expose = rest.split_whitespace().map(|p| p.trim_end_matches("/tcp").parse().unwrap()).collect()
            }
            "HEALTHCHECK" => {
                let cmd = rest.split_once("CMD ").expect("HEALTHCHECK ... CMD [...]").1;
                image.healthcheck = exec_form(cmd, "HEALTHCHECK CMD");
            }
            "COPY" if !rest.starts_with("--from") => {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                let [src, dest] = parts[..] else { panic!("COPY with one source: {line}") };
                let dest = dest.trim_start_matches("./");
                let dest = if dest.starts_with('/') { dest.to_string() } else { format!("{}/{dest}", image.workdir) };
                image.copies.push((dest, src.to_string()));
            }
            _ => {}
        }
    }
    image
}

// --- docker-compose.yml (just the shapes this repository writes) ---

/// The lines of the block under `key:` at `indent` spaces, inside `within`.
fn yaml_block<'a>(within: &[&'a str], indent: usize, key: &str) -> Vec<&'a str> {
    let head = format!("{}{key}:", " ".repeat(indent));
    let start = within.iter().position(|l| l.trim_end() == head).unwrap_or_else(|| panic!("no `{key}:` block"));
    within[start + 1..]
        .iter()
        .copied()
        .filter(|l| !l.trim_start().starts_with('#'))
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// `key: value` directly under a block.
fn yaml_value<'a>(block: &[&'a str], indent: usize, key: &str) -> Option<&'a str> {
    let head = format!("{}{key}:", " ".repeat(indent));
    block.iter().find_map(|l| l.strip_prefix(&head)).map(|v| v.trim().trim_matches('"'))
}

struct Compose {
    env: BTreeMap<String, String>,
    env_file: String,
    container_port: u16,
    /// The host address the port is published on, when it is written.
    host_address: Option<String>,
    stop_grace: Duration,
    healthcheck: Vec<String>,
}

fn compose(text: &str) -> Compose {
    let all: Vec<&str> = text.lines().collect();
    let services = yaml_block(&all, 0, "services");
    let bot = yaml_block(&services, 2, "bot");
    let env = yaml_block(&bot, 4, "environment")
        .iter()
        .map(|l| {
            let l = l.trim();
            let (k, v) = match l.strip_prefix("- ") {
                Some(item) => item.split_once('=').expect("- KEY=value"),
                None => l.split_once(':').expect("KEY: value"),
            };
            (k.trim().to_string(), v.trim().trim_matches('"').to_string())
        })
        .collect();
    let port = yaml_block(&bot, 4, "ports")[0].trim().trim_start_matches("- ").trim_matches('"').to_string();
    let grace = yaml_value(&bot, 4, "stop_grace_period").expect("stop_grace_period");
    let healthcheck = yaml_value(&yaml_block(&bot, 4, "healthcheck"), 6, "test").expect("healthcheck test");
    Compose {
        env,
        env_file: yaml_value(&bot, 4, "env_file").expect("env_file").to_string(),
        container_port: port.rsplit(':').next().unwrap().parse().unwrap(),
        host_address: {
            // `ADDRESS:HOST:CONTAINER`, where ADDRESS may be `${VAR:-default}`.
            let parts: Vec<&str> = port.rsplitn(3, ':').collect();
            parts.get(2).map(|a| {
                a.strip_prefix("${").map_or(*a, |v| v.split(":-").nth(1).unwrap_or(v).trim_end_matches('}')).to_string()
            })
        },
        stop_grace: Duration::from_secs(grace.strip_suffix('s').expect("seconds").parse().unwrap()),
        healthcheck: {
            let test: Vec<String> = serde_json::from_str(healthcheck).expect("healthcheck test in exec form");
            assert_eq!(test.first().map(String::as_str), Some("CMD"), "healthcheck test: [\"CMD\", ...]");
            test[1..].to_vec()
        },
    }
}

/// `.env.example`: every `KEY=value` line, commented out or not, and
/// whether it is left for the operator to fill in (uncommented and empty).
fn env_example() -> Vec<(String, String, bool)> {
    read(".env.example")
        .lines()
        .filter_map(|l| {
            let active = !l.starts_with('#');
            let l = l.trim_start_matches('#').trim();
            let (k, v) = l.split_once('=')?;
            let is_name = !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            is_name.then(|| (k.to_string(), v.to_string(), active && v.is_empty()))
        })
        .collect()
}

/// The environment variables `afterhours serve` reads, from its `--help`.
fn serve_variables() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_afterhours")).args(["serve", "--help"]).env_clear().output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    help.split("[env: ")
        .skip(1)
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect())
        .collect()
}

// --- the process ---

/// The started binary: killed if the test fails before it stops it.
struct Running(Option<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)?;
    let code = answer.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Ok((code, body))
}

#[test]
fn the_binary_started_as_the_image_starts_it_comes_up_ready_and_stops_on_sigterm() {
    let image = dockerfile(&read("Dockerfile"));
    let compose = compose(&read("docker-compose.yml"));
    assert_eq!(compose.env_file, ".env");

    // The image: `afterhours serve` on 0.0.0.0:8080, exposed, and the compose
    // file publishes that port.
    assert_eq!(image.entrypoint, ["afterhours"], "the image runs the binary itself (PID 1 gets SIGTERM)");
    assert_eq!(image.cmd, ["serve"]);
    let bind = image.env.get("BIND_ADDR").expect("the image sets BIND_ADDR");
    let port: u16 = bind.rsplit(':').next().unwrap().parse().unwrap();
    assert!(bind.starts_with("0.0.0.0:"), "reachable from outside the container: {bind}");
    assert_eq!(image.expose, [port], "EXPOSE matches BIND_ADDR");
    assert_eq!(compose.container_port, port, "the compose file publishes the port the bot listens on");
    assert_eq!(image.healthcheck, compose.healthcheck, "one healthcheck in both files");

    // The content the image carries, found where the image's paths point.
    let in_repo = |image_path: &str| -> PathBuf {
        let (_, src) = image
            .copies
            .iter()
            .find(|(dest, _)| dest == image_path)
            .unwrap_or_else(|| panic!("the image copies nothing to {image_path}"));
        repo(src)
    };
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in &image.env {
        let value = if v.starts_with('/') { in_repo(v).display().to_string() } else { v.clone() };
        env.insert(k.clone(), value);
    }
    for key in ["AFTERHOURS_FLOWS", "AFTERHOURS_LOCALES"] {
        assert!(Path::new(&env[key]).is_dir(), "{key} -> {}", env[key]);
    }

    // What compose adds, with its Redis replaced by a real one on loopback.
    let redis = RedisServer::start();
    for (k, v) in &compose.env {
        let value = if k == "REDIS_URL" {
            assert!(v.starts_with("redis://redis:6379"), "the compose file points at its redis service: {v}");
            format!("{}0", redis.url())
        } else {
            v.clone()
        };
        env.insert(k.clone(), value);
    }
    assert!(env.contains_key("REDIS_URL"), "the compose file sets REDIS_URL");

    // The secrets the operator fills into .env.
    let fill: Vec<String> = env_example().into_iter().filter(|(_, _, fill)| *fill).map(|(k, _, _)| k).collect();
    assert!(fill.contains(&"META_APP_SECRET".to_string()), "{fill:?}");
    for k in &fill {
        env.insert(k.clone(), format!("test-{}", k.to_lowercase()));
    }

    // Loopback and a free port instead of 0.0.0.0:8080.
    let free = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    env.insert("BIND_ADDR".into(), free.to_string());

    let start = |args: &[String], env: &BTreeMap<String, String>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_afterhours"));
        c.args(args).env_clear().envs(env).env("PATH", std::env::var("PATH").unwrap_or_default());
        c
    };
    let mut server = start(&image.cmd, &env).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = server.id();
    let stderr = server.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::BufReader::new(stderr).read_to_string(&mut s);
        s
    });
    let mut running = Running(Some(server));

    // Up: /healthz answers within the deadline (or the process says why not).
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, _)) = get(free, "/healthz") {
            break;
        }
        if let Some(status) = running.0.as_mut().unwrap().try_wait().unwrap() {
            panic!("afterhours serve exited ({status}):\n{}", log.join().unwrap());
        }
        assert!(Instant::now() < deadline, "/healthz did not answer within 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (code, body) = get(free, "/readyz").unwrap();
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("redis store"), "{body}");

    // The image's HEALTHCHECK, run with the container's environment.
    assert_eq!(image.healthcheck[0], "afterhours");
    let check = start(&image.healthcheck[1..], &env).output().unwrap();
    assert!(check.status.success(), "HEALTHCHECK failed: {}", String::from_utf8_lossy(&check.stderr));

    // `docker stop`: SIGTERM, then SIGKILL after the grace period.
    let kill = Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    assert!(kill.success());
    let deadline = Instant::now() + compose.stop_grace;
    let status = loop {
        if let Some(status) = running.0.as_mut().unwrap().try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running {:?} after SIGTERM", compose.stop_grace);
        std::thread::sleep(Duration::from_millis(20));
    };
    running.0 = None;
    let log = log.join().unwrap();
    assert!(status.success(), "{status}:\n{log}");
    assert!(log.contains("stopped"), "{log}");
    // ... and the HEALTHCHECK now says so.
    let check = start(&image.healthcheck[1..], &env).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "HEALTHCHECK passed with no server");
}

#[test]
fn compose_publishes_the_port_on_loopback_unless_asked() {
    let compose = compose(&read("docker-compose.yml"));
    assert_eq!(compose.host_address.as_deref(), Some("127.0.0.1"), "by default only this host reaches the bot");
}

#[test]
fn every_variable_the_deployment_files_set_is_one_the_binary_knows() {
    let known = serve_variables();
    assert!(known.len() > 10 && known.contains(&"REDIS_URL".to_string()), "{known:?}");
    let example = env_example();
    let named: Vec<&str> = example.iter().map(|(k, _, _)| k.as_str()).collect();
    // RUST_LOG is read by the logger; `serve --help` names it in LOG_FORMAT's line.
    let help = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_afterhours")).args(["serve", "--help"]).output().unwrap().stdout,
    )
    .unwrap();
    for k in &named {
        assert!(known.iter().any(|v| v == k) || help.contains(k), "`{k}` in .env.example is not in `serve --help`");
    }
    // ... and .env.example lists every variable of `serve --help`.
    for v in &known {
        assert!(named.contains(&v.as_str()), "`{v}` of `serve --help` is missing from .env.example");
    }
    for k in compose(&read("docker-compose.yml")).env.keys().chain(dockerfile(&read("Dockerfile")).env.keys()) {
        assert!(known.contains(k), "`{k}` (Dockerfile or docker-compose.yml) is not in `serve --help`");
    }
    // No value that looks like a real secret.
    for (k, v, _) in &example {
        let secretish = ["SECRET", "TOKEN"].iter().any(|s| k.contains(s)) && !k.ends_with("_FILE");
        assert!(!secretish || v.is_empty() || v.contains("example") || v.contains("change-me"), "{k}={v}");
    }
}

#[test]
fn the_image_build_copies_what_cargo_needs_and_the_context_leaves_target_out() {
    let text = read("Dockerfile");
    let manifest = read("Cargo.toml");
    // [[bench]] targets must exist for cargo to read the manifest.
    assert_eq!(
        manifest.contains("[[bench]]"),
        text.contains("COPY benches"),
        "benches/ is copied iff Cargo.toml declares benches"
    );
    for needed in ["COPY Cargo.toml Cargo.lock", "COPY src ", "--locked"] {
        assert!(text.contains(needed), "the Dockerfile lacks `{needed}`");
    }
    assert!(!Path::new(&repo("build.rs")).exists() || text.contains("build.rs"), "build.rs must be copied");
    let ignore = read(".dockerignore");
    let lines: Vec<&str> = ignore.lines().map(str::trim).collect();
    assert!(lines.contains(&"target/"), "{ignore}");
    assert!(lines.contains(&".env"), "the secrets stay out of the build context: {ignore}");
    for copied in ["src", "benches", "flows", "locales", "Cargo.toml", "Cargo.lock"] {
        assert!(!lines.iter().any(|l| l.trim_end_matches('/') == copied), "{copied} is ignored but copied");
    }
    let image = dockerfile(&text);
    assert!(text.contains("USER 10001"), "runs as a non-root user");
    assert!(
        image.copies.iter().any(|(d, _)| d == "/app/flows") && image.copies.iter().any(|(d, _)| d == "/app/locales")
    );
}
