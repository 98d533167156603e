//! One contract suite run against both stores (`MemoryStore` and
//! `RedisStore` on a real redis-server), so they cannot drift apart.

#[path = "support/redis_cluster.rs"]
mod redis_cluster;
#[path = "support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;
use std::time::Duration;

use afterhours::channels::{Channel, ConversationKey, CustomerMessage, Event};
use afterhours::service::conversation::Conversation;
use afterhours::store::{MemoryStore, RedisStore, Store};

const RETENTION: Duration = Duration::from_secs(3600);

fn key(customer: &str) -> ConversationKey {
    ConversationKey { channel: Channel::Messenger, account: "page-1".into(), customer: customer.into() }
}

fn message(customer: &str, mid: &str, ts: i64) -> Event {
    Event::Message(CustomerMessage {
        key: key(customer),
        mid: mid.into(),
        timestamp_ms: ts,
        text: Some(format!("text of {mid}")),
        attachments: vec![],
        customer_name: None,
        reply_to: None,
    })
}

fn mids(entries: &[afterhours::store::StreamEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match e.event.as_ref().unwrap() {
            Event::Message(m) => m.mid.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect()
}

async fn appended_events_are_read_once_in_order(store: Arc<dyn Store>) {
    store.append(&[message("a", "m1", 1), message("b", "m2", 2), message("a", "m3", 3)]).await.unwrap();
    let got = store.read_new("w1", 10, Duration::from_millis(100)).await.unwrap();
    assert_eq!(mids(&got), ["m1", "m2", "m3"]);
    assert!(got.iter().all(|e| e.deliveries == 1));
    let again = store.read_new("w2", 10, Duration::from_millis(50)).await.unwrap();
    assert!(again.is_empty(), "another consumer of the group must not get the same entries: {again:?}");
}

async fn unacknowledged_entries_come_back_to_their_consumer_after_a_crash(store: Arc<dyn Store>) {
    store.append(&[message("a", "m1", 1), message("a", "m2", 2)]).await.unwrap();
    let got = store.read_new("w1", 10, Duration::from_millis(100)).await.unwrap();
    store.ack(&[got[0].id.clone()]).await.unwrap();
    assert_eq!(store.backlog().await.unwrap(), 1);
    let pending = store.read_pending("w1", 10).await.unwrap();
    assert_eq!(mids(&pending), ["m2"]);
    assert!(pending[0].deliveries > 1);
    assert!(store.read_pending("w2", 10).await.unwrap().is_empty());
    store.ack(&[pending[0].id.clone()]).await.unwrap();
    assert!(store.read_pending("w1", 10).await.unwrap().is_empty());
    assert_eq!(store.backlog().await.unwrap(), 0);
}

async fn stale_entries_are_taken_over_by_another_consumer(store: Arc<dyn Store>) {
    store.append(&[message("a", "m1", 1)]).await.unwrap();
    store.read_new("dead-worker", 10, Duration::from_millis(100)).await.unwrap();
    let none = store.claim_stale("w2", Duration::from_secs(600), 10).await.unwrap();
    assert!(none.is_empty(), "a fresh entry must not be taken over");
    let taken = store.claim_stale("w2", Duration::ZERO, 10).await.unwrap();
    assert_eq!(mids(&taken), ["m1"]);
    assert!(store.read_pending("dead-worker", 10).await.unwrap().is_empty());
    assert_eq!(mids(&store.read_pending("w2", 10).await.unwrap()), ["m1"]);
}

async fn a_blocked_read_wakes_when_an_event_arrives(store: Arc<dyn Store>) {
    let reader = {
        let store = store.clone();
        tokio::spawn(async move { store.read_new("w1", 10, Duration::from_secs(2)).await.unwrap() })
    };
    // The read is blocked (or about to be); the append must wake it.
    tokio::task::yield_now().await;
    store.append(&[message("a", "late", 1)]).await.unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), reader).await.expect("read returned").unwrap();
    let got = if got.is_empty() { store.read_new("w1", 10, Duration::from_millis(500)).await.unwrap() } else { got };
    assert_eq!(mids(&got), ["late"]);
}

