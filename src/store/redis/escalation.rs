//! [`Escalations`] on Redis. Keys (each command touches one, so all of it
//! runs unchanged on Redis Cluster):
//! - `ah:esc:due`: the schedule, a sorted set of members by due time (ms);
//! - `ah:esc:burst:<scope>`: complaints on a page or post, customer by time;
//! - `ah:esc:incident:<scope>`: an open incident, expiring when the burst ends.

use redis::AsyncCommands;

use super::RedisStore;
use crate::channels::BoxFuture;
use crate::store::escalation::Escalations;
use crate::store::{StoreResult, KEY_ESCAPED};

/// Takes the due members and leases them, atomically (one key).
/// KEYS[1]: the schedule; ARGV[1]: now (ms); ARGV[2]: lease until (ms);
/// ARGV[3]: at most this many. Returns the members taken.
const TAKE_DUE: &str = r"
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, m in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], m) end
return due
";

fn escaped(scope: &str) -> String {
    percent_encoding::utf8_percent_encode(scope, KEY_ESCAPED).to_string()
}

impl RedisStore {
    fn due_key(&self) -> String {
        format!("{}:esc:due", self.keys.prefix)
    }

    fn burst_key(&self, scope: &str) -> String {
        format!("{}:esc:burst:{}", self.keys.prefix, escaped(scope))
    }

    fn incident_key(&self, scope: &str) -> String {
        format!("{}:esc:incident:{}", self.keys.prefix, escaped(scope))
    }
}

impl Escalations for RedisStore {
    fn schedule<'a>(&'a self, member: &'a str, due_ms: i64) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let _: () = conn.zadd(self.due_key(), member, due_ms).await?;
            Ok(())
        })
    }

    fn take_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, StoreResult<Vec<String>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let script = redis::Script::new(TAKE_DUE);
            let taken: Vec<String> = script
                .key(self.due_key())
                .arg(now_ms)
                .arg(lease_until_ms)
                .arg(limit.max(1))
                .invoke_async(&mut conn)
                .await?;
            Ok(taken)
        })
    }

    fn unschedule<'a>(&'a self, member: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let _: () = conn.zrem(self.due_key(), member).await?;
            Ok(())
        })
    }

    fn note_complaint<'a>(
        &'a self,
        scope: &'a str,
        customer: &'a str,
        at_ms: i64,
        window_ms: i64,
    ) -> BoxFuture<'a, StoreResult<Vec<i64>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let key = self.burst_key(scope);
            let (_, _, times, _): ((), (), Vec<(String, i64)>, ()) = redis::pipe()
                .zadd(&key, customer, at_ms)
                .zrembyscore(&key, "-inf", at_ms - window_ms)
                .zrangebyscore_withscores(&key, "-inf", "+inf")
                .pexpire(&key, window_ms)
                .query_async(&mut conn)
                .await?;
            Ok(times.into_iter().map(|(_, t)| t).collect())
        })
    }

    fn incident_open<'a>(&'a self, scope: &'a str, now_ms: i64) -> BoxFuture<'a, StoreResult<bool>> {
        // Redis expires it by itself.
        let _ = now_ms;
        Box::pin(async move {
            let mut conn = self.conn.clone();
            Ok(conn.exists(self.incident_key(scope)).await?)
        })
    }

    fn open_incident<'a>(&'a self, scope: &'a str, now_ms: i64, ttl_ms: i64) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let key = self.incident_key(scope);
            let opened: Option<String> = redis::cmd("SET")
                .arg(&key)
                .arg(now_ms)
                .arg("NX")
                .arg("PX")
                .arg(ttl_ms.max(1))
                .query_async(&mut conn)
                .await?;
            if opened.is_none() {
                let _: () = conn.pexpire(&key, ttl_ms.max(1)).await?;
            }
            Ok(opened.is_some())
        })
    }
}
