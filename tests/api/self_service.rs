//! Self-service: a `member` account reads its own membership, card, history and honours, updates its
//! contact details, applies to join (approval links the account) or transfer (the account follows the
//! member), and reaches nothing else. Staff link accounts to member records, one account per member.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{Backend, Reply, TestApp, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

async fn step(app: &TestApp, token: &str, request: &Value, action: &str) -> Reply {
    let rid = request["id"].as_str().unwrap_or_default();
    let etag = format!("\"{}\"", request["version"].as_i64().unwrap_or_default());
    app.post_if(
        &format!("/api/v1/membership-requests/{rid}/{action}"),
        token,
        &etag,
        &json!({}),
    )
    .await
}

async fn a_linked_member_reads_their_own_membership_and_updates_only_their_contact(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let me = app.login("nanjiang-member").await;
    let staff = app.login("nanjiang-staff").await;
    let who = app.get("/api/v1/me", &me).await;
    let mid = who.body["member_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        !mid.is_empty(),
        "the demo member account serves 赵强: {}",
        who.text
    );
    assert!(who.body["permissions"]
        .as_array()
        .is_some_and(|p| p.contains(&json!("self:membership"))));
    let r = app.get("/api/v1/me/member", &me).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["id"].as_str(), r.body["name"].as_str()),
        (Some(mid.as_str()), Some("赵强"))
    );
    assert!(
        r.body["id_number"]
            .as_str()
            .is_some_and(|n| n.contains('*')),
        "masked: {}",
        r.body["id_number"]
    );
    let etag = r.header("etag").unwrap_or_default();
    // Honours recorded by the union show in the member's app; history too.
    let h = app
        .post(
            &format!("/api/v1/members/{mid}/honours"),
            &staff,
            &json!({ "kind": "model_worker", "level": "city", "title": "巴中市劳动模范", "awarded_on": "2020-04-28", "awarding_body": "巴中市人民政府" }),
        )
        .await;
    assert_eq!(h.status, 201, "{}", h.text);
    let honours = app.get("/api/v1/me/member/honours", &me).await;
    assert_eq!(honours.body["items"][0]["title"], "巴中市劳动模范");
    let history = app.get("/api/v1/me/member/history", &me).await;
    assert_eq!(history.status, 200);
    assert!(history.body["items"].is_array());
    // Contact details: the mobile, canonicalised; nothing else.
    let r = app
        .send(
            app.request(Method::PATCH, "/api/v1/me/member", Some(&me))
                .json(&json!({ "mobile": "139 0827 9999" })),
        )
        .await;
    assert_eq!(r.status, 428);
    let r = app
        .patch(
            "/api/v1/me/member",
            &me,
            &etag,
            &json!({ "mobile": "12345" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["mobile".to_owned()]));
    let r = app
        .patch("/api/v1/me/member", &me, &etag, &json!({ "name": "改名" }))
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["name".to_owned()]));
    let r = app
        .patch(
            "/api/v1/me/member",
            &me,
            &etag,
            &json!({ "mobile": "+86 139-0827-9999" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app
        .patch(
            "/api/v1/me/member",
            &me,
            &etag,
            &json!({ "mobile": "13908279998" }),
        )
        .await;
    assert_eq!(r.status, 412, "stale");
    let admin = app.login("demo-admin").await;
    let revealed = app
        .post(&format!("/api/v1/members/{mid}/reveal"), &admin, &json!({}))
        .await;
    assert_eq!(revealed.body["mobile"], "13908279999", "{}", revealed.text);
    let events = app
        .all_pages(&format!("/api/v1/audit-events?resource_id={mid}"), &admin)
        .await;
    assert!(events
        .iter()
        .any(|e| e["action"] == "member.update_own_contact"
            && e["actor_username"] == "nanjiang-member"));
    // Nothing else: no registry, no other member, no requests inbox, no hardship files.
    let other = app
        .all_pages("/api/v1/members", &staff)
        .await
        .into_iter()
        .find(|m| m["id"] != mid.as_str())
        .and_then(|m| m["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    for path in [
        "/api/v1/members".to_owned(),
        format!("/api/v1/members/{other}"),
        format!("/api/v1/members/{mid}"),
        "/api/v1/membership-requests".to_owned(),
        "/api/v1/hardship-files".to_owned(),
        "/api/v1/accounts".to_owned(),
    ] {
        assert_eq!(app.get(&path, &me).await.status, 403, "{path}");
    }
    let r = app
        .post(&format!("/api/v1/members/{other}/honours"), &me, &json!({}))
        .await;
    assert!(r.status == 403 || r.status == 422, "{}", r.status);
    // Staff are not members: self-service is for member accounts.
    assert_eq!(app.get("/api/v1/me/member", &staff).await.status, 403);
}

async fn a_worker_applies_to_join_and_approval_links_the_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let county = app.org_id("南江县总工会").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &json!({ "username": "worker-li", "display_name": "李工", "role": "member", "organisation_id": county, "password": PASSWORD }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["member_id"], Value::Null);
    let worker = app.login("worker-li").await;
    let r = app.get("/api/v1/me/member", &worker).await;
    assert_eq!((r.status, r.code()), (404, "member_not_linked"));
    assert!(
        r.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("apply to join")),
        "{}",
        r.text
    );
    assert_eq!(
        app.get("/api/v1/me/member/history", &worker).await.status,
        404
    );
    let number = id("511922", "19980303", 415);
    let apply = json!({ "member": { "organisation_id": union, "name": "李工", "id_number": number, "mobile": "13700001234" }, "reason": "新入职员工" });
    let bad = json!({ "member": { "organisation_id": union, "name": "李工", "id_number": "511922199803034150" } });
    let r = app
        .post("/api/v1/me/membership-requests/join", &worker, &bad)
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["member.id_number".to_owned()]),
        "{}",
        r.text
    );
    let r = app
        .post("/api/v1/me/membership-requests/join", &worker, &apply)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (r.body["can_approve"].clone(), r.body["can_reject"].clone()),
        (json!(false), json!(false))
    );
    assert!(!r.text.contains(&number));
    let mine = app.get("/api/v1/me/membership-requests", &worker).await;
    assert_eq!(mine.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(mine.body["items"][0]["status"], "pending");
    // The worker cannot approve it; the union's side does.
    let req = mine.body["items"][0].clone();
    assert_eq!(step(&app, &worker, &req, "approve").await.status, 403);
    let theirs = app
        .get(
            &format!(
                "/api/v1/membership-requests/{}",
                req["id"].as_str().unwrap_or_default()
            ),
            &staff,
        )
        .await;
    let done = step(&app, &staff, &theirs.body, "approve").await;
    assert_eq!(done.status, 200, "{}", done.text);
    // Linked at once: the account now reads its membership.
    let r = app.get("/api/v1/me/member", &worker).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["name"].as_str(), r.body["organisation_id"].as_str()),
        (Some("李工"), Some(union.as_str()))
    );
    let mine = app.get("/api/v1/me/membership-requests", &worker).await;
    assert_eq!(mine.body["items"][0]["status"], "approved");
    let r = app
        .post("/api/v1/me/membership-requests/join", &worker, &apply)
        .await;
    assert_eq!((r.status, r.code()), (409, "member_exists"));
    // Outside the account's scope there is no union to join.
    let other = app.org_id("湖南三立集团股份有限公司工会").await;
    let r = app
        .post("/api/v1/me/membership-requests/join", &app.login("nanjiang-member").await, &json!({ "member": { "organisation_id": other, "name": "某", "id_number": id("511922", "19980303", 433) } }))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "member_exists"),
        "a linked account does not join twice"
    );
}