async fn conversations_round_trip(store: Arc<dyn Store>) {
    assert!(store.load(&key("nobody")).await.unwrap().is_none());
    let mut c = Conversation::new(key("a"));
    c.mark_handled("m1");
    c.customer_name = Some("Ola".into());
    c.automated_since_human = 1;
    store.save(&c).await.unwrap();
    let back = store.load(&key("a")).await.unwrap().expect("saved");
    assert_eq!(back, c);
    assert!(store.load(&key("b")).await.unwrap().is_none());
    let mut d = Conversation::new(key("d"));
    d.customer_name = Some("Dag".into());
    store.save(&d).await.unwrap();
    let many = store.load_many(&[key("d"), key("b"), key("a")]).await.unwrap();
    assert_eq!(many, vec![Some(d), None, Some(c)], "in the order asked, absent as None");
    assert!(store.load_many(&[]).await.unwrap().is_empty());
}

async fn unreadable_entries_are_set_aside_and_leave_the_log(store: Arc<dyn Store>) {
    store.append(&[message("a", "m1", 1)]).await.unwrap();
    let got = store.read_new("w1", 10, Duration::from_millis(100)).await.unwrap();
    store.dead_letter(&got[0].id, "test: cannot read").await.unwrap();
    assert!(store.read_pending("w1", 10).await.unwrap().is_empty());
    assert_eq!(store.backlog().await.unwrap(), 0);
}

