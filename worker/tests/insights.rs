//! Insights: scans (once per device per hour) and views per object, by
//! country, browser, device and platform, within a date range.

mod common;

use std::time::Duration;

use common::{app, demo, visitor_events, wait_for, Auth};

#[test]
fn plays_show_up_in_the_insights_of_their_objects() {
    let d = demo();
    let key = d["records"]["static"].as_str().unwrap().to_string();
    let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    let device = format!("insight-{}", rand::random::<u32>());
    for _ in 0..3 {
        let a = app().call(
            "GET",
            &format!("/v1/plays/{key}"),
            Auth::None,
            &[],
            &[("user-agent", ua), ("cf-connecting-ip", &device)],
        );
        assert_eq!(a.status, 200);
    }
    let session = app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap());
    let get = |path: &str| app().call("GET", path, Auth::Cookie(&session), &[], &[]);
    // Insight events arrive through the queue: wait until the consumer wrote these three
    // (other tests play this record too, so its totals alone say nothing).
    wait_for("this visitor's 3 views", Duration::from_secs(30), || {
        (visitor_events(&device)["view"].as_i64() >= Some(3)).then_some(())
    });
    let totals = get("/v1/records/1/insights").json();
    let views = totals["0"]["views"].as_i64().unwrap();
    let scans = totals["0"]["scans"].as_i64().unwrap();
    assert!(views >= 3 && scans >= 1 && scans < views, "{totals}");
    let platforms = get("/v1/applications/1/insights/platforms").json();
    assert!(platforms.as_object().unwrap().values().any(|p| p["platform"] == "iOS"), "{platforms}");
    let browsers = get("/v1/products/1/insights/browsers").json();
    assert!(browsers.as_object().unwrap().values().any(|b| b["browser"] == "Safari"), "{browsers}");
    assert_eq!(get("/v1/records/1/insights/devices").status, 200);
    assert_eq!(get("/v1/records/1/insights/countries").status, 200);
    let plays = get("/v1/records/1/insights/plays?limit=2").json();
    assert_eq!(plays.as_object().unwrap().len(), 2);
    assert_eq!(plays["0"]["ip"], "", "never an IP");
    // Date range: nothing before 2000, everything in a range that covers today.
    let old = get("/v1/records/1/insights?start_date=1990-01-01&end_date=1999-12-31").json();
    assert_eq!(old["0"]["views"], 0);
    assert_eq!(get("/v1/records/1/insights?start_date=yesterday").error_code(), 430);
    assert_eq!(get("/v1/records/1/insights?start_date=2030-01-01&end_date=2020-01-01").error_code(), 430);
    assert_eq!(get("/v1/records/1/insights/colours").status, 404);
    assert_eq!(get("/v1/plugins/1/insights").status, 200);
}