async fn a_member_asks_to_transfer_and_the_account_follows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let me = app.login("nanjiang-member").await;
    let nanjiang = app.login("nanjiang-staff").await;
    let huayuan = app.login("huayuan-staff").await;
    let sanli = app.org_id("湖南三立集团股份有限公司工会").await;
    let card_before = app.get("/api/v1/me/member", &me).await.body["card_number"].clone();
    let r = app
        .post(
            "/api/v1/me/membership-requests/transfer",
            &me,
            &json!({ "to_organisation_id": sanli, "reason": "" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["reason".to_owned()]));
    let r = app
        .post(
            "/api/v1/me/membership-requests/transfer",
            &me,
            &json!({ "to_organisation_id": sanli, "reason": "到花垣务工" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["can_release"], json!(false));
    let rid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .post(
            "/api/v1/me/membership-requests/transfer",
            &me,
            &json!({ "to_organisation_id": sanli, "reason": "再来" }),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "membership_request_open"));
    let ours = app
        .get(&format!("/api/v1/membership-requests/{rid}"), &nanjiang)
        .await;
    assert_eq!(
        step(&app, &nanjiang, &ours.body, "release").await.status,
        200
    );
    let theirs = app
        .get(&format!("/api/v1/membership-requests/{rid}"), &huayuan)
        .await;
    let done = step(&app, &huayuan, &theirs.body, "approve").await;
    assert_eq!(done.status, 200, "{}", done.text);
    // The account's home moved with the member; the card stayed.
    let who = app.get("/api/v1/me", &me).await;
    assert_eq!(who.body["organisation_id"].as_str(), Some(sanli.as_str()));
    let mine = app.get("/api/v1/me/member", &me).await;
    assert_eq!(mine.body["organisation_id"].as_str(), Some(sanli.as_str()));
    assert_eq!(mine.body["card_number"], card_before);
    let kinds: Vec<String> = app.get("/api/v1/me/member/history", &me).await.body["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["change"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        kinds.ends_with(&["transfer_out".to_owned(), "transfer_in".to_owned()]),
        "{kinds:?}"
    );
    // 南江's staff no longer manage the account; 花垣's do.
    let account = who.body["id"].as_str().unwrap_or_default();
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{account}"), &nanjiang)
            .await
            .status,
        404
    );
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{account}"), &huayuan)
            .await
            .status,
        200
    );
}

