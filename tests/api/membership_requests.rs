//! Join and transfer requests: approvals by the right side, one open request per person, transfers across
//! federations with the card number kept, and nobody outside either side seeing a request.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

fn etag(request: &Value) -> String {
    format!("\"{}\"", request["version"].as_i64().unwrap_or_default())
}

async fn step(
    app: &TestApp,
    token: &str,
    request: &Value,
    action: &str,
    body: Value,
) -> gonghui_tests::harness::Reply {
    let rid = request["id"].as_str().unwrap_or_default();
    app.post_if(
        &format!("/api/v1/membership-requests/{rid}/{action}"),
        token,
        &etag(request),
        &body,
    )
    .await
}

async fn a_join_request_is_approved_by_the_union_and_registers_the_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let number = id("511922", "19960505", 651);
    let body = json!({ "member": { "organisation_id": union, "name": "申请人甲", "id_number": number, "mobile": "13700000001" }, "reason": "新入职" });
    let r = app
        .post("/api/v1/membership-requests/join", &staff, &body)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let req = r.body.clone();
    assert_eq!(
        (req["kind"].as_str(), req["status"].as_str()),
        (Some("join"), Some("pending"))
    );
    assert!(!r.text.contains(&number), "numbers masked: {}", r.text);
    assert_eq!(req["can_approve"], json!(true));
    // The actions the domain offers this caller: the union joined approves or rejects; a join has nothing
    // to release.
    assert_eq!(req["allowed_actions"], json!(["approve", "reject"]));
    // The same person cannot have a second open request, nor be asked for twice.
    let again = app
        .post("/api/v1/membership-requests/join", &staff, &body)
        .await;
    assert_eq!(
        (again.status, again.code()),
        (409, "membership_request_open"),
        "{}",
        again.text
    );
    let inbox = app
        .all_pages("/api/v1/membership-requests?status=pending", &staff)
        .await;
    assert!(inbox.iter().any(|i| i["id"] == req["id"]));
    let r = app
        .send(app.request(
            Method::POST,
            &format!(
                "/api/v1/membership-requests/{}/approve",
                req["id"].as_str().unwrap_or_default()
            ),
            Some(&staff),
        ))
        .await;
    assert_eq!(r.status, 428);
    // A stale ETag is refused with a 412 that names the request, not "the member".
    let mut stale = req.clone();
    stale["version"] = json!(req["version"].as_i64().unwrap_or_default() + 7);
    let r = step(&app, &staff, &stale, "approve", json!({})).await;
    assert_eq!(r.status, 412, "{}", r.text);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("the membership request has changed"),
        "{}",
        r.text
    );
    let r = step(&app, &staff, &req, "approve", json!({})).await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (200, Some("approved")),
        "{}",
        r.text
    );
    let found = app
        .all_pages(&format!("/api/v1/members?id_number={number}"), &staff)
        .await;
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["organisation_name"].as_str(),
        Some("南江县南慧建材有限公司工会")
    );
    assert_eq!(r.body["allowed_actions"], json!([]), "{}", r.text);
    let r = step(&app, &staff, &r.body, "approve", json!({})).await;
    assert_eq!(
        (r.status, r.code()),
        (409, "membership_request_not_actionable"),
        "decided requests stay decided"
    );
    // A member cannot ask to join again.
    let r = app
        .post("/api/v1/membership-requests/join", &staff, &body)
        .await;
    assert_eq!((r.status, r.code()), (409, "member_exists"));
}

async fn a_rejected_request_needs_a_reason_and_frees_the_person(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let body = json!({ "member": { "organisation_id": union, "name": "申请人乙", "id_number": id("511922", "19970606", 762) } });
    let req = app
        .post("/api/v1/membership-requests/join", &officer, &body)
        .await
        .body;
    let r = step(&app, &officer, &req, "reject", json!({})).await;
    assert_eq!((r.status, r.fields()), (422, vec!["reason".to_owned()]));
    let r = step(
        &app,
        &officer,
        &req,
        "reject",
        json!({ "reason": "非本单位职工" }),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.body["status"].as_str(),
            r.body["decision_reason"].as_str()
        ),
        (200, Some("rejected"), Some("非本单位职工"))
    );
    let r = app
        .post("/api/v1/membership-requests/join", &officer, &body)
        .await;
    assert_eq!(
        r.status, 201,
        "a new request once the old one is decided: {}",
        r.text
    );
}

