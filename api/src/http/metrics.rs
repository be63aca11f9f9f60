//! Prometheus metrics: requests by route and status, a latency histogram per route, pool usage.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// In-process counters, rendered in the Prometheus text format.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<(String, String), Histogram>>,
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    /// Records one finished request.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((method.to_owned(), route.to_owned(), status))
                .or_default() += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry((method.to_owned(), route.to_owned())).or_default();
            let secs = elapsed.as_secs_f64();
            for (i, le) in BUCKETS.iter().enumerate() {
                if secs <= *le {
                    h.buckets[i] += 1;
                }
            }
            h.count += 1;
            h.sum += secs;
        }
    }

    /// The text exposition, with the pool's current state.
    pub fn render(&self, pool: r2d2::State, pool_max: u32) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP gonghui_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE gonghui_http_requests_total counter");
        if let Ok(r) = self.requests.lock() {
            for ((m, route, s), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "gonghui_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{s}\"}} {n}",
                    escape(m),
                    escape(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP gonghui_http_request_duration_seconds Request latency by method and route."
        );
        let _ = writeln!(
            out,
            "# TYPE gonghui_http_request_duration_seconds histogram"
        );
        if let Ok(l) = self.latency.lock() {
            for ((m, route), h) in l.iter() {
                let labels = format!("method=\"{}\",route=\"{}\"", escape(m), escape(route));
                for (i, le) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "gonghui_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {}",
                        h.buckets[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "gonghui_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "gonghui_http_request_duration_seconds_sum{{{labels}}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "gonghui_http_request_duration_seconds_count{{{labels}}} {}",
                    h.count
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP gonghui_db_pool_connections Database pool connections by state."
        );
        let _ = writeln!(out, "# TYPE gonghui_db_pool_connections gauge");
        let _ = writeln!(
            out,
            "gonghui_db_pool_connections{{state=\"idle\"}} {}",
            pool.idle_connections
        );
        let _ = writeln!(
            out,
            "gonghui_db_pool_connections{{state=\"in_use\"}} {}",
            pool.connections - pool.idle_connections
        );
        let _ = writeln!(
            out,
            "gonghui_db_pool_connections{{state=\"max\"}} {pool_max}"
        );
        out
    }
}