async fn a_conversation_lock_has_one_holder_and_expires(store: Arc<dyn Store>) {
    let k = key("a");
    assert!(store.try_lock(&k, "t1", Duration::from_millis(300)).await.unwrap());
    assert!(!store.try_lock(&k, "t2", Duration::from_secs(5)).await.unwrap(), "held by t1");
    assert!(store.try_lock(&key("b"), "t2", Duration::from_secs(5)).await.unwrap(), "locks are per conversation");
    store.unlock(&k, "t2").await.unwrap();
    assert!(!store.try_lock(&k, "t2", Duration::from_secs(5)).await.unwrap(), "only the holder frees it");
    assert!(store.extend_lock(&k, "t1", Duration::from_secs(5)).await.unwrap(), "the holder extends it");
    assert!(!store.extend_lock(&k, "t2", Duration::from_secs(5)).await.unwrap(), "nobody else does");
    store.unlock(&k, "t1").await.unwrap();
    assert!(!store.extend_lock(&k, "t1", Duration::from_secs(5)).await.unwrap(), "a freed lock is not extended");
    assert!(store.try_lock(&k, "t3", Duration::from_millis(100)).await.unwrap());
    // The same owner restarted (another incarnation) takes over at once;
    // another owner does not.
    let k2 = key("c");
    assert!(store.try_lock(&k2, "w1#run1#1", Duration::from_secs(60)).await.unwrap());
    assert!(!store.try_lock(&k2, "w2#run1#1", Duration::from_secs(60)).await.unwrap());
    assert!(!store.try_lock(&k2, "w1#run1#2", Duration::from_secs(60)).await.unwrap(), "same process: wait");
    assert!(store.try_lock(&k2, "w1#run2#1", Duration::from_secs(60)).await.unwrap(), "restarted: take over");
    // A holder that died: the lock frees itself.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !store.try_lock(&k, "t4", Duration::from_secs(5)).await.unwrap() {
        assert!(std::time::Instant::now() < deadline, "the lock never expired");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn taking_a_lock_reads_the_record_with_it(store: Arc<dyn Store>) {
    let ttl = Duration::from_secs(5);
    let fresh = store.try_lock_and_load(&key("new"), "t1", ttl).await.unwrap();
    assert_eq!(fresh, Some(None), "taken; no record yet");
    let mut c = Conversation::new(key("a"));
    c.customer_name = Some("Ola".into());
    store.save(&c).await.unwrap();
    assert_eq!(store.try_lock_and_load(&key("a"), "t1", ttl).await.unwrap(), Some(Some(c.clone())));
    assert_eq!(store.try_lock_and_load(&key("a"), "t2", ttl).await.unwrap(), None, "held by t1: no record either");
    assert!(!store.try_lock(&key("a"), "t2", ttl).await.unwrap(), "the same lock as try_lock's");
    store.unlock(&key("a"), "t1").await.unwrap();
    assert_eq!(store.try_lock_and_load(&key("a"), "t2", ttl).await.unwrap(), Some(Some(c)));
    // The same owner restarted takes over, as with try_lock.
    assert!(store.try_lock(&key("c"), "w1#run1#1", ttl).await.unwrap());
    assert_eq!(store.try_lock_and_load(&key("c"), "w2#run1#1", ttl).await.unwrap(), None);
    assert_eq!(store.try_lock_and_load(&key("c"), "w1#run2#1", ttl).await.unwrap(), Some(None));
}

async fn cases_are_numbered_indexed_and_move_to_resolved(store: Arc<dyn Store>) {
    let (one, two) = (store.next_case_id().await.unwrap(), store.next_case_id().await.unwrap());
    assert!(two > one);
    store.index_case(one, &key("a"), None).await.unwrap();
    store.index_case(two, &key("b"), None).await.unwrap();
    assert_eq!(store.case_location(two).await.unwrap(), Some(key("b")));
    assert_eq!(store.case_location(999).await.unwrap(), None);
    let open = store.case_ids(true, 100).await.unwrap();
    assert_eq!(open, vec![(one, key("a")), (two, key("b"))]);
    store.index_case(one, &key("a"), Some(1_000)).await.unwrap();
    assert_eq!(store.case_ids(true, 100).await.unwrap(), vec![(two, key("b"))]);
    assert_eq!(store.case_ids(false, 100).await.unwrap(), vec![(one, key("a"))]);
    assert_eq!(store.case_location(one).await.unwrap(), Some(key("a")), "a resolved case is still found");
}

async fn a_long_queue_of_open_cases_is_listed_whole_in_number_order(store: Arc<dyn Store>) {
    // More than the Redis store reads per round trip (256), one resolved midway.
    let mut ids = Vec::new();
    for i in 0..600 {
        let id = store.next_case_id().await.unwrap();
        store.index_case(id, &key(&format!("c{i}")), None).await.unwrap();
        ids.push(id);
    }
    store.index_case(ids[300], &key("c300"), Some(1_000)).await.unwrap();
    let open = store.case_ids(true, 10).await.unwrap();
    let expected: Vec<(u64, ConversationKey)> =
        ids.iter().enumerate().filter(|(i, _)| *i != 300).map(|(i, id)| (*id, key(&format!("c{i}")))).collect();
    assert_eq!(open.len(), 599, "the limit is for resolved cases only");
    assert_eq!(open, expected);
}

async fn finishing_writes_the_record_frees_the_lock_and_acknowledges(store: Arc<dyn Store>) {
    let ttl = Duration::from_secs(30);
    store.append(&[message("a", "m1", 1)]).await.unwrap();
    let got = store.read_new("w1", 10, Duration::from_millis(10)).await.unwrap();
    assert_eq!(got.len(), 1);
    assert!(store.try_lock(&key("a"), "t1", ttl).await.unwrap());
    let mut c = Conversation::new(key("a"));
    c.customer_name = Some("Ola".into());
    assert!(store.finish(&key("a"), "t1", Some(&c), Some(&got[0].id)).await.unwrap());
    assert_eq!(store.load(&key("a")).await.unwrap(), Some(c.clone()), "written");
    assert!(store.try_lock(&key("a"), "t2", ttl).await.unwrap(), "freed");
    assert!(store.read_pending("w1", 10).await.unwrap().is_empty(), "acknowledged");
    assert_eq!(store.backlog().await.unwrap(), 0, "and out of the log");

    // Another holder has the lock (ours expired and was taken): their record stands.
    let mut late = c.clone();
    late.customer_name = Some("stale".into());
    assert!(!store.finish(&key("a"), "t1", Some(&late), None).await.unwrap());
    assert_eq!(store.load(&key("a")).await.unwrap(), Some(c.clone()), "not overwritten");
    assert!(!store.try_lock(&key("a"), "t3", ttl).await.unwrap(), "their lock is still held");

    // Repeated after an error whose outcome is unknown: nobody holds the lock, so it is written again.
    assert!(store.finish(&key("a"), "t2", Some(&c), None).await.unwrap());
    assert!(store.finish(&key("a"), "t2", Some(&c), None).await.unwrap());
    // Nothing to write: only the lock is freed.
    assert!(store.try_lock(&key("b"), "t4", ttl).await.unwrap());
    assert!(store.finish(&key("b"), "t4", None, None).await.unwrap());
    assert_eq!(store.load(&key("b")).await.unwrap(), None);
    assert!(store.try_lock(&key("b"), "t5", ttl).await.unwrap());
}

async fn a_record_that_opens_a_case_is_written_with_its_index(store: Arc<dyn Store>) {
    let id = store.next_case_id().await.unwrap();
    let mut c = Conversation::new(key("a"));
    c.needs_person = true;
    store.save_opening(id, &c).await.unwrap();
    assert_eq!(store.load(&key("a")).await.unwrap(), Some(c));
    assert_eq!(store.case_location(id).await.unwrap(), Some(key("a")));
    assert_eq!(store.case_ids(true, 100).await.unwrap(), vec![(id, key("a"))]);
}

async fn the_escalation_schedule_leases_due_steps_and_bursts_count_each_customer_once(store: Arc<dyn Store>) {
    let esc = store.escalations();
    esc.schedule("case:1", 1_000).await.unwrap();
    esc.schedule("case:2", 5_000).await.unwrap();
    assert_eq!(esc.take_due(2_000, 62_000, 10).await.unwrap(), vec!["case:1".to_string()]);
    // Leased: nobody else takes it until the lease ends (its taker died).
    assert!(esc.take_due(3_000, 63_000, 10).await.unwrap().is_empty());
    // Oldest due first: case:2 (5 s) before case:1's lease end (62 s).
    assert_eq!(esc.take_due(62_000, 122_000, 10).await.unwrap(), vec!["case:2".to_string(), "case:1".to_string()]);
    esc.unschedule("case:1").await.unwrap();
    esc.schedule("case:2", 130_000).await.unwrap();
    assert!(esc.take_due(129_000, 189_000, 10).await.unwrap().is_empty(), "moved to its new due time");
    assert_eq!(esc.take_due(200_000, 260_000, 10).await.unwrap(), vec!["case:2".to_string()]);

    // Complaints: one per customer (the latest), within the window.
    let page = "page:104880000000001";
    esc.note_complaint(page, "a", 10_000, 600_000).await.unwrap();
    esc.note_complaint(page, "a", 20_000, 600_000).await.unwrap();
    let mut times = esc.note_complaint(page, "b", 30_000, 600_000).await.unwrap();
    times.sort();
    assert_eq!(times, vec![20_000, 30_000]);
    let times = esc.note_complaint(page, "c", 700_000, 600_000).await.unwrap();
    assert_eq!(times, vec![700_000], "older than the window: forgotten");
    // One incident: the first call opens it, the next keep it open.
    assert!(!esc.incident_open(page, 700_000).await.unwrap());
    assert!(esc.open_incident(page, 700_000, 600_000).await.unwrap());
    assert!(!esc.open_incident(page, 701_000, 600_000).await.unwrap());
    assert!(esc.incident_open(page, 702_000).await.unwrap());
    assert!(!esc.incident_open("page:other", 702_000).await.unwrap());
}

/// A conversation with an open case of `team`.
fn with_case(customer: &str, id: u64, team: &str) -> Conversation {
    use afterhours::domain::{Kind, Priority};
    use afterhours::service::cases::{Case, Opening};
    let now = chrono::Utc::now();
    let mut c = Conversation::new(key(customer));
    c.customer_name = Some("Zoë Ångström".into());
    c.case = Some(Case::open(Opening {
        id,
        team: team.into(),
        priority: Priority::Complaint,
        kind: Kind::Complaint,
        intent: None,
        written_at: now,
        open_now: false,
        promised: None,
        window: None,
        now,
    }));
    c
}

async fn open_cases_are_indexed_by_team_moved_announced_and_dropped_when_resolved(store: Arc<dyn Store>) {
    use afterhours::store::queue::{ALL, DUE};
    let head = store.queue_changes_head("south").await.unwrap();
    let (a, b) = (store.next_case_id().await.unwrap(), store.next_case_id().await.unwrap());
    store.save_opening(a, &with_case("qa", a, "south")).await.unwrap();
    store.save_opening(b, &with_case("qb", b, "south")).await.unwrap();
    let listed = store.queue_range("south", ALL, None, None, 10).await.unwrap();
    assert_eq!(listed.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![a, b], "the older case first");
    assert_eq!(store.queue_count("south", ALL, None, None).await.unwrap(), 2);
    assert_eq!(store.queue_count("south", DUE, None, None).await.unwrap(), 2);
    // A page after the first entry's score starts at the second.
    let after = store.queue_range("south", ALL, Some(listed[0].1), None, 10).await.unwrap();
    assert_eq!(after, vec![listed[1]]);
    let entries = store.queue_entries("south", &[a, 999]).await.unwrap();
    assert!(entries[0].as_ref().unwrap().search.contains("zoe angstrom"), "{entries:?}");
    assert!(entries[1].is_none());
    assert!(store.queue_teams().await.unwrap().contains(&"south".to_string()));

    // A transfer: out of one team, into the other.
    store.save(&with_case("qa", a, "central")).await.unwrap();
    assert_eq!(store.queue_count("south", ALL, None, None).await.unwrap(), 1);
    assert_eq!(store.queue_range("central", ALL, None, None, 10).await.unwrap()[0].0, a);

    // Resolved: out of the open queue.
    store.index_case(b, &key("qb"), Some(chrono::Utc::now().timestamp_millis())).await.unwrap();
    assert_eq!(store.queue_count("south", ALL, None, None).await.unwrap(), 0);

    // Every change is on the team's stream, in order, after the head.
    let south = store.queue_changes("south", Some(&head), 100, None).await.unwrap();
    let cases: Vec<u64> = south.iter().map(|c| c.case).collect();
    assert_eq!(cases, vec![a, b, a, b], "opened a, opened b, a left, b resolved: {south:?}");
    let newest = store.queue_changes_head("south").await.unwrap();
    assert_eq!(newest, south.last().unwrap().id);
    // A blocked read wakes when a change comes.
    let waiting = {
        let store = store.clone();
        let from = newest.clone();
        tokio::spawn(async move { store.queue_changes("south", Some(&from), 10, Some(Duration::from_secs(2))).await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    store.save(&with_case("qc", 77, "south")).await.unwrap();
    let woke = waiting.await.unwrap().unwrap();
    assert_eq!(woke.iter().map(|c| c.case).collect::<Vec<_>>(), vec![77]);
}

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod memory {
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(Arc::new(MemoryStore::new(RETENTION))).await;
                }
            )*
        }
        mod redis {
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    let server = redis_server::RedisServer::start();
                    let store = RedisStore::connect(&server.url(), "ah", RETENTION).await.unwrap();
                    super::$name(Arc::new(store)).await;
                }
            )*
        }
        /// The same suite on a three-node Redis Cluster.
        mod cluster {
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    let cluster = tokio::task::spawn_blocking(redis_cluster::RedisCluster::start).await.unwrap();
                    let store = RedisStore::connect(&cluster.url(), "ah", RETENTION).await.unwrap();
                    super::$name(Arc::new(store)).await;
                }
            )*
        }
    };
}

