//! Member collection from Excel: the template, previews with per-row errors (xlsx and GBK csv), and commits
//! that are all-or-nothing or valid-rows-only, in one transaction.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{Backend, Reply, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A sheet the way a union fills it in: header row, then the rows.
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let _ = sheet.write_string(r as u32, c as u16, *v);
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

async fn upload(
    app: &TestApp,
    token: &str,
    union: &str,
    bytes: Vec<u8>,
    content_type: &str,
) -> Reply {
    app.send(
        app.request(
            Method::POST,
            &format!("/api/v1/member-imports?organisation_id={union}&file_name=test.xlsx"),
            Some(token),
        )
        .header("content-type", content_type)
        .body(bytes),
    )
    .await
}

async fn the_template_has_the_columns_and_the_code_sheet(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let r = app
        .send(app.request(Method::GET, "/api/v1/member-imports/template", Some(&token)))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type").as_deref(), Some(XLSX));
    let member = app.login("nanjiang-member").await;
    assert_eq!(
        app.send(app.request(
            Method::GET,
            "/api/v1/member-imports/template",
            Some(&member)
        ))
        .await
        .status,
        403
    );
    let res = app
        .http
        .get(format!("{}/api/v1/member-imports/template", app.base))
        .bearer_auth(&token)
        .send()
        .await;
    let bytes = match res {
        Ok(r) => r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    assert!(bytes.starts_with(b"PK"), "an xlsx (zip) file");
    // The template, filled in and uploaded as it is, is understood.
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let r = upload(&app, &token, &union, bytes, XLSX).await;
    assert_eq!(
        (r.status, r.body["total_rows"].as_i64()),
        (201, Some(0)),
        "{}",
        r.text
    );
}

async fn a_preview_flags_every_bad_row_by_column_and_commit_all_or_nothing_refuses(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let good1 = id("512002", "19900101", 101);
    let good2 = id("511922", "19920202", 202);
    let mut bad = id("511922", "19930303", 303);
    let last = bad
        .pop()
        .map(|c| if c == '1' { '2' } else { '1' })
        .unwrap_or('1');
    bad.push(last);
    let existing = id("512002", "19930918", 157); // 李阳, a demo member
    let sheet = xlsx(&[
        &[
            "姓名*",
            "身份证号*",
            "手机号",
            "性别",
            "民族",
            "是否农民工",
            "入会日期",
        ],
        &["张三", &good1, "13900000011", "", "汉族", "是", "2021/3/1"],
        &["李四", &good2, "", "女", "土家族", "否", "2022-01-15"],
        &["王五", &bad, "", "", "", "", ""],
        &["赵六", &good1, "", "", "", "", ""],
        &[
            "钱七",
            &id("511922", "19940404", 404),
            "",
            "",
            "火星族",
            "也许",
            "someday",
        ],
        &["李阳", &existing, "", "", "", "", ""],
        &["", "", "", "", "", "", ""],
    ]);
    let r = upload(&app, &token, &union, sheet, XLSX).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (
            r.body["total_rows"].as_i64(),
            r.body["valid_rows"].as_i64(),
            r.body["invalid_rows"].as_i64()
        ),
        (Some(6), Some(2), Some(4))
    );
    let errors = r.body["errors"].as_array().cloned().unwrap_or_default();
    let find = |row: i64, field: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["field"] == field)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        find(4, "id_number")["code"].as_str(),
        Some("invalid_checksum"),
        "{errors:?}"
    );
    assert_eq!(find(4, "id_number")["column"].as_str(), Some("身份证号"));
    assert_eq!(
        find(5, "id_number")["code"].as_str(),
        Some("duplicate_in_file")
    );
    assert_eq!(find(6, "ethnicity")["code"].as_str(), Some("invalid_value"));
    assert_eq!(
        find(6, "migrant_worker")["code"].as_str(),
        Some("invalid_value")
    );
    assert_eq!(
        find(6, "joined_on")["code"].as_str(),
        Some("invalid_format")
    );
    assert_eq!(find(7, "id_number")["code"].as_str(), Some("member_exists"));
    assert!(find(7, "id_number")["message"]
        .as_str()
        .unwrap_or_default()
        .contains("四川光雾山米业有限公司工会"));
    // The whole error report as csv for Excel: a BOM, a header, one line per error in row order.
    let iid = r.body["id"].as_str().unwrap_or_default();
    let report = app
        .get(&format!("/api/v1/member-imports/{iid}/errors"), &token)
        .await;
    assert_eq!(report.status, 200, "{}", report.text);
    assert!(report
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/csv")));
    assert!(report.text.starts_with("\u{feff}行号,列"));
    assert_eq!(report.text.lines().count(), errors.len() + 1);
    assert!(report
        .text
        .contains("4,身份证号,id_number,invalid_checksum"));
    let outsider = app.login("huayuan-staff").await;
    assert_eq!(
        app.get(&format!("/api/v1/member-imports/{iid}/errors"), &outsider)
            .await
            .status,
        404
    );
    let preview = r.body["preview"].as_array().cloned().unwrap_or_default();
    assert_eq!(preview.len(), 2);
    assert_eq!(preview[1]["gender"].as_str(), Some("female"));
    assert!(
        !r.text.contains(&good1) && !r.text.contains(&good2),
        "numbers masked in the preview"
    );
    let iid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let before = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), &token)
        .await
        .len();
    let c = app
        .post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &token,
            &json!({}),
        )
        .await;
    assert_eq!(
        (c.status, c.code()),
        (409, "member_import_has_errors"),
        "all or nothing: {}",
        c.text
    );
    assert_eq!(
        app.all_pages(&format!("/api/v1/members?organisation_id={union}"), &token)
            .await
            .len(),
        before,
        "nothing written"
    );
    let c = app
        .post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &token,
            &json!({ "mode": "valid_only" }),
        )
        .await;
    assert_eq!(
        (
            c.status,
            c.body["status"].as_str(),
            c.body["inserted"].as_i64()
        ),
        (200, Some("committed"), Some(2)),
        "{}",
        c.text
    );
    let after = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), &token)
        .await;
    assert_eq!(after.len(), before + 2);
    let zhang = after
        .iter()
        .find(|m| m["name"] == "张三")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (
            zhang["migrant_worker"].clone(),
            zhang["ethnicity"].as_str(),
            zhang["joined_on"].as_str()
        ),
        (json!(true), Some("01"), Some("2021-03-01"))
    );
    let c = app
        .post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &token,
            &json!({ "mode": "valid_only" }),
        )
        .await;
    assert_eq!(
        (c.status, c.code()),
        (409, "member_import_committed"),
        "a committed import stays committed"
    );
    let h = app
        .get(
            &format!(
                "/api/v1/members/{}/history",
                zhang["id"].as_str().unwrap_or_default()
            ),
            &token,
        )
        .await;
    assert_eq!(h.body["items"][0]["reason"].as_str(), Some("会员信息采集"));
}

