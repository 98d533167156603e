//! Integration tests through the real HTTP interface: `afterhours serve`
//! as a process, a real redis-server and a fake Graph API, all on 127.0.0.1.

mod cases;
mod cluster;
mod comments;
mod console;
#[path = "../support/copy_dir.rs"]
mod copy_dir;
mod escalation;
#[path = "../support/fake_graph.rs"]
mod fake_graph;
mod faults;
mod helpers;
mod queue;
mod quiet;
#[path = "../support/redis_cluster.rs"]
mod redis_cluster;
#[path = "../support/redis_server.rs"]
mod redis_server;
mod reload;
mod templates;
mod webhook;
#[path = "../support/webhook_receiver.rs"]
mod webhook_receiver;
mod windows;