contract!(
    appended_events_are_read_once_in_order,
    unacknowledged_entries_come_back_to_their_consumer_after_a_crash,
    stale_entries_are_taken_over_by_another_consumer,
    a_blocked_read_wakes_when_an_event_arrives,
    conversations_round_trip,
    unreadable_entries_are_set_aside_and_leave_the_log,
    a_conversation_lock_has_one_holder_and_expires,
    taking_a_lock_reads_the_record_with_it,
    cases_are_numbered_indexed_and_move_to_resolved,
    a_long_queue_of_open_cases_is_listed_whole_in_number_order,
    finishing_writes_the_record_frees_the_lock_and_acknowledges,
    a_record_that_opens_a_case_is_written_with_its_index,
    the_escalation_schedule_leases_due_steps_and_bursts_count_each_customer_once,
    open_cases_are_indexed_by_team_moved_announced_and_dropped_when_resolved,
);

#[tokio::test]
async fn redis_keys_of_a_conversation_share_a_hash_tag_and_expire() {
    let server = redis_server::RedisServer::start();
    let store = RedisStore::connect(&server.url(), "ah", Duration::from_secs(30 * 86400)).await.unwrap();
    store.save(&Conversation::new(key("42"))).await.unwrap();
    let mut conn = server.conn();
    let keys: Vec<String> = ::redis::cmd("KEYS").arg("ah:{*}:*").query(&mut conn).unwrap();
    assert_eq!(keys, ["ah:{c:messenger:page-1:42}:conv"]);
    let ttl: i64 = ::redis::cmd("TTL").arg(&keys[0]).query(&mut conn).unwrap();
    assert!(ttl > 29 * 86400 && ttl <= 30 * 86400, "ttl {ttl}");
}

