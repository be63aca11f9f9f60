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

/// Creates an integration as `staff` and returns its access token.
async fn integration_token(app: &TestApp, staff: &str, name: &str, scopes: &[&str]) -> String {
    let county = app.org_id("南江县总工会").await;
    let r = app
        .post("/api/v1/accounts", staff, &json!({ "username": name, "display_name": name, "role": "integration", "organisation_id": county, "scopes": scopes }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let secret = r.body["client_secret"].as_str().unwrap_or_default();
    let t = app
        .send(app.request(Method::POST, "/api/v1/auth/token", None).json(&json!({ "grant_type": "client_credentials", "client_id": name, "client_secret": secret })))
        .await;
    assert_eq!(t.status, 200, "{}", t.text);
    t.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn integrations_never_hold_account_scopes_nor_take_over_people(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let county = app.org_id("南江县总工会").await;
    for scope in [
        "accounts:read",
        "accounts:write",
        "members:reveal",
        "hardship:read",
        "audit:read",
        "self:membership",
    ] {
        let r = app
            .post("/api/v1/accounts", &staff, &json!({ "username": "hr-x", "display_name": "x", "role": "integration", "organisation_id": county, "scopes": [scope] }))
            .await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec!["scopes".to_owned()]),
            "{scope}: {}",
            r.text
        );
    }
    // An integration whose row still carries account scopes (granted before the rule) gets no power
    // from them: it cannot create a staff account nor reset its creator's password.
    let token = integration_token(&app, &staff, "hr-legacy", &["organisations:read"]).await;
    app.with_conn(|c| {
        use diesel::prelude::*;
        use gonghui_api::db::schema::accounts as a;
        diesel::update(a::table.filter(a::username.eq("hr-legacy")))
            .set(a::scopes.eq("organisations:read accounts:read accounts:write members:reveal"))
            .execute(c)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let r = app
        .post("/api/v1/accounts", &token, &json!({ "username": "evil-staff", "display_name": "x", "role": "federation_staff", "organisation_id": county, "password": "Evil-pass-2026" }))
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    let me = app.get("/api/v1/me", &staff).await;
    let staff_id = me.body["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .patch(
            &format!("/api/v1/accounts/{staff_id}"),
            &token,
            "*",
            &json!({ "password": "Taken-over-2026" }),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert_eq!(
        app.login_reply("nanjiang-staff", "Taken-over-2026")
            .await
            .status,
        401
    );
    let member = app.all_pages("/api/v1/members?limit=1", &staff).await;
    if let Some(m) = member.first() {
        let id = m["id"].as_str().unwrap_or_default();
        let r = app
            .post(&format!("/api/v1/members/{id}/reveal"), &token, &json!({}))
            .await;
        assert_eq!(r.status, 403, "{}", r.text);
    }
}

const ROLES: [&str; 6] = [
    "admin",
    "federation_staff",
    "union_officer",
    "legal_adviser",
    "member",
    "integration",
];

fn rank(role: &str) -> u8 {
    match role {
        "admin" => 5,
        "federation_staff" | "integration" => 4,
        "union_officer" => 3,
        "legal_adviser" => 2,
        _ => 1,
    }
}

/// Whether `caller` may create or change an account of `target` at its own home (`same`) or below it.
fn may(caller: &str, target: &str, same: bool) -> bool {
    if !matches!(caller, "admin" | "federation_staff") {
        return false;
    }
    if target == "integration" {
        return true;
    }
    rank(target) < rank(caller) || (rank(target) == rank(caller) && !same)
}

fn account_body(role: &str, username: &str, org: &str) -> serde_json::Value {
    if role == "integration" {
        json!({ "username": username, "display_name": username, "role": role, "organisation_id": org, "scopes": ["organisations:read"] })
    } else {
        json!({ "username": username, "display_name": username, "role": role, "organisation_id": org, "password": "Matrix-pass-2026" })
    }
}

async fn every_role_creates_and_changes_exactly_the_accounts_it_may(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login("demo-admin").await;
    let root = app.org_id("中华全国总工会").await;
    let county = app.org_id("南江县总工会").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let staff = app.login("nanjiang-staff").await;
    let integration = integration_token(
        &app,
        &staff,
        "matrix-int",
        &["organisations:read", "members:read"],
    )
    .await;
    // (caller, its token, its home, a home strictly below it)
    let callers = [
        (
            "admin",
            app.login("demo-admin").await,
            root.clone(),
            county.clone(),
        ),
        (
            "federation_staff",
            staff.clone(),
            county.clone(),
            union.clone(),
        ),
        (
            "union_officer",
            app.login("nanjiang-officer").await,
            union.clone(),
            union.clone(),
        ),
        (
            "legal_adviser",
            app.login("nanjiang-adviser").await,
            app.org_id("南江镇维权工作点").await,
            app.org_id("南江镇维权工作点").await,
        ),
        (
            "member",
            app.login("nanjiang-member").await,
            union.clone(),
            union.clone(),
        ),
        ("integration", integration, county.clone(), union.clone()),
    ];
    let mut n = 0;
    for (caller, token, home, below) in &callers {
        for target in ROLES {
            for (same, org) in [(true, home), (false, below)] {
                if !same && home == below {
                    continue;
                }
                n += 1;
                let name = format!("m{n}-{}", target.replace('_', "-"));
                // Creation.
                let r = app
                    .post("/api/v1/accounts", token, &account_body(target, &name, org))
                    .await;
                let expected =
                    may(caller, target, same) && !(target == "admin" && *caller != "admin");
                assert_eq!(
                    r.status == 201,
                    expected,
                    "{caller} creates {target} (same home: {same}): {} {}",
                    r.status,
                    r.text
                );
                assert!(
                    r.status == 201 || r.status == 403,
                    "{caller} creates {target}: {}",
                    r.text
                );
                // Change of an existing one, made by the root admin.
                let existing = format!("x{n}-{}", target.replace('_', "-"));
                let made = app
                    .post(
                        "/api/v1/accounts",
                        &admin,
                        &account_body(target, &existing, org),
                    )
                    .await;
                if target == "admin" && org == &root {
                    // A second admin at the root comes from `gonghui create-admin`, never the API.
                    assert_eq!(made.status, 403, "{}", made.text);
                    continue;
                }
                assert_eq!(made.status, 201, "{}", made.text);
                let id = made.body["id"].as_str().unwrap_or_default();
                let r = app
                    .patch(
                        &format!("/api/v1/accounts/{id}"),
                        token,
                        "*",
                        &json!({ "display_name": "改名" }),
                    )
                    .await;
                let expected = may(caller, target, same);
                assert_eq!(
                    r.status == 200,
                    expected,
                    "{caller} changes {target} (same home: {same}): {} {}",
                    r.status,
                    r.text
                );
                assert!(
                    matches!(r.status, 200 | 403 | 404),
                    "{caller} changes {target}: {}",
                    r.text
                );
            }
        }
    }
    assert!(n >= 50, "{n} pairs");
}

both!(
    a_sheet_reaching_xfd1048576_is_refused_and_the_server_lives,
    a_sheet_of_strings_inflating_past_the_bound_is_refused,
    integrations_never_hold_account_scopes_nor_take_over_people,
    every_role_creates_and_changes_exactly_the_accounts_it_may,
    control_characters_anywhere_are_a_problem_never_a_500,
    an_export_filtered_by_full_numbers_audits_them_masked,
    a_disabled_account_replays_nothing_and_a_key_without_a_token_is_401,
    secrets_are_never_stored_for_replay,
    an_idempotency_key_does_not_change_what_size_an_upload_may_be,
    twenty_concurrent_wrong_passwords_get_five_tries_and_fifteen_429s,
    successful_logins_do_not_use_up_a_shared_address,
    what_a_worker_cannot_reach_is_404_like_what_does_not_exist,
    evidence_is_recognised_by_its_whole_structure_and_named_by_it,
    an_entity_tag_this_api_never_issued_fails_the_precondition,
    out_of_reach_writes_are_404_before_their_body_or_if_match_is_judged,
    sheets_that_cost_more_than_their_size_are_refused,
    sheets_are_read_two_at_a_time_and_the_third_is_asked_to_retry,
);

/// Every documented operation, with a NUL (and an ESC) in each path parameter, in every query parameter
/// and in every string field of its JSON body: a 400 or 422 problem, never a 5xx, on both databases.
async fn control_characters_anywhere_are_a_problem_never_a_500(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login("demo-admin").await;
    let spec = serde_json::to_value(gonghui_api::startup::openapi()).unwrap_or_default();
    let paths = spec["paths"].as_object().cloned().unwrap_or_default();
    let mut sent = 0;
    for (template, item) in &paths {
        for method in ["get", "post", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let params: Vec<(String, String)> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                p["name"].as_str().unwrap_or_default().to_owned(),
                                p["in"].as_str().unwrap_or_default().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
            for bad in ["a%00b", "a%1Bb"] {
                // In the path.
                if params.iter().any(|(_, at)| at == "path") {
                    let mut path = template.clone();
                    for (name, at) in &params {
                        if at == "path" {
                            path = path.replace(&format!("{{{name}}}"), bad);
                        }
                    }
                    let r = app
                        .send(
                            app.request(m.clone(), &path, Some(&admin))
                                .header("if-match", "*")
                                .json(&json!({})),
                        )
                        .await;
                    sent += 1;
                    assert_eq!(r.status, 400, "{method} {path}: {}", r.text);
                    assert_eq!(
                        r.header("content-type").as_deref(),
                        Some("application/problem+json"),
                        "{method} {path}"
                    );
                }
                // In every query parameter.
                let query: Vec<String> = params
                    .iter()
                    .filter(|(_, at)| at == "query")
                    .map(|(n, _)| format!("{n}={bad}"))
                    .collect();
                if !query.is_empty() && !template.contains('{') {
                    let path = format!("{template}?{}", query.join("&"));
                    let r = app
                        .send(
                            app.request(m.clone(), &path, Some(&admin))
                                .header("if-match", "*")
                                .json(&json!({})),
                        )
                        .await;
                    sent += 1;
                    assert_eq!(r.status, 400, "{method} {path}: {}", r.text);
                }
            }
            // In every string property of a JSON body (the schema's own, or a referenced one's).
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if schema.is_null() {
                continue;
            }
            let resolved = match schema["$ref"].as_str() {
                Some(r) => spec
                    .pointer(r.trim_start_matches('#'))
                    .cloned()
                    .unwrap_or_default(),
                None => schema.clone(),
            };
            let props = resolved["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            if props.is_empty() {
                continue;
            }
            let body: serde_json::Map<String, serde_json::Value> = props
                .keys()
                .map(|k| (k.clone(), json!("a\u{0}b")))
                .collect();
            let path = template.replace(['{', '}'], "");
            let r = app
                .send(
                    app.request(m.clone(), &path, Some(&admin))
                        .header("if-match", "*")
                        .json(&body),
                )
                .await;
            sent += 1;
            assert!(r.status < 500, "{method} {template} body: {}", r.text);
            assert!(
                // 403 where the admin lacks the permission (a worker's own check-in): permission, then
                // reach, then the body.
                matches!(r.status, 400 | 403 | 404 | 422),
                "{method} {template} body: {} {}",
                r.status,
                r.text
            );
        }
    }
    // The defects as reported, by name.
    let r = app.get("/api/v1/organisations?q=a%00b", &admin).await;
    assert_eq!(
        (r.status, r.code()),
        (400, "invalid_parameter"),
        "{}",
        r.text
    );
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/auth/login", None)
                .json(&json!({ "username": "a\u{0}b", "password": "x" })),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["username".to_owned()]),
        "{}",
        r.text
    );
    let r = app
        .get("/api/v1/members/export?format=csv&q=%00", &admin)
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(sent > 100, "{sent} requests");
    println!("control-character sweep on {backend:?}: {sent} requests, none answered 5xx");
}

#[test]
fn the_audit_scanner_finds_full_numbers_and_passes_masked_ones() {
    use gonghui_tests::harness::personal_numbers;
    assert_eq!(
        personal_numbers(r#"{"id_number":"11010519491231002X","mobile":"13800138000"}"#),
        vec!["11010519491231002X".to_owned(), "13800138000".to_owned()]
    );
    assert!(personal_numbers(r#"{"id_number":"1101**********002X","mobile":"138****8000","card":"GH13800138000","n":"138001380001"}"#).is_empty());
}

/// The export whose filter named a full ID number wrote it into the audit entry as a Debug string.
async fn an_export_filtered_by_full_numbers_audits_them_masked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login("demo-admin").await;
    let r = app
        .get("/api/v1/members/export?format=csv&id_number=11010519491231002X&mobile=13800138000&id_suffix=1231002X", &admin)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let ev = app
        .get("/api/v1/audit-events?action=member.export", &admin)
        .await;
    let filters = &ev.body["items"][0]["changes"]["filters"];
    assert_eq!(
        filters["id_number"].as_str(),
        Some("1101**********002X"),
        "{}",
        ev.text
    );
    assert_eq!(filters["mobile"].as_str(), Some("138****8000"));
    assert_eq!(filters["id_suffix"].as_str(), Some("****002X"));
    assert!(app.personal_numbers_in_audit_log().is_empty());
}

/// A minimal but whole PDF: header, one object, a cross-reference table, trailer, startxref, %%EOF.
pub fn pdf(padding: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let obj_at = out.len();
    out.extend_from_slice(b"1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    out.extend_from_slice(&vec![b'%'; padding]);
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 2\n0000000000 65535 f \n{obj_at:010} 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

async fn an_open_hardship_file(app: &TestApp, officer: &str) -> String {
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), officer)
        .await;
    let mid = members[0]["id"].as_str().unwrap_or_default();
    let r = app
        .post(&format!("/api/v1/members/{mid}/hardship-files"), officer, &json!({ "category": "illness", "household_size": 3, "monthly_income_per_head_fen": 50000, "reason": "住院" }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_str().unwrap_or_default().to_owned()
}

async fn a_disabled_account_replays_nothing_and_a_key_without_a_token_is_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login("demo-admin").await;
    let staff = app.login("nanjiang-staff").await;
    let town = app.org_id("沙河镇工会").await;
    let body = json!({ "parent_id": town, "name": "沙河镇供销社工会", "kind": "enterprise_union" });
    let keyed = |token: &str| {
        app.request(Method::POST, "/api/v1/organisations", Some(token))
            .header("idempotency-key", "org-1")
            .json(&body)
    };
    let first = app.send(keyed(&staff)).await;
    assert_eq!(first.status, 201, "{}", first.text);
    let again = app.send(keyed(&staff)).await;
    assert_eq!(
        (again.status, again.header("idempotent-replayed").as_deref()),
        (201, Some("true"))
    );
    let me = app.get("/api/v1/me", &staff).await;
    let id = me.body["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .patch(
            &format!("/api/v1/accounts/{id}"),
            &admin,
            "*",
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let after = app.send(keyed(&staff)).await;
    assert_eq!(
        after.status, 401,
        "a disabled account replays nothing: {}",
        after.text
    );
    assert!(after.header("idempotent-replayed").is_none());
    let anonymous = app
        .send(
            app.request(Method::POST, "/api/v1/organisations", None)
                .header("idempotency-key", "org-1")
                .json(&body),
        )
        .await;
    assert_eq!(
        (anonymous.status, anonymous.code()),
        (401, "unauthorized"),
        "{}",
        anonymous.text
    );
    let bad_key = app
        .send(
            app.request(Method::POST, "/api/v1/organisations", None)
                .header("idempotency-key", "")
                .json(&body),
        )
        .await;
    assert_eq!(
        bad_key.status, 401,
        "who you are comes before the key: {}",
        bad_key.text
    );
}

async fn secrets_are_never_stored_for_replay(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let county = app.org_id("南江县总工会").await;
    let create = || {
        app.request(Method::POST, "/api/v1/accounts", Some(&staff))
            .header("idempotency-key", "int-1")
            .json(&json!({ "username": "payroll", "display_name": "工资系统", "role": "integration", "organisation_id": county, "scopes": ["members:read"] }))
    };
    let r = app.send(create()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let secret = r.body["client_secret"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(secret.starts_with("ghs_"));
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    let stored: Vec<Option<String>> = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use gonghui_api::db::schema::idempotency_keys as k;
            k::table
                .select(k::response_body)
                .load(c)
                .unwrap_or_default()
        })
        .await;
    assert!(
        stored.iter().flatten().all(|b| !b.contains(&secret)),
        "the secret is not in the idempotency table"
    );
    let retry = app.send(create()).await;
    assert_eq!(
        (retry.status, retry.code()),
        (409, "username_taken"),
        "the retry runs again, it does not replay the secret: {}",
        retry.text
    );
    assert!(!retry.text.contains(&secret));
}

async fn an_idempotency_key_does_not_change_what_size_an_upload_may_be(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let file = an_open_hardship_file(&app, &officer).await;
    let evidence = |bytes: Vec<u8>, key: &str| {
        app.request(
            Method::POST,
            &format!("/api/v1/hardship-files/{file}/evidence?file_name=x.pdf"),
            Some(&officer),
        )
        .header("content-type", "application/pdf")
        .header("idempotency-key", key)
        .body(bytes)
    };
    let two_mib = pdf(2 * 1024 * 1024);
    let r = app.send(evidence(two_mib.clone(), "ev-1")).await;
    assert_eq!(r.status, 201, "a 2 MiB PDF with a key: {}", r.text);
    let again = app.send(evidence(two_mib, "ev-1")).await;
    assert_eq!(
        (again.status, again.header("idempotent-replayed").as_deref()),
        (201, Some("true")),
        "a retried upload attaches once"
    );
    let too_big = app.send(evidence(pdf(11 * 1024 * 1024), "ev-2")).await;
    assert_eq!(
        (too_big.status, too_big.code()),
        (413, "payload_too_large"),
        "{}",
        too_big.text
    );
    assert_eq!(
        too_big.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    let d = app
        .get(&format!("/api/v1/hardship-files/{file}"), &officer)
        .await;
    assert_eq!(
        d.body["evidence"].as_array().map(Vec::len),
        Some(1),
        "{}",
        d.text
    );
    // A 1.4 MB csv import with a key.
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let mut csv = "姓名,身份证号\n李阳,11010519491231002X\n".to_owned();
    csv.push_str(&"\n".repeat(1_400_000));
    let r = app
        .send(
            app.request(
                Method::POST,
                &format!("/api/v1/member-imports?organisation_id={union}"),
                Some(&officer),
            )
            .header("content-type", "text/csv")
            .header("idempotency-key", "imp-1")
            .body(csv),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["total_rows"], 1);
}

async fn twenty_concurrent_wrong_passwords_get_five_tries_and_fifteen_429s(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let attempts = (0..20).map(|_| app.login_reply("nanjiang-staff", "Wrong-pass-2026"));
    let replies = gonghui_tests::harness::join_all(attempts).await;
    let refused = replies.iter().filter(|r| r.status == 429).count();
    let wrong = replies.iter().filter(|r| r.status == 401).count();
    assert_eq!(
        (wrong, refused),
        (5, 15),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(replies
        .iter()
        .filter(|r| r.status == 429)
        .all(|r| r.header("retry-after").is_some()));
    // The right password is refused too while the account is throttled.
    assert_eq!(
        app.login_reply("nanjiang-staff", gonghui_tests::harness::PASSWORD)
            .await
            .status,
        429
    );
    // Another account from the same address: the address has used its tries as well.
    assert_eq!(
        app.login_reply("nanjiang-officer", gonghui_tests::harness::PASSWORD)
            .await
            .status,
        429
    );
}

async fn successful_logins_do_not_use_up_a_shared_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // An office behind one address: ten colleagues' successful logins in a row.
    for _ in 0..10 {
        assert_eq!(
            app.login_reply("nanjiang-officer", gonghui_tests::harness::PASSWORD)
                .await
                .status,
            200
        );
    }
    for _ in 0..4 {
        assert_eq!(
            app.login_reply("nanjiang-staff", "Wrong-pass-2026")
                .await
                .status,
            401
        );
    }
    assert_eq!(
        app.login_reply("nanjiang-staff", gonghui_tests::harness::PASSWORD)
            .await
            .status,
        200
    );
}

/// PostgreSQL goes away under the API (every connection cut, new ones refused): reads and writes answer
/// a 503 problem with Retry-After within a few seconds, /readyz says 503, and all recovers when it is
/// back. (SQLite is a file inside the process; there is no server to lose.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_lost_mid_flight_answers_503_fast_and_recovers() {
    use diesel::prelude::*;
    let app = TestApp::spawn(Backend::Postgres).await;
    let admin = app.login("demo-admin").await;
    let town = app.org_id("沙河镇工会").await;
    let db = app
        .state
        .settings
        .database_url
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let admin_url = std::env::var("GONGHUI_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let run = |sql: String| {
        let admin_url = admin_url.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let mut c =
                    diesel::PgConnection::establish(&admin_url).unwrap_or_else(|e| panic!("{e}"));
                diesel::sql_query(sql)
                    .execute(&mut c)
                    .unwrap_or_else(|e| panic!("{e}"));
            })
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        }
    };
    assert_eq!(
        app.get("/api/v1/organisations?limit=5", &admin)
            .await
            .status,
        200
    );
    run(format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false")).await;
    run(format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()")).await;
    for attempt in 0..3 {
        let started = std::time::Instant::now();
        let read = app.get("/api/v1/organisations?limit=5", &admin).await;
        assert_eq!(
            (read.status, read.code()),
            (503, "service_unavailable"),
            "read {attempt}: {}",
            read.text
        );
        assert!(read.header("retry-after").is_some());
        let write = app
            .post("/api/v1/organisations", &admin, &json!({ "parent_id": town, "name": format!("断线测试工会{attempt}"), "kind": "enterprise_union" }))
            .await;
        assert_eq!(write.status, 503, "write {attempt}: {}", write.text);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "failed fast: {:?}",
            started.elapsed()
        );
    }
    let ready = app.send(app.request(Method::GET, "/readyz", None)).await;
    assert_eq!(ready.status, 503);
    run(format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true")).await;
    let mut back = 0;
    for _ in 0..20 {
        back = app
            .get("/api/v1/organisations?limit=5", &admin)
            .await
            .status;
        if back == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(back, 200, "the API recovers by itself");
    alive(&app).await;
}

/// A course of `owner` with one session, left as a draft or published.
async fn a_course(app: &TestApp, token: &str, owner: &str, publish: bool) -> (String, String) {
    let at = |days: i64| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let owner = app.org_id(owner).await;
    let r = app
        .post("/api/v1/courses", token, &json!({
            "organisation_id": owner, "title": "电工证培训", "category": "maternity_care",
            "description": "x", "partner_name": "职业技能培训中心", "venue": "培训中心", "venue_address": "x",
            "venue_division": "433124", "fee_fen": 0, "min_places": 1, "max_places": 10,
            "enrol_opens_at": at(-1), "enrol_closes_at": at(7), "eligibility": "anyone", "completion_percent": 50
        }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let cid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let date = (chrono::Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    let s = app
        .post(
            &format!("/api/v1/courses/{cid}/sessions"),
            token,
            &json!({ "date": date, "starts_at": "19:00", "ends_at": "21:00", "teacher": "王老师" }),
        )
        .await;
    assert_eq!(s.status, 201, "{}", s.text);
    let sid = s.body["id"].as_str().unwrap_or_default().to_owned();
    if publish {
        let p = app
            .post_if(
                &format!("/api/v1/courses/{cid}/publish"),
                token,
                "*",
                &json!({}),
            )
            .await;
        assert_eq!(p.status, 200, "{}", p.text);
    }
    (cid, sid)
}

async fn what_a_worker_cannot_reach_is_404_like_what_does_not_exist(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let member = app.login("nanjiang-member").await;
    let huayuan = app.login("huayuan-staff").await;
    let nanjiang = app.login("nanjiang-staff").await;
    // Another federation's open course: check-in used to answer 409 "you are not enrolled".
    let (cid, sid) = a_course(&app, &huayuan, "花垣县总工会", true).await;
    let unknown = app
        .post(
            &format!(
                "/api/v1/courses/{}/sessions/{sid}/checkin",
                uuid::Uuid::now_v7()
            ),
            &member,
            &json!({ "code": "000000" }),
        )
        .await;
    let foreign = app
        .post(
            &format!("/api/v1/courses/{cid}/sessions/{sid}/checkin"),
            &member,
            &json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(
        (unknown.status, foreign.status),
        (404, 404),
        "{}",
        foreign.text
    );
    assert_eq!(foreign.body["detail"], unknown.body["detail"]);
    // A draft of the worker's own county: not listed for them, so not reachable either.
    let (draft, dsid) = a_course(&app, &nanjiang, "南江县总工会", false).await;
    assert_eq!(
        app.get(&format!("/api/v1/me/courses/{draft}"), &member)
            .await
            .status,
        404
    );
    let r = app
        .post(
            &format!("/api/v1/courses/{draft}/sessions/{dsid}/checkin"),
            &member,
            &json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/courses/{draft}/enrolments"),
            &member,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
    // Evidence for a file outside the caller's reach: 404 whatever the body (it was 415 or 413 first).
    let officer = app.login("nanjiang-officer").await;
    let file = an_open_hardship_file(&app, &officer).await;
    for body in [b"not a pdf".to_vec(), pdf(0)] {
        let r = app
            .send(
                app.request(
                    Method::POST,
                    &format!("/api/v1/hardship-files/{file}/evidence"),
                    Some(&huayuan),
                )
                .body(body),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
    }
}

async fn evidence_is_recognised_by_its_whole_structure_and_named_by_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let file = an_open_hardship_file(&app, &officer).await;
    let upload = |bytes: Vec<u8>, name: &str| {
        app.request(
            Method::POST,
            &format!("/api/v1/hardship-files/{file}/evidence?file_name={name}"),
            Some(&officer),
        )
        .header("content-type", "application/pdf")
        .body(bytes)
    };
    let dressed =
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n".to_vec();
    let r = app.send(upload(dressed, "x.html")).await;
    assert_eq!(
        (r.status, r.code()),
        (415, "unsupported_media_type"),
        "{}",
        r.text
    );
    let r = app.send(upload(pdf(10), "x.html")).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (
            r.body["file_name"].as_str(),
            r.body["content_type"].as_str()
        ),
        (Some("x.pdf"), Some("application/pdf"))
    );
    let mut cut = pdf(10);
    cut.truncate(cut.len() - 20);
    assert_eq!(app.send(upload(cut, "cut.pdf")).await.status, 415);
}

async fn an_entity_tag_this_api_never_issued_fails_the_precondition(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let org = app.org_id("沙河镇工会").await;
    let path = format!("/api/v1/organisations/{org}");
    for (tag, status) in [
        ("\"abc\"", 412),
        ("W/\"999\"", 412),
        ("abc", 400),
        ("\"1", 400),
    ] {
        let r = app
            .patch(&path, &staff, tag, &json!({ "short_name": "沙河" }))
            .await;
        assert_eq!(r.status, status, "If-Match: {tag}: {}", r.text);
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/problem+json")
        );
    }
}

/// Outside the caller's reach a write answers 404 whatever is wrong with its body or its If-Match, exactly
/// like an id that does not exist.
async fn out_of_reach_writes_are_404_before_their_body_or_if_match_is_judged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let huayuan_org = app.org_id("花垣县总工会").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    for id in [huayuan_org.as_str(), unknown.as_str()] {
        let path = format!("/api/v1/organisations/{id}");
        let bad_body = app
            .patch(&path, &staff, "*", &json!({ "no_such_field": 1 }))
            .await;
        assert_eq!(bad_body.status, 404, "{}", bad_body.text);
        let not_json = app
            .send(
                app.request(Method::PATCH, &path, Some(&staff))
                    .header("if-match", "*")
                    .body("{"),
            )
            .await;
        assert_eq!(not_json.status, 404, "{}", not_json.text);
        let no_if_match = app
            .send(
                app.request(Method::PATCH, &path, Some(&staff))
                    .json(&json!({ "short_name": "x" })),
            )
            .await;
        assert_eq!(no_if_match.status, 404, "{}", no_if_match.text);
        let invalid = app
            .post(
                &format!("/api/v1/organisations/{id}/move"),
                &staff,
                &json!({ "parent_id": "" }),
            )
            .await;
        assert_eq!(invalid.status, 404, "{}", invalid.text);
    }
    let r = app
        .patch(
            &format!("/api/v1/accounts/{unknown}"),
            &staff,
            "*",
            &json!({ "authz_unknown_field": 1 }),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
    // In reach, the same requests are judged on their merits.
    let own = app.org_id("沙河镇工会").await;
    let path = format!("/api/v1/organisations/{own}");
    assert_eq!(
        app.patch(&path, &staff, "*", &json!({ "no_such_field": 1 }))
            .await
            .status,
        422
    );
    let no_if_match = app
        .send(
            app.request(Method::PATCH, &path, Some(&staff))
                .json(&json!({ "short_name": "x" })),
        )
        .await;
    assert_eq!(no_if_match.status, 428);
}

/// A workbook from rust_xlsxwriter with one part's text rewritten (and renamed) by `edit`.
fn rewrite_part(xlsx: Vec<u8>, part: &str, edit: impl Fn(String) -> (String, String)) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap_or_else(|e| panic!("{e}"));
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap_or_else(|e| panic!("{e}"));
            let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut text = String::new();
            let _ = f.read_to_string(&mut text);
            let (name, text) = if name == part {
                edit(text)
            } else {
                (name, text)
            };
            let _ = w.start_file(name, opts);
            let _ = w.write_all(text.as_bytes());
        }
        let _ = w.finish();
    }
    out.into_inner()
}

fn sheet_with(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let _ = sheet.write_string(r as u32, c as u16, v);
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

async fn sheets_that_cost_more_than_their_size_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let header = || vec!["姓名".to_owned(), "身份证号".to_owned()];
    // A 2 KB workbook whose shared-strings table claims 10^15 strings: readers reserve room for the
    // claim before reading one, and the process aborted asking for 24 PB.
    let claim = rewrite_part(
        sheet_with(&[header(), vec!["王芳".into(), "x".into()]]),
        "xl/sharedStrings.xml",
        |t| {
            let at = t.find("uniqueCount=\"").unwrap_or(0) + "uniqueCount=\"".len();
            let end = at + t[at..].find('"').unwrap_or(0);
            (
                "xl/sharedStrings.xml".to_owned(),
                format!("{}1000000000000000{}", &t[..at], &t[end..]),
            )
        },
    );
    assert!(claim.len() < 8 * 1024);
    let r = import(&app, &token, &union, claim).await;
    assert_eq!(r.status, 413, "{}", r.text);
    alive(&app).await;
    // The shared-strings bound whatever the part's letter case.
    let renamed = rewrite_part(
        sheet_with(&[header(), vec!["王芳".into(), "工".repeat(1990)]]),
        "xl/sharedStrings.xml",
        |t| {
            (
                "xl/SharedStrings.xml".to_owned(),
                t.replace(
                    "</sst>",
                    &format!("<si><t>{}</t></si></sst>", "x".repeat(49 * 1024 * 1024)),
                ),
            )
        },
    );
    let r = import(&app, &token, &union, renamed).await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert!(r.text.contains("SharedStrings"), "{}", r.text);
    // One long string referenced by many cells: copied into each, so the text kept is bounded too.
    let long = "工".repeat(1990);
    let columns = [
        "姓名",
        "身份证号",
        "手机号",
        "户籍所在地区划代码",
        "民族",
        "文化程度",
    ];
    let mut rows = vec![columns.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>()];
    rows.extend((0..2100).map(|_| vec![long.clone(); columns.len()]));
    let r = import(&app, &token, &union, sheet_with(&rows)).await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert!(r.text.contains("MiB of text"), "{}", r.text);
    // A template column named twice is refused: which one would count?
    let twice = sheet_with(&[vec!["姓名".into(), "身份证号".into(), "姓名".into()]]);
    let r = import(&app, &token, &union, twice).await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["file".to_owned()]),
        "{}",
        r.text
    );
    alive(&app).await;
}

async fn sheets_are_read_two_at_a_time_and_the_third_is_asked_to_retry(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let busy = app
        .state
        .sheet_readers
        .clone()
        .try_acquire_many_owned(gonghui_api::state::SHEET_READERS as u32)
        .unwrap_or_else(|e| panic!("{e}"));
    let sheet = sheet_with(&[
        vec!["姓名".into(), "身份证号".into()],
        vec!["李阳".into(), "11010519491231002X".into()],
    ]);
    let r = import(&app, &token, &union, sheet.clone()).await;
    assert_eq!(
        (r.status, r.code()),
        (429, "too_many_requests"),
        "{}",
        r.text
    );
    assert_eq!(r.header("retry-after").as_deref(), Some("5"));
    drop(busy);
    assert_eq!(import(&app, &token, &union, sheet).await.status, 201);
}