async fn a_clean_gbk_csv_commits_all_or_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let mut text = "姓名*,身份证号*,性别,文化程度,是否新就业形态,新就业形态类别\n".to_owned();
    for i in 0..120 {
        text.push_str(&format!(
            "骑手{i},{},,高中,是,外卖骑手\n",
            id("511922", "19980101", 500 + i)
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let r = upload(&app, &token, &union, gbk.into_owned(), "text/csv").await;
    assert_eq!(
        (
            r.status,
            r.body["valid_rows"].as_i64(),
            r.body["invalid_rows"].as_i64()
        ),
        (201, Some(120), Some(0)),
        "{}",
        r.text
    );
    let iid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let c = app
        .post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &token,
            &json!({ "mode": "all_or_nothing" }),
        )
        .await;
    assert_eq!(
        (c.status, c.body["inserted"].as_i64()),
        (200, Some(120)),
        "{}",
        c.text
    );
    let riders = app
        .all_pages(
            &format!("/api/v1/members?organisation_id={union}&new_form_employment=true"),
            &token,
        )
        .await;
    assert_eq!(riders.len(), 120);
    assert_eq!(riders[0]["new_form_kind"].as_str(), Some("delivery_rider"));
    assert_eq!(riders[0]["education"].as_str(), Some("senior_secondary"));
}

async fn bad_uploads_are_refused_whole(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let r = upload(
        &app,
        &token,
        &union,
        "姓名,手机号\n张三,13800138000\n".as_bytes().to_vec(),
        "text/csv",
    )
    .await;
    assert_eq!((r.status, r.fields()), (422, vec!["file".to_owned()]));
    assert!(r.text.contains("身份证号"), "{}", r.text);
    let r = upload(
        &app,
        &token,
        &union,
        b"PK\x03\x04 not really a zip".to_vec(),
        XLSX,
    )
    .await;
    assert_eq!((r.status, r.fields()), (422, vec!["file".to_owned()]));
    let r = upload(&app, &token, &union, Vec::new(), XLSX).await;
    assert_eq!(r.status, 422);
    let county = app.org_id("南江县总工会").await;
    let r = upload(
        &app,
        &token,
        &county,
        "姓名,身份证号\n".as_bytes().to_vec(),
        "text/csv",
    )
    .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    let huayuan_union = app.org_id("湖南三立集团股份有限公司工会").await;
    let r = upload(
        &app,
        &token,
        &huayuan_union,
        "姓名,身份证号\n".as_bytes().to_vec(),
        "text/csv",
    )
    .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    // Someone else's import is not there.
    let ok = upload(
        &app,
        &token,
        &union,
        "姓名,身份证号\n".as_bytes().to_vec(),
        "text/csv",
    )
    .await;
    let iid = ok.body["id"].as_str().unwrap_or_default();
    let huayuan = app.login("huayuan-staff").await;
    assert_eq!(
        app.get(&format!("/api/v1/member-imports/{iid}"), &huayuan)
            .await
            .status,
        404
    );
    assert_eq!(
        app.post(
            &format!("/api/v1/member-imports/{iid}/commit"),
            &huayuan,
            &json!({})
        )
        .await
        .status,
        404
    );
}

both!(
    the_template_has_the_columns_and_the_code_sheet,
    a_preview_flags_every_bad_row_by_column_and_commit_all_or_nothing_refuses,
    a_clean_gbk_csv_commits_all_or_nothing,
    bad_uploads_are_refused_whole,
);