/// Issue 22, item 6: the case indexes (where each case is, the open and
/// resolved lists) expire with the records they point at, whichever way
/// a case is indexed.
#[tokio::test]
async fn redis_case_indexes_expire_with_their_cases() {
    let server = redis_server::RedisServer::start();
    let store = RedisStore::connect(&server.url(), "ah", Duration::from_secs(30 * 86400)).await.unwrap();
    let mut conn = server.conn();
    let ttl =
        |conn: &mut ::redis::Connection, name: &str| -> i64 { ::redis::cmd("TTL").arg(name).query(conn).unwrap() };
    let within_retention = |t: i64| t > 29 * 86400 && t <= 30 * 86400;
    let opened = store.next_case_id().await.unwrap();
    store.save_opening(opened, &Conversation::new(key("a"))).await.unwrap();
    for name in ["ah:cases:where", "ah:cases:open"] {
        assert!(within_retention(ttl(&mut conn, name)), "{name}: ttl {}", ttl(&mut conn, name));
    }
    let resolved = store.next_case_id().await.unwrap();
    store.index_case(resolved, &key("b"), Some(1_764_000_000_000)).await.unwrap();
    assert!(within_retention(ttl(&mut conn, "ah:cases:resolved")), "ttl {}", ttl(&mut conn, "ah:cases:resolved"));
    // Shortened as if the retention were nearly over: a new case keeps the index as long as itself.
    let _: () = ::redis::cmd("EXPIRE").arg("ah:cases:open").arg(60).query(&mut conn).unwrap();
    let third = store.next_case_id().await.unwrap();
    store.index_case(third, &key("c"), None).await.unwrap();
    assert!(within_retention(ttl(&mut conn, "ah:cases:open")), "ttl {}", ttl(&mut conn, "ah:cases:open"));
}
