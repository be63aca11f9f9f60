//! Member export: csv (streamed, UTF-8 with BOM) and xlsx, the list's filters and scope, labels in
//! Chinese, personal numbers masked, every export audited.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use reqwest::Method;
use serde_json::json;

fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

async fn bytes(app: &TestApp, path: &str, token: &str) -> (u16, Option<String>, Vec<u8>) {
    match app
        .http
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
    {
        Ok(r) => {
            let status = r.status().as_u16();
            let ct = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            (
                status,
                ct,
                r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
            )
        }
        Err(e) => panic!("{e}"),
    }
}

async fn csv_and_xlsx_exports_follow_filters_and_scope_and_mask_numbers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let number = id("511922", "19880808", 888);
    let r = app.post("/api/v1/members", &staff, &json!({ "organisation_id": union, "name": "导出测试", "id_number": number, "mobile": "13911112222", "ethnicity": "15", "migrant_worker": true })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let (status, ct, body) = bytes(
        &app,
        &format!("/api/v1/members/export?organisation_id={union}"),
        &staff,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(ct.as_deref(), Some("text/csv; charset=utf-8"));
    assert!(
        body.starts_with("\u{feff}".as_bytes()),
        "a BOM, so Excel reads UTF-8"
    );
    let text = String::from_utf8(body).unwrap_or_default();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    let in_union = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), &staff)
        .await
        .len();
    assert_eq!(
        lines.len(),
        in_union + 1,
        "a header and one line per member"
    );
    assert!(lines[0].contains("姓名") && lines[0].contains("身份证号"));
    let line = lines
        .iter()
        .find(|l| l.starts_with("导出测试"))
        .copied()
        .unwrap_or_default();
    assert!(
        line.contains(",女,")
            && line.contains("土家族")
            && line.contains("139****2222")
            && line.contains("5119**********"),
        "{line}"
    );
    assert!(
        !text.contains(&number) && !text.contains("13911112222"),
        "no full numbers"
    );
    assert!(
        !text.contains("石光明"),
        "members outside the scope are not exported"
    );
    let (status, ct, body) = bytes(
        &app,
        "/api/v1/members/export?format=xlsx&migrant_worker=true",
        &staff,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        ct.as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert!(body.starts_with(b"PK"));
    let r = app.get("/api/v1/members/export?id_suffix=12", &staff).await;
    assert_eq!(r.status, 422);
    let member = app.login("nanjiang-member").await;
    assert_eq!(
        app.send(app.request(Method::GET, "/api/v1/members/export", Some(&member)))
            .await
            .status,
        403
    );
    let admin = app.login("demo-admin").await;
    let ev = app
        .all_pages("/api/v1/audit-events?action=member.export", &admin)
        .await;
    assert_eq!(
        ev.len(),
        2,
        "each export is audited (the refused one is not)"
    );
}

async fn a_large_csv_export_streams_every_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let mut sheet = "姓名,身份证号\n".to_owned();
    for i in 0..2100u32 {
        let birth = format!("19{:02}{:02}{:02}", 60 + i % 40, 1 + i % 12, 1 + i % 28);
        sheet.push_str(&format!(
            "批量{i},{}\n",
            id("5119", &format!("22{birth}"), i % 1000)
        ));
    }
    let r = app
        .send(
            app.request(
                Method::POST,
                &format!("/api/v1/member-imports?organisation_id={union}"),
                Some(&officer),
            )
            .header("content-type", "text/csv")
            .body(sheet),
        )
        .await;
    assert_eq!(
        (r.status, r.body["invalid_rows"].as_i64()),
        (201, Some(0)),
        "{}",
        r.text.chars().take(500).collect::<String>()
    );
    let iid = r.body["id"].as_str().unwrap_or_default();
    let c = app
        .post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &officer,
            &json!({}),
        )
        .await;
    assert_eq!(c.body["inserted"].as_i64(), Some(2100));
    let (_, _, body) = bytes(
        &app,
        &format!("/api/v1/members/export?organisation_id={union}&q=%E6%89%B9%E9%87%8F"),
        &officer,
    )
    .await;
    let text = String::from_utf8(body).unwrap_or_default();
    assert_eq!(
        text.trim_end().split("\r\n").count(),
        2101,
        "all rows across the 1000-row pages"
    );
}

both!(
    csv_and_xlsx_exports_follow_filters_and_scope_and_mask_numbers,
    a_large_csv_export_streams_every_row
);
