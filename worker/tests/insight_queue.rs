//! Insight events through the queue: every play becomes its events once the
//! consumer ran, a consumer batch that crashed after its write is delivered
//! again without writing anything twice, and how late counts arrive.

mod common;

use std::time::{Duration, Instant};

use common::{app, demo, visitor_events, wait_for};
use serde_json::json;

fn static_play() -> String {
    format!("/v1/plays/{}", demo()["records"]["static"].as_str().unwrap())
}

/// Plays the static record as `devices` different browsers of one visitor address.
fn play(path: &str, ip: &str, device: usize) {
    let ua = format!("Mozilla/5.0 (queue test; device {device}) Gecko/20100101 Firefox/140.0");
    let a = app().call("GET", path, common::Auth::None, &[], &[("user-agent", &ua), ("cf-connecting-ip", ip)]);
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn a_thousand_scans_become_a_thousand_views_once_the_consumer_ran() {
    let ip = format!("queue-thousand-{}", rand::random::<u32>());
    let path = static_play();
    let start = Instant::now();
    // Four browsers of ours at once, ten devices in all.
    std::thread::scope(|s| {
        for t in 0..4 {
            let (path, ip) = (&path, &ip);
            s.spawn(move || (0..250).for_each(|i| play(path, ip, (t * 250 + i) % 10)));
        }
    });
    let sent = start.elapsed();
    let counts = wait_for("1,000 views", Duration::from_secs(60), || {
        let c = visitor_events(&ip);
        (c["view"].as_i64() >= Some(1000)).then_some(c)
    });
    let written = start.elapsed() - sent;
    // Longer than a batch takes to arrive: nothing more comes.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(visitor_events(&ip), counts, "no event arrives twice");
    assert_eq!(counts, json!({ "scan": 10, "view": 1000, "plugin": 0 }), "one scan per device, a view per play");
    println!(
        "1,000 scans sent in {:.1} s; all 1,000 views written {:.1} s after the last answer",
        sent.as_secs_f64(),
        written.as_secs_f64()
    );
}

#[test]
fn a_batch_that_crashed_after_its_write_is_retried_without_duplicates() {
    let ip = format!("queue-crash-{}", rand::random::<u32>());
    let crashes = || app().dev("GET", "/v1/dev/consumer-crash", None).json()["crashes"].as_i64().unwrap();
    let before = crashes();
    let armed = app().dev("POST", "/v1/dev/consumer-crash", Some(&json!({ "ip": ip })));
    assert_eq!(armed.status, 200, "{}", armed.body);
    let path = static_play();
    for i in 0..20 {
        play(&path, &ip, i % 2);
    }
    // The first batch holding one of these events wrote its rows, then failed before its ack.
    wait_for("the simulated crash", Duration::from_secs(60), || (crashes() > before).then_some(()));
    assert_eq!(app().dev("GET", "/v1/dev/consumer-crash", None).json()["armed"], false, "it crashes once");
    let counts = wait_for("20 views", Duration::from_secs(60), || {
        let c = visitor_events(&ip);
        (c["view"].as_i64() >= Some(20)).then_some(c)
    });
    // The redelivered batch has been written again by now (retries are immediate): still once each.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(visitor_events(&ip), counts);
    assert_eq!(counts, json!({ "scan": 2, "view": 20, "plugin": 0 }));
}

#[test]
fn counts_arrive_a_moment_after_the_tap() {
    let ip = format!("queue-delay-{}", rand::random::<u32>());
    let path = static_play();
    let mut delays = Vec::new();
    for i in 0..20 {
        let tapped = Instant::now();
        play(&path, &ip, 0);
        wait_for("the tap's view", Duration::from_secs(30), || {
            (visitor_events(&ip)["view"].as_i64() >= Some(i + 1)).then_some(())
        });
        delays.push(tapped.elapsed().as_secs_f64() * 1000.0);
    }
    delays.sort_by(f64::total_cmp);
    let (p50, max) = (delays[delays.len() / 2], delays[delays.len() - 1]);
    println!("tap to view visible in the insights: p50 {p50:.0} ms, max {max:.0} ms (20 taps, one at a time)");
    assert!(max < 30_000.0);
}