async fn a_transfer_across_federations_is_released_then_accepted_and_keeps_the_card(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let nanjiang = app.login("nanjiang-staff").await;
    let huayuan = app.login("huayuan-staff").await;
    let liupanshui = app.login("liupanshui-staff").await;
    let rice = app.org_id("四川光雾山米业有限公司工会").await;
    let sanli = app.org_id("湖南三立集团股份有限公司工会").await;
    let m = app.post("/api/v1/members", &nanjiang, &json!({ "organisation_id": rice, "name": "外出务工者", "id_number": id("511922", "19900808", 873), "migrant_worker": true })).await;
    assert_eq!(m.status, 201, "{}", m.text);
    let mid = m.body["id"].as_str().unwrap_or_default().to_owned();
    let cards = app
        .post(
            "/api/v1/members/cards",
            &nanjiang,
            &json!({ "organisation_id": rice }),
        )
        .await;
    assert_eq!(cards.status, 200);
    let card = app
        .get(&format!("/api/v1/members/{mid}"), &nanjiang)
        .await
        .body["card_number"]
        .clone();
    assert!(card.is_string());
    let r = app
        .post(
            "/api/v1/membership-requests/transfer",
            &nanjiang,
            &json!({ "member_id": mid, "to_organisation_id": rice, "reason": "x" }),
        )
        .await;
    assert_eq!(
        r.fields(),
        vec!["to_organisation_id"],
        "not to the union it is in"
    );
    let r = app
        .post(
            "/api/v1/membership-requests/transfer",
            &nanjiang,
            &json!({ "member_id": mid, "to_organisation_id": sanli, "reason": "到花垣务工" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let req = r.body.clone();
    let rid = req["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        (req["can_release"].clone(), req["can_approve"].clone()),
        (json!(true), json!(false))
    );
    // The receiving side sees it, but cannot accept before the release.
    let theirs = app
        .get(&format!("/api/v1/membership-requests/{rid}"), &huayuan)
        .await;
    assert_eq!(
        (theirs.status, theirs.body["can_approve"].clone()),
        (200, json!(false)),
        "{}",
        theirs.text
    );
    let r = step(&app, &huayuan, &req, "approve", json!({})).await;
    assert_eq!(r.status, 409);
    let r = step(&app, &huayuan, &req, "release", json!({})).await;
    assert_eq!(r.status, 403, "only the union left releases");
    // Nobody outside either side sees anything.
    assert_eq!(
        app.get(&format!("/api/v1/membership-requests/{rid}"), &liupanshui)
            .await
            .status,
        404
    );
    assert!(app
        .all_pages("/api/v1/membership-requests", &liupanshui)
        .await
        .is_empty());
    let released = step(&app, &nanjiang, &req, "release", json!({})).await;
    let open = app
        .all_pages(
            "/api/v1/membership-requests?status=pending,released",
            &huayuan,
        )
        .await;
    assert!(
        open.iter()
            .any(|o| o["id"] == rid.as_str() && o["status"] == "released"),
        "{open:?}"
    );
    assert!(app
        .all_pages(
            "/api/v1/membership-requests?status=approved,rejected",
            &huayuan
        )
        .await
        .is_empty());
    assert_eq!(
        (released.status, released.body["status"].as_str()),
        (200, Some("released")),
        "{}",
        released.text
    );
    let theirs = app
        .get(&format!("/api/v1/membership-requests/{rid}"), &huayuan)
        .await
        .body;
    assert_eq!(theirs["can_approve"], json!(true));
    let done = step(&app, &huayuan, &theirs, "approve", json!({})).await;
    assert_eq!(
        (done.status, done.body["status"].as_str()),
        (200, Some("approved")),
        "{}",
        done.text
    );
    // The member now lives in 花垣's scope, card and all.
    assert_eq!(
        app.get(&format!("/api/v1/members/{mid}"), &nanjiang)
            .await
            .status,
        404
    );
    let moved = app.get(&format!("/api/v1/members/{mid}"), &huayuan).await;
    assert_eq!(
        moved.body["organisation_name"].as_str(),
        Some("湖南三立集团股份有限公司工会")
    );
    assert_eq!(moved.body["card_number"], card);
    let h = app
        .get(&format!("/api/v1/members/{mid}/history"), &huayuan)
        .await;
    let kinds: Vec<&str> = h.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["change"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["join", "transfer_out", "transfer_in"]);
    assert_eq!(
        h.body["items"][1]["from_organisation_name"].as_str(),
        Some("四川光雾山米业有限公司工会"),
        "{}",
        h.text
    );
    assert_eq!(
        h.body["items"][2]["to_organisation_name"].as_str(),
        Some("湖南三立集团股份有限公司工会")
    );
    // Both sides still see the decided request; 南江 can no longer act on it.
    let ours = app
        .get(&format!("/api/v1/membership-requests/{rid}"), &nanjiang)
        .await;
    assert_eq!(
        (ours.status, ours.body["can_reject"].clone()),
        (200, json!(false))
    );
}

async fn either_side_may_reject_a_transfer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let nanjiang = app.login("nanjiang-staff").await;
    let huayuan = app.login("huayuan-staff").await;
    let rice = app.org_id("四川光雾山米业有限公司工会").await;
    let sanli = app.org_id("湖南三立集团股份有限公司工会").await;
    let members = app
        .all_pages(
            &format!("/api/v1/members?organisation_id={rice}"),
            &nanjiang,
        )
        .await;
    let mid = members[0]["id"].as_str().unwrap_or_default();
    let req = app
        .post(
            "/api/v1/membership-requests/transfer",
            &nanjiang,
            &json!({ "member_id": mid, "to_organisation_id": sanli, "reason": "调动" }),
        )
        .await
        .body;
    let r = step(
        &app,
        &huayuan,
        &req,
        "reject",
        json!({ "reason": "无此岗位" }),
    )
    .await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (200, Some("rejected")),
        "{}",
        r.text
    );
    let again = app
        .post(
            "/api/v1/membership-requests/transfer",
            &nanjiang,
            &json!({ "member_id": mid, "to_organisation_id": sanli, "reason": "再次申请" }),
        )
        .await
        .body;
    let r = step(
        &app,
        &nanjiang,
        &again,
        "reject",
        json!({ "reason": "撤回" }),
    )
    .await;
    assert_eq!(r.body["status"].as_str(), Some("rejected"));
    // Members outside the scope cannot be asked for.
    let hy_member = app
        .all_pages(
            &format!("/api/v1/members?organisation_id={sanli}"),
            &huayuan,
        )
        .await;
    let hid = hy_member[0]["id"].as_str().unwrap_or_default();
    let r = app
        .post(
            "/api/v1/membership-requests/transfer",
            &nanjiang,
            &json!({ "member_id": hid, "to_organisation_id": rice, "reason": "x" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["member_id".to_owned()]));
}

both!(
    a_join_request_is_approved_by_the_union_and_registers_the_member,
    a_rejected_request_needs_a_reason_and_frees_the_person,
    a_transfer_across_federations_is_released_then_accepted_and_keeps_the_card,
    either_side_may_reject_a_transfer,
);