async fn staff_link_member_accounts_one_account_per_member_within_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let county = app.org_id("南江县总工会").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), &staff)
        .await;
    let mid = members[0]["id"].as_str().unwrap_or_default().to_owned();
    let create = |name: &str, role: &str, member: Option<&str>| json!({ "username": name, "display_name": name, "role": role, "organisation_id": county, "password": PASSWORD, "member_id": member });
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &create("worker-a", "member", Some(&mid)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["member_id"].as_str(), Some(mid.as_str()));
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &create("worker-b", "member", Some(&mid)),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["member_id".to_owned()]),
        "one account per member"
    );
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &create("officer-c", "union_officer", Some(&mid)),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["member_id".to_owned()]),
        "members only"
    );
    let huayuan_member = {
        let h = app.login("huayuan-staff").await;
        app.all_pages("/api/v1/members", &h)
            .await
            .first()
            .and_then(|m| m["id"].as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &create("worker-d", "member", Some(&huayuan_member)),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["member_id".to_owned()]),
        "outside the scope: {}",
        r.text
    );
    // Unlink, then link the other account.
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &create("worker-b", "member", None),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let b = r.body["id"].as_str().unwrap_or_default().to_owned();
    let a = app.all_pages("/api/v1/accounts?q=worker-a", &staff).await;
    let a_id = a
        .first()
        .and_then(|x| x["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let a_etag = format!(
        "\"{}\"",
        a.first()
            .and_then(|x| x["version"].as_i64())
            .unwrap_or_default()
    );
    let r = app
        .patch(
            &format!("/api/v1/accounts/{a_id}"),
            &staff,
            &a_etag,
            &json!({ "role": "legal_adviser" }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["role".to_owned()]),
        "unlink before a role change: {}",
        r.text
    );
    let r = app
        .patch(
            &format!("/api/v1/accounts/{a_id}"),
            &staff,
            &a_etag,
            &json!({ "member_id": null }),
        )
        .await;
    assert_eq!(
        (r.status, r.body["member_id"].clone()),
        (200, Value::Null),
        "{}",
        r.text
    );
    let r = app
        .patch(
            &format!("/api/v1/accounts/{b}"),
            &staff,
            "\"1\"",
            &json!({ "member_id": mid }),
        )
        .await;
    assert_eq!(
        (r.status, r.body["member_id"].as_str()),
        (200, Some(mid.as_str())),
        "{}",
        r.text
    );
    let worker = app.login("worker-b").await;
    assert_eq!(
        app.get("/api/v1/me/member", &worker).await.body["id"].as_str(),
        Some(mid.as_str())
    );
}

both!(
    a_linked_member_reads_their_own_membership_and_updates_only_their_contact,
    a_worker_applies_to_join_and_approval_links_the_account,
    a_member_asks_to_transfer_and_the_account_follows,
    staff_link_member_accounts_one_account_per_member_within_scope,
);
