//! Regression tests for what attackers, fuzzers and chaos tests found: upload bombs, control characters,
//! replays after an account is disabled, integrations reaching for people's accounts, raced login
//! throttles, foreign entity tags. Each failed before its fix.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, Reply, TestApp};
use reqwest::Method;
use serde_json::json;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn import(app: &TestApp, token: &str, union: &str, bytes: Vec<u8>) -> Reply {
    app.send(
        app.request(
            Method::POST,
            &format!("/api/v1/member-imports?organisation_id={union}"),
            Some(token),
        )
        .header("content-type", XLSX)
        .body(bytes),
    )
    .await
}

async fn alive(app: &TestApp) {
    let r = app.send(app.request(Method::GET, "/readyz", None)).await;
    assert_eq!(r.status, 200, "the server still answers: {}", r.text);
}

async fn a_sheet_reaching_xfd1048576_is_refused_and_the_server_lives(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    // Cells A1, B1 and XFD1048576 only: about 1.5 KB, whose dimension spans the whole grid.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.write_string(0, 0, "姓名");
    let _ = sheet.write_string(0, 1, "身份证号");
    let _ = sheet.write_string(1_048_575, 16_383, "x");
    let bytes = book.save_to_buffer().unwrap_or_default();
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    let r = import(&app, &token, &union, bytes).await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("row 1048576"),
        "{}",
        r.text
    );
    alive(&app).await;
}

async fn a_sheet_of_strings_inflating_past_the_bound_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    // 2,000 distinct 10,000-character strings: 60 MB of shared strings from a small file.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.write_string(0, 0, "姓名");
    let _ = sheet.write_string(0, 1, "身份证号");
    let filler = "工".repeat(10_000);
    for r in 1..2_000u32 {
        let _ = sheet.write_string(r, 0, format!("{r}{filler}"));
    }
    let bytes = book.save_to_buffer().unwrap_or_default();
    assert!(bytes.len() < 4 * 1024 * 1024, "{} bytes", bytes.len());
    let r = import(&app, &token, &union, bytes).await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert_eq!(r.code(), "payload_too_large");
    alive(&app).await;
}

both!(
    a_sheet_reaching_xfd1048576_is_refused_and_the_server_lives,
    a_sheet_of_strings_inflating_past_the_bound_is_refused,
);
