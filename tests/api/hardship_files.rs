//! Hardship files (困难职工档案): the review life cycle with four eyes, validation, one open file per
//! member (also under concurrent creates), evidence uploads with type and size limits, assistance,
//! scope and role isolation, and an audit event for every read.

use gonghui_tests::both;
use gonghui_tests::harness::{join_all, Backend, Reply, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const UNION: &str = "四川光雾山米业有限公司工会";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n";
/// A whole 1×1 PNG.
const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async fn a_member(app: &TestApp, token: &str, nth: usize) -> String {
    let union = app.org_id(UNION).await;
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), token)
        .await;
    members[nth]["id"].as_str().unwrap_or_default().to_owned()
}

fn facts() -> Value {
    json!({ "category": "illness", "household_size": 4, "monthly_income_per_head_fen": 68000, "reason": "妻子尿毒症长期透析，两个孩子上学" })
}

async fn detail(app: &TestApp, id: &str, token: &str) -> (Value, String) {
    let r = app
        .get(&format!("/api/v1/hardship-files/{id}"), token)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let etag = r.header("etag").unwrap_or_default();
    (r.body, etag)
}

async fn upload(app: &TestApp, id: &str, token: &str, name: &str, bytes: &[u8]) -> Reply {
    app.send(
        app.request(
            Method::POST,
            &format!(
                "/api/v1/hardship-files/{id}/evidence?file_name={}",
                urlencode(name)
            ),
            Some(token),
        )
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec()),
    )
    .await
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn a_file_goes_from_application_to_approval_assistance_renewal_and_lifting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let staff = app.login("nanjiang-staff").await;
    let mid = a_member(&app, &officer, 0).await;
    let created = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["status"], "applied");
    assert_eq!(created.body["organisation_name"], UNION);
    let id = created.body["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        created.header("location").as_deref(),
        Some(format!("/api/v1/hardship-files/{id}").as_str())
    );
    // One open file per member.
    let again = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    assert_eq!((again.status, again.code()), (409, "hardship_file_open"));
    let decisions = format!("/api/v1/hardship-files/{id}/decisions");
    // Officers register; federation staff review.
    let (_, etag) = detail(&app, &id, &officer).await;
    let r = app
        .post_if(
            &decisions,
            &officer,
            &etag,
            &json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "forbidden"));
    let r = app
        .post(&decisions, &staff, &json!({ "decision": "approve" }))
        .await;
    assert_eq!(r.status, 428);
    // Assistance waits for approval.
    let help = format!("/api/v1/hardship-files/{id}/assistance");
    let gift = json!({ "given_on": today(), "kind": "winter_warmth", "amount_fen": 50000, "note": "春节送温暖" });
    let r = app.post(&help, &officer, &gift).await;
    assert_eq!((r.status, r.code()), (409, "hardship_file_not_actionable"));
    let r = app
        .post_if(
            &decisions,
            &staff,
            &etag,
            &json!({ "decision": "approve", "note": "入户核实属实" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["status"], "approved");
    let due = r.body["review_due_on"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(&due[4..], &today()[4..], "due a year on by default: {due}");
    assert_eq!(
        due[..4].parse::<i32>().unwrap_or_default(),
        today()[..4].parse::<i32>().unwrap_or_default() + 1
    );
    // A stale ETag is refused.
    let r = app
        .post_if(&decisions, &staff, &etag, &json!({ "decision": "renew" }))
        .await;
    assert_eq!(r.status, 412);
    // It names what changed: the hardship file, not "the member".
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("the hardship file has changed"),
        "{}",
        r.text
    );
    // Assistance on the approved file.
    let r = app.post(&help, &officer, &gift).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = app
        .post(
            &help,
            &officer,
            &json!({ "given_on": today(), "kind": "golden_autumn", "amount_fen": 300000 }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    for (body, field) in [
        (
            json!({ "given_on": today(), "kind": "cash", "amount_fen": 1 }),
            "kind",
        ),
        (
            json!({ "given_on": today(), "kind": "medical_aid", "amount_fen": 0 }),
            "amount_fen",
        ),
        (
            json!({ "given_on": "2999-01-01", "kind": "medical_aid", "amount_fen": 1 }),
            "given_on",
        ),
        (
            json!({ "given_on": "2001-01-01", "kind": "medical_aid", "amount_fen": 1 }),
            "given_on",
        ),
    ] {
        let r = app.post(&help, &officer, &body).await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec![field.to_owned()]),
            "{body}"
        );
    }
    // The situation changes (动态管理): facts are updated with If-Match.
    let (d, etag) = detail(&app, &id, &officer).await;
    assert_eq!(d["assistance_total_fen"], 350000);
    assert_eq!(d["assistance"].as_array().map(Vec::len), Some(2));
    assert_eq!(d["reviews"][0]["decision"], "approve");
    assert_eq!(d["reviews"][0]["decided_by_name"], "南江县总工会 张明");
    let registrar = d["file"]["created_by"].as_str().unwrap_or_default();
    assert_eq!(
        d["people"][registrar], "光雾山米业工会 李芳",
        "who registered it, by name"
    );
    let r = app
        .patch(
            &format!("/api/v1/hardship-files/{id}"),
            &officer,
            &etag,
            &json!({ "monthly_income_per_head_fen": 90000 }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["monthly_income_per_head_fen"], 90000);
    let etag = r.header("etag").unwrap_or_default();
    // Re-review: renewed with a chosen date; a date out of range is refused.
    let r = app
        .post_if(
            &decisions,
            &staff,
            &etag,
            &json!({ "decision": "renew", "review_due_on": "2000-01-01" }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["review_due_on".to_owned()])
    );
    let next_due = format!(
        "{}-06-30",
        today()[..4].parse::<i32>().unwrap_or_default() + 2
    );
    let r = app
        .post_if(
            &decisions,
            &staff,
            &etag,
            &json!({ "decision": "renew", "review_due_on": next_due }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["review_due_on"].as_str(), Some(next_due.as_str()));
    let etag = r.header("etag").unwrap_or_default();
    // Lifting needs a reason and closes the file.
    let r = app
        .post_if(&decisions, &staff, &etag, &json!({ "decision": "lift" }))
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["note".to_owned()]));
    let r = app
        .post_if(
            &decisions,
            &staff,
            &etag,
            &json!({ "decision": "lift", "note": "妻子病愈，夫妻均已就业" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["status"].as_str(), r.body["review_due_on"].as_str()),
        (Some("lifted"), None)
    );
    let etag = r.header("etag").unwrap_or_default();
    let r = app
        .patch(
            &format!("/api/v1/hardship-files/{id}"),
            &officer,
            &etag,
            &json!({ "household_size": 3 }),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "hardship_file_not_actionable"));
    let r = app.post(&help, &officer, &gift).await;
    assert_eq!(r.status, 409);
    let r = app
        .post_if(&decisions, &staff, &etag, &json!({ "decision": "approve" }))
        .await;
    assert_eq!((r.status, r.code()), (409, "hardship_file_not_actionable"));
    let (d, _) = detail(&app, &id, &staff).await;
    let trail: Vec<&str> = d["reviews"]
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["decision"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(trail, ["approve", "renew", "lift"]);
    // After lifting, a new application may be made; the member's tab lists both, newest first.
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let tab = app
        .get(&format!("/api/v1/members/{mid}/hardship-files"), &officer)
        .await;
    assert_eq!(tab.status, 200);
    assert_eq!(tab.body["items"].as_array().map(Vec::len), Some(2));
    // The register: by status, by due date, by name.
    let lifted = app
        .all_pages("/api/v1/hardship-files?status=lifted", &staff)
        .await;
    assert_eq!(lifted.len(), 1);
    assert_eq!(
        app.all_pages("/api/v1/hardship-files?status=applied", &staff)
            .await
            .len(),
        1
    );
    assert!(
        app.all_pages(
            "/api/v1/hardship-files?review_due_before=2099-01-01",
            &staff
        )
        .await
        .is_empty(),
        "nothing approved now"
    );
    let name = lifted[0]["member_name"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .take(1)
        .collect::<String>();
    assert_eq!(
        app.all_pages(
            &format!("/api/v1/hardship-files?q={}", urlencode(&name)),
            &staff
        )
        .await
        .len(),
        2
    );
    let r = app.get("/api/v1/hardship-files?status=maybe", &staff).await;
    assert_eq!((r.status, r.fields()), (422, vec!["status".to_owned()]));
}

async fn nobody_reviews_their_own_application_and_rejection_needs_a_reason(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let admin = app.login("demo-admin").await;
    let mid = a_member(&app, &staff, 1).await;
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &staff,
            &facts(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().unwrap_or_default().to_owned();
    let etag = r.header("etag").unwrap_or_default();
    let decisions = format!("/api/v1/hardship-files/{id}/decisions");
    let r = app
        .post_if(&decisions, &staff, &etag, &json!({ "decision": "approve" }))
        .await;
    assert_eq!((r.status, r.code()), (403, "hardship_self_review"));
    let r = app
        .post_if(&decisions, &admin, &etag, &json!({ "decision": "reject" }))
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["note".to_owned()]));
    let r = app
        .post_if(
            &decisions,
            &admin,
            &etag,
            &json!({ "decision": "reject", "review_due_on": "2030-01-01", "note": "x" }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["review_due_on".to_owned()])
    );
    let r = app
        .post_if(
            &decisions,
            &admin,
            &etag,
            &json!({ "decision": "dismiss", "note": "x" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["decision".to_owned()]));
    let r = app
        .post_if(
            &decisions,
            &admin,
            &etag,
            &json!({ "decision": "reject", "note": "家庭收入高于当地低保标准" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["status"], "rejected");
    // A rejected file is closed; the member may apply again.
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &staff,
            &facts(),
        )
        .await;
    assert_eq!(r.status, 201);
}

async fn bad_facts_are_refused_field_by_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let mid = a_member(&app, &officer, 0).await;
    let path = format!("/api/v1/members/{mid}/hardship-files");
    let with = |k: &str, v: Value| {
        let mut b = facts();
        b[k] = v;
        b
    };
    for (body, field) in [
        (with("category", json!("bad_luck")), "category"),
        (with("household_size", json!(0)), "household_size"),
        (with("household_size", json!(31)), "household_size"),
        (
            with("monthly_income_per_head_fen", json!(-1)),
            "monthly_income_per_head_fen",
        ),
        (with("reason", json!("  ")), "reason"),
        (with("reason", json!("长".repeat(1001))), "reason"),
        (with("status", json!("approved")), "status"),
    ] {
        let r = app.post(&path, &officer, &body).await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec![field.to_owned()]),
            "{body}"
        );
    }
    let r = app
        .post("/api/v1/members/nope/hardship-files", &officer, &facts())
        .await;
    assert_eq!(r.status, 404);
    // Nothing was written.
    let r = app
        .get(&format!("/api/v1/members/{mid}/hardship-files"), &officer)
        .await;
    assert_eq!(r.body["items"].as_array().map(Vec::len), Some(0));
}

async fn evidence_is_checked_stored_downloaded_and_removed(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.evidence_max_bytes = 4096).await;
    let officer = app.login("nanjiang-officer").await;
    let mid = a_member(&app, &officer, 0).await;
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    let id = r.body["id"].as_str().unwrap_or_default().to_owned();
    let r = upload(&app, &id, &officer, "诊断证明.pdf", PDF).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["content_type"], "application/pdf");
    assert_eq!(r.body["file_name"], "诊断证明.pdf");
    assert_eq!(r.body["size_bytes"], PDF.len());
    assert_eq!(r.body["sha256"].as_str().map(str::len), Some(64));
    let eid = r.body["id"].as_str().unwrap_or_default().to_owned();
    // Content decides the type, not the name or header; size is capped; empty is refused.
    let r = upload(
        &app,
        &id,
        &officer,
        "photo.png",
        b"<html><script>alert(1)</script></html>",
    )
    .await;
    assert_eq!((r.status, r.code()), (415, "unsupported_media_type"));
    let mut big = b"%PDF-".to_vec();
    big.resize(5000, b'x');
    let r = upload(&app, &id, &officer, "big.pdf", &big).await;
    assert_eq!((r.status, r.code()), (413, "payload_too_large"));
    let r = upload(&app, &id, &officer, "empty.pdf", b"").await;
    assert_eq!((r.status, r.fields()), (422, vec!["file".to_owned()]));
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD
        .decode(PNG_BASE64)
        .unwrap_or_default();
    let r = upload(&app, &id, &officer, "../../户口本.png", &png).await;
    assert_eq!(
        (r.status, r.body["file_name"].as_str()),
        (201, Some("户口本.png"))
    );
    // Listed in the file, downloadable with its type and name.
    let (d, _) = detail(&app, &id, &officer).await;
    assert_eq!(d["evidence"].as_array().map(Vec::len), Some(2));
    let file = format!("/api/v1/hardship-files/{id}/evidence/{eid}");
    let res = app
        .request(Method::GET, &file, Some(&officer))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    let header = |n: &str| {
        res.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(
        header("content-disposition").contains("filename*=UTF-8''%E8%AF%8A"),
        "{}",
        header("content-disposition")
    );
    assert_eq!(
        res.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        PDF
    );
    // Outside the scope or role: not found / forbidden.
    let huayuan = app.login("huayuan-staff").await;
    assert_eq!(app.get(&file, &huayuan).await.status, 404);
    let adviser = app.login("nanjiang-adviser").await;
    assert_eq!(app.get(&file, &adviser).await.status, 403);
    // Removed: the row and the bytes on disk.
    let stored = app.state.settings.evidence_path().join(&id).join(&eid);
    assert!(stored.exists(), "{}", stored.display());
    let r = app
        .send(app.request(Method::DELETE, &file, Some(&officer)))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert!(!stored.exists());
    assert_eq!(app.get(&file, &officer).await.status, 404);
    let (d, _) = detail(&app, &id, &officer).await;
    assert_eq!(d["evidence"].as_array().map(Vec::len), Some(1));
}

