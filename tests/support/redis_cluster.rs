//! A real three-node Redis Cluster for tests, on loopback: three
//! `redis-server --cluster-enabled yes` on free ports, joined by
//! `redis-cli --cluster create`, ready when every node says `cluster_state:ok`.
//! Killed when dropped.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisCluster {
    nodes: Vec<Child>,
    pub ports: Vec<u16>,
    _dirs: Vec<tempfile::TempDir>,
}

/// A free port whose cluster bus port (+10000) is free too.
fn free_port_pair() -> u16 {
    loop {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        if port < 55_000 && TcpListener::bind(("127.0.0.1", port + 10_000)).is_ok() {
            return port;
        }
    }
}

/// Starts one cluster node on a free port pair and waits for its `PING`. A
/// port taken by another process between the probe and the bind makes the
/// server exit: it is started again on another pair.
fn spawn_node(dir: &std::path::Path) -> (Child, u16) {
    for _ in 0..5 {
        let port = free_port_pair();
        let mut child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"])
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let pong = Command::new("redis-cli").args(["-p", &port.to_string(), "PING"]).output();
            if pong.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "PONG") {
                return (child, port);
            }
            if child.try_wait().is_ok_and(|status| status.is_some()) {
                break; // the port was taken: try another
            }
            assert!(Instant::now() < deadline, "redis node {port} not ready for `PING` within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("no redis cluster node could bind a free port in 5 tries");
}

impl RedisCluster {
    pub fn start() -> Self {
        let mut nodes = Vec::new();
        let mut ports = Vec::new();
        let mut dirs = Vec::new();
        for _ in 0..3 {
            let dir = tempfile::tempdir().unwrap();
            let (child, port) = spawn_node(dir.path());
            nodes.push(child);
            ports.push(port);
            dirs.push(dir);
        }
        let cluster = Self { nodes, ports, _dirs: dirs };
        for p in &cluster.ports {
            cluster.wait(*p, "PING", |r| r == "PONG");
        }
        let addrs: Vec<String> = cluster.ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
        let out = Command::new("redis-cli")
            .arg("--cluster")
            .arg("create")
            .args(&addrs)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .output()
            .expect("redis-cli must be installed (package redis-tools, with redis-server)");
        assert!(out.status.success(), "cluster create failed: {}", String::from_utf8_lossy(&out.stdout));
        for p in &cluster.ports {
            cluster.wait(*p, "CLUSTER INFO", |r| r.contains("cluster_state:ok"));
        }
        cluster
    }

    fn wait(&self, port: u16, command: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let r = Command::new("redis-cli").args(["-p", &port.to_string()]).args(command.split(' ')).output();
            if r.is_ok_and(|o| ok(String::from_utf8_lossy(&o.stdout).trim())) {
                return;
            }
            assert!(Instant::now() < deadline, "redis node {port} not ready for `{command}` within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The seed nodes, as `REDIS_URL` takes them for a cluster.
    pub fn url(&self) -> String {
        self.ports.iter().map(|p| format!("redis://127.0.0.1:{p}/")).collect::<Vec<_>>().join(",")
    }
}

impl Drop for RedisCluster {
    fn drop(&mut self) {
        for n in &mut self.nodes {
            let _ = n.kill();
            let _ = n.wait();
        }
    }
}