async fn files_are_seen_only_in_scope_by_roles_that_need_them_and_every_read_is_audited(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let mid = a_member(&app, &officer, 0).await;
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    let id = r.body["id"].as_str().unwrap_or_default().to_owned();
    let one = format!("/api/v1/hardship-files/{id}");
    let huayuan = app.login("huayuan-staff").await;
    assert_eq!(app.get(&one, &huayuan).await.status, 404);
    assert!(app
        .all_pages("/api/v1/hardship-files", &huayuan)
        .await
        .is_empty());
    assert_eq!(
        app.get(&format!("/api/v1/members/{mid}/hardship-files"), &huayuan)
            .await
            .status,
        404
    );
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &huayuan,
            &facts(),
        )
        .await;
    assert_eq!(r.status, 404);
    // Every write on the file is a 404 from outside too, and changes nothing.
    let etag = r#""1""#;
    assert_eq!(
        app.patch(&one, &huayuan, etag, &json!({ "household_size": 2 }))
            .await
            .status,
        404
    );
    let r = app
        .post_if(
            &format!("{one}/decisions"),
            &huayuan,
            etag,
            &json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(r.status, 404, "decide");
    let r = app
        .post(
            &format!("{one}/assistance"),
            &huayuan,
            &json!({ "given_on": today(), "kind": "winter_warmth", "amount_fen": 100 }),
        )
        .await;
    assert_eq!(r.status, 404, "assistance");
    assert_eq!(
        upload(&app, &id, &huayuan, "x.pdf", PDF).await.status,
        404,
        "evidence upload"
    );
    let r = app
        .send(app.request(
            Method::DELETE,
            &format!("{one}/evidence/any"),
            Some(&huayuan),
        ))
        .await;
    assert_eq!(r.status, 404, "evidence delete");
    let officer_view = app.get(&one, &officer).await;
    assert_eq!(
        (
            officer_view.body["file"]["version"].as_i64(),
            officer_view.body["evidence"].as_array().map(Vec::len)
        ),
        (Some(1), Some(0))
    );
    for who in ["nanjiang-adviser", "nanjiang-member", "demo-integration"] {
        let token = match who {
            "demo-integration" => {
                let r = app
                    .send(
                        app.request(Method::POST, "/api/v1/auth/token", None)
                            .json(&json!({
                                "grant_type": "client_credentials",
                                "client_id": "demo-integration",
                                "client_secret": gonghui_tests::harness::PASSWORD,
                            })),
                    )
                    .await;
                assert_eq!(r.status, 200, "{}", r.text);
                r.body["access_token"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            }
            other => app.login(other).await,
        };
        for path in [one.as_str(), "/api/v1/hardship-files"] {
            let r = app.get(path, &token).await;
            assert_eq!((r.status, r.code()), (403, "forbidden"), "{who} {path}");
        }
    }
    // Reads are audited (the staff member's reads of a file and of the register), and no audit event
    // carries the reason or the income.
    let staff = app.login("nanjiang-staff").await;
    detail(&app, &id, &staff).await;
    app.all_pages("/api/v1/hardship-files", &staff).await;
    let admin = app.login("demo-admin").await;
    let events = app
        .all_pages("/api/v1/audit-events?resource_type=hardship_file", &admin)
        .await;
    let by = |action: &str| {
        events
            .iter()
            .filter(|e| e["action"] == action && e["actor_username"] == "nanjiang-staff")
            .count()
    };
    assert_eq!(by("hardship_file.read"), 1, "{events:?}");
    assert!(by("hardship_file.list") >= 1, "{events:?}");
    let all = serde_json::to_string(&events).unwrap_or_default();
    assert!(
        !all.contains("尿毒症") && !all.contains("68000"),
        "sensitive facts stay out of the audit log"
    );
}

async fn concurrent_applications_for_one_member_open_exactly_one_file(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let mid = a_member(&app, &officer, 2).await;
    let path = format!("/api/v1/members/{mid}/hardship-files");
    let replies = join_all((0..6).map(|_| {
        let (app, officer, path) = (&app, &officer, &path);
        async move { app.post(path, officer, &facts()).await }
    }))
    .await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let open = replies
        .iter()
        .filter(|r| r.status == 409 && r.code() == "hardship_file_open")
        .count();
    assert_eq!(
        (created, open),
        (1, 5),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
}

/// Audited reads read outside any write transaction and write their audit row in a short one of their
/// own (`AppState::audit_read`): many readers and writers at once all get through (on SQLite a read
/// holding the write lock for the whole request used to queue every writer behind it), and each read
/// leaves exactly one audit row.
async fn audited_reads_run_beside_writers_and_each_leaves_one_audit_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let staff = app.login("nanjiang-staff").await;
    let mid = a_member(&app, &officer, 3).await;
    let r = app
        .post(
            &format!("/api/v1/members/{mid}/hardship-files"),
            &officer,
            &facts(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let fid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let reads = (0..24).map(|_| {
        let (app, staff, fid) = (&app, &staff, &fid);
        async move {
            app.get(&format!("/api/v1/hardship-files/{fid}"), staff)
                .await
        }
    });
    let writes = (0..8u32).map(|i| {
        let (app, staff, union) = (&app, &staff, &union);
        async move {
            let first17 = format!("51192219900101{:03}", 700 + i);
            let check = gonghui_api::domain::id_number::check_char(first17.as_bytes()).unwrap_or('0');
            let body = json!({ "member": { "organisation_id": union, "name": format!("并发{i}"), "id_number": format!("{first17}{check}") } });
            app.post("/api/v1/membership-requests/join", staff, &body).await
        }
    });
    let (read_replies, write_replies) = tokio::join!(join_all(reads), join_all(writes));
    assert!(
        read_replies.iter().all(|r| r.status == 200),
        "{:?}",
        read_replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        write_replies.iter().all(|r| r.status == 201),
        "{:?}",
        write_replies
            .iter()
            .map(|r| (r.status, r.text.clone()))
            .collect::<Vec<_>>()
    );
    let audited = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use gonghui_api::db::schema::audit_events as e;
            e::table
                .filter(e::action.eq("hardship_file.read"))
                .filter(e::resource_id.eq(fid))
                .count()
                .get_result::<i64>(c)
        })
        .await;
    assert_eq!(audited.unwrap_or_default(), 24, "one audit row per read");
}

fn today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string()
}

both!(
    a_file_goes_from_application_to_approval_assistance_renewal_and_lifting,
    nobody_reviews_their_own_application_and_rejection_needs_a_reason,
    bad_facts_are_refused_field_by_field,
    evidence_is_checked_stored_downloaded_and_removed,
    files_are_seen_only_in_scope_by_roles_that_need_them_and_every_read_is_audited,
    concurrent_applications_for_one_member_open_exactly_one_file,
    audited_reads_run_beside_writers_and_each_leaves_one_audit_row,
);
