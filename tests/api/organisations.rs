//! The organisation tree: create, read, list and filter, update with If-Match, archive and restore,
//! move a subtree, children, ancestors and tree.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const VALID_CREDIT_CODE: &str = "91350100M000100Y43";

async fn create(app: &TestApp, token: &str, parent: &str, name: &str, kind: &str) -> Value {
    let r = app
        .post(
            "/api/v1/organisations",
            token,
            &json!({ "parent_id": parent, "name": name, "kind": kind }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

async fn create_returns_201_with_location_etag_and_an_audit_event(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let parent = app.org_id("南江镇工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &token,
            &json!({
                "parent_id": parent, "name": " 南江县红叶物流有限公司工会 ", "short_name": "红叶物流工会", "kind": "enterprise_union",
                "division_code": "511922", "credit_code": "91350100m000100y43", "ownership": "non_public", "industry": "物流",
                "headcount": 120, "women_headcount": 35, "founded_on": "2019-03-08", "chair_name": "周红", "chair_contact": "+86 139-0827-1234",
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/organisations/{id}"))
    );
    assert_eq!(r.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(
        r.body["name"].as_str(),
        Some("南江县红叶物流有限公司工会"),
        "trimmed"
    );
    assert_eq!(
        r.body["credit_code"].as_str(),
        Some(VALID_CREDIT_CODE),
        "upper-cased"
    );
    assert_eq!(
        r.body["chair_contact"].as_str(),
        Some("13908271234"),
        "canonical mobile"
    );
    assert_eq!(r.body["depth"].as_i64(), Some(5));
    assert_eq!(r.body["status"].as_str(), Some("active"));
    assert!(r.body["created_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    let (got, etag) = app.org(&id, &token).await;
    assert_eq!(got, r.body);
    assert_eq!(etag, "\"1\"");
    let admin = app.login("demo-admin").await;
    let events = app
        .get(&format!("/api/v1/audit-events?resource_id={id}"), &admin)
        .await;
    let items = events.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{}", events.text);
    assert_eq!(items[0]["action"].as_str(), Some("organisation.create"));
    assert_eq!(items[0]["actor_username"].as_str(), Some("nanjiang-staff"));
    assert_eq!(
        items[0]["changes"]["chair_contact"]["to"].as_str(),
        Some("139****1234"),
        "personal numbers masked in the audit log"
    );
    assert!(items[0]["request_id"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
}

async fn create_validates_every_field_and_reports_them_together(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let parent = app.org_id("南江镇工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &token,
            &json!({
                "parent_id": parent, "name": "   ", "kind": "enterprise_union", "division_code": "5119", "credit_code": "91350100M000100Y44",
                "headcount": 10, "women_headcount": 11, "founded_on": "2999-01-01", "chair_contact": "12345", "short_name": "很".repeat(31),
            }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (422, "validation_failed"),
        "{}",
        r.text
    );
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "chair_contact",
            "credit_code",
            "division_code",
            "founded_on",
            "name",
            "short_name",
            "women_headcount"
        ]
    );
    let code_of = |f: &str| {
        r.body["errors"]
            .as_array()
            .and_then(|a| a.iter().find(|e| e["field"] == f))
            .and_then(|e| e["code"].as_str())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(code_of("credit_code"), "invalid_checksum");
    assert_eq!(code_of("name"), "required");
    assert_eq!(code_of("short_name"), "too_long");
}

async fn placement_rules_are_enforced(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let township = app.org_id("南江镇工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &token,
            &json!({ "parent_id": township, "name": "某市总工会", "kind": "city_federation" }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (422, "organisation_kind_not_allowed"),
        "{}",
        r.text
    );
    assert_eq!(r.fields(), vec!["kind"]);
    let enterprise = app.org_id("四川光雾山米业有限公司工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &token,
            &json!({ "parent_id": enterprise, "name": "某乡镇工会", "kind": "township_union" }),
        )
        .await;
    assert_eq!(r.code(), "organisation_kind_not_allowed");
    // A legal station sits under the county federation, even one in another city.
    let county = app.org_id("南江县总工会").await;
    let body = create(
        &app,
        &token,
        &county,
        "南江县总工会驻广州农民工法律服务站",
        "legal_station",
    )
    .await;
    assert_eq!(body["kind"].as_str(), Some("legal_station"));
    // Changing a kind is checked against parent and children too.
    let (_, etag) = app.org(&township, &token).await;
    let r = app
        .patch(
            &format!("/api/v1/organisations/{township}"),
            &token,
            &etag,
            &json!({ "kind": "enterprise_union" }),
        )
        .await;
    assert_eq!(r.code(), "organisation_kind_not_allowed", "{}", r.text);
}

async fn list_filters_by_parent_subtree_kind_division_name_and_status(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("demo-admin").await;
    let nanjiang = app.org_id("南江县总工会").await;
    let names = |items: &[Value]| {
        let mut n: Vec<String> = items
            .iter()
            .map(|o| o["name"].as_str().unwrap_or_default().to_owned())
            .collect();
        n.sort();
        n
    };
    let points = app
        .all_pages(
            &format!("/api/v1/organisations?subtree_of={nanjiang}&kind=rights_point"),
            &token,
        )
        .await;
    assert_eq!(
        points.len(),
        12,
        "南江's twelve township rights-protection points"
    );
    let stations = app
        .all_pages(
            &format!("/api/v1/organisations?parent_id={nanjiang}&kind=legal_station"),
            &token,
        )
        .await;
    assert_eq!(
        names(&stations),
        [
            "南江县总工会驻西安农民工法律服务站",
            "南江县总工会驻青岛农民工法律服务站"
        ]
    );
    let lps = app
        .all_pages("/api/v1/organisations?division_code=520200", &token)
        .await;
    assert_eq!(names(&lps), ["六盘水市总工会"]);
    let found = app
        .all_pages("/api/v1/organisations?q=%E5%A4%A9%E6%B0%B4", &token)
        .await; // 天水
    assert_eq!(found.len(), 5, "{found:?}");
    let found = app
        .all_pages("/api/v1/organisations?q=100%25", &token)
        .await;
    assert!(found.is_empty(), "% is matched literally");
    // Archived organisations leave the default list and appear with status=archived.
    let station = stations[0]["id"].as_str().unwrap_or_default().to_owned();
    let (_, etag) = app.org(&station, &token).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{station}/archive"),
            &token,
            &etag,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let active = app
        .all_pages(
            &format!("/api/v1/organisations?parent_id={nanjiang}&kind=legal_station"),
            &token,
        )
        .await;
    assert_eq!(active.len(), 1);
    let archived = app
        .all_pages(
            &format!("/api/v1/organisations?parent_id={nanjiang}&status=archived"),
            &token,
        )
        .await;
    assert_eq!(archived.len(), 1);
    assert_eq!(archived[0]["id"].as_str(), Some(station.as_str()));
}

async fn update_needs_if_match_and_refuses_stale_versions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let id = app.org_id("四川光雾山米业有限公司工会").await;
    let path = format!("/api/v1/organisations/{id}");
    let (before, etag) = app.org(&id, &token).await;
    let r = app
        .send(
            app.request(Method::PATCH, &path, Some(&token))
                .json(&json!({ "address": "南江县光雾山大道1号" })),
        )
        .await;
    assert_eq!((r.status, r.code()), (428, "precondition_required"));
    let r = app
        .patch(
            &path,
            &token,
            &etag,
            &json!({ "address": "南江县光雾山大道1号", "headcount": 200, "industry": null }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(r.body["address"].as_str(), Some("南江县光雾山大道1号"));
    assert_eq!(r.body["headcount"].as_i64(), Some(200));
    assert!(r.body["industry"].is_null(), "null clears a field");
    assert_eq!(r.body["name"], before["name"], "absent fields stay");
    let r = app
        .patch(&path, &token, &etag, &json!({ "address": "lost update" }))
        .await;
    assert_eq!((r.status, r.code()), (412, "precondition_failed"));
    let (now, _) = app.org(&id, &token).await;
    assert_eq!(now["address"].as_str(), Some("南江县光雾山大道1号"));
    // women_headcount is checked against the stored headcount.
    let r = app
        .patch(&path, &token, "\"2\"", &json!({ "women_headcount": 201 }))
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["women_headcount".to_owned()])
    );
    let r = app
        .patch(&path, &token, "\"2\"", &json!({ "parent_id": "x" }))
        .await;
    assert_eq!(r.fields(), vec!["parent_id"], "moving is its own action");
    let admin = app.login("demo-admin").await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?resource_id={id}&action=organisation.update"),
            &admin,
        )
        .await;
    let changes = &events.body["items"][0]["changes"];
    assert_eq!(
        changes["headcount"],
        json!({ "from": 180, "to": 200 }),
        "{}",
        events.text
    );
    assert_eq!(changes["industry"]["to"], Value::Null);
}

async fn archive_refuses_active_children_and_restore_needs_an_active_parent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let town = app.org_id("沙河镇工会").await;
    let (_, etag) = app.org(&town, &token).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{town}/archive"),
            &token,
            &etag,
            &json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "organisation_has_active_children"),
        "{}",
        r.text
    );
    for child in ["石岭村工会", "长滩村工会"] {
        let id = app.org_id(child).await;
        let (_, etag) = app.org(&id, &token).await;
        let r = app
            .post_if(
                &format!("/api/v1/organisations/{id}/archive"),
                &token,
                &etag,
                &json!({}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"].as_str(), Some("archived"));
    }
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{town}/archive"),
            &token,
            &etag,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let village = app.org_id("石岭村工会").await;
    let (_, vetag) = app.org(&village, &token).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{village}/restore"),
            &token,
            &vetag,
            &json!({}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "organisation_parent_archived"));
    let (_, tetag) = app.org(&town, &token).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{town}/restore"),
            &token,
            &tetag,
            &json!({}),
        )
        .await;
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("active")));
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{village}/restore"),
            &token,
            &vetag,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // Archiving one's own home is refused; the root can never be archived.
    let home = app.org_id("南江县总工会").await;
    let (_, hetag) = app.org(&home, &token).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{home}/archive"),
            &token,
            &hetag,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 403);
    let admin = app.login("demo-admin").await;
    let root = app.org_id("中华全国总工会").await;
    let (_, retag) = app.org(&root, &admin).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{root}/archive"),
            &admin,
            &retag,
            &json!({}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "organisation_is_root"));
}

async fn move_carries_the_whole_subtree_and_refuses_cycles(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let from = app.org_id("南江镇工会").await;
    let to = app.org_id("沙河镇工会").await;
    // A grassroots union with a branch-like child below it, to see descendants follow.
    let regional = create(
        &app,
        &token,
        &from,
        "南江镇区域性工会联合会",
        "regional_union",
    )
    .await;
    let rid = regional["id"].as_str().unwrap_or_default().to_owned();
    let member = create(&app, &token, &rid, "南江镇小微企业联合工会", "joint_union").await;
    let mid = member["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{rid}/move"),
            &token,
            "\"1\"",
            &json!({ "parent_id": to }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["parent_id"].as_str(), Some(to.as_str()));
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let under_to = app
        .all_pages(&format!("/api/v1/organisations?subtree_of={to}"), &token)
        .await;
    assert!(
        under_to.iter().any(|o| o["id"] == mid.as_str()),
        "the grandchild moved with its parent"
    );
    let under_from = app
        .all_pages(&format!("/api/v1/organisations?subtree_of={from}"), &token)
        .await;
    assert!(!under_from
        .iter()
        .any(|o| o["id"] == mid.as_str() || o["id"] == rid.as_str()));
    let crumbs = app
        .get(&format!("/api/v1/organisations/{mid}/ancestors"), &token)
        .await;
    let names: Vec<&str> = crumbs.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|o| o["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "南江县总工会",
            "沙河镇工会",
            "南江镇区域性工会联合会",
            "南江镇小微企业联合工会"
        ]
    );
    let (m, _) = app.org(&mid, &token).await;
    assert_eq!(m["depth"].as_i64(), Some(6));
    // Into its own subtree: refused.
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{rid}/move"),
            &token,
            "\"2\"",
            &json!({ "parent_id": mid }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "organisation_move_into_descendant")
    );
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{rid}/move"),
            &token,
            "\"2\"",
            &json!({ "parent_id": rid }),
        )
        .await;
    assert_eq!(r.code(), "organisation_move_into_descendant");
    // Under a parent kind that does not fit: refused.
    let point = app.org_id("南江镇维权工作点").await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{rid}/move"),
            &token,
            "\"2\"",
            &json!({ "parent_id": point }),
        )
        .await;
    assert_eq!(r.code(), "organisation_kind_not_allowed");
    // Stale version: refused.
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{rid}/move"),
            &token,
            "\"1\"",
            &json!({ "parent_id": from }),
        )
        .await;
    assert_eq!(r.status, 412);
    let admin = app.login("demo-admin").await;
    let ev = app
        .get(
            &format!("/api/v1/audit-events?resource_id={rid}&action=organisation.move"),
            &admin,
        )
        .await;
    assert_eq!(
        ev.body["items"][0]["changes"]["subtree_size"].as_i64(),
        Some(2),
        "{}",
        ev.text
    );
}

async fn children_ancestors_and_tree_describe_the_hierarchy(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let nanjiang = app.org_id("南江县总工会").await;
    let kids = app
        .all_pages(
            &format!("/api/v1/organisations/{nanjiang}/children?limit=5"),
            &token,
        )
        .await;
    assert_eq!(
        kids.len(),
        16,
        "2 townships, 2 legal stations, 12 rights points"
    );
    let town = kids
        .iter()
        .find(|k| k["name"] == "南江镇工会")
        .cloned()
        .unwrap_or_default();
    assert_eq!(town["has_children"], json!(true));
    let point = kids
        .iter()
        .find(|k| k["name"] == "南江镇维权工作点")
        .cloned()
        .unwrap_or_default();
    assert_eq!(point["has_children"], json!(false));
    let crumbs = app
        .get(
            &format!("/api/v1/organisations/{nanjiang}/ancestors"),
            &token,
        )
        .await;
    assert_eq!(
        crumbs.body["items"].as_array().map(Vec::len),
        Some(1),
        "nothing above one's own scope: {}",
        crumbs.text
    );
    let admin = app.login("demo-admin").await;
    let crumbs = app
        .get(
            &format!("/api/v1/organisations/{nanjiang}/ancestors"),
            &admin,
        )
        .await;
    let names: Vec<&str> = crumbs.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|o| o["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "中华全国总工会",
            "四川省总工会",
            "巴中市总工会",
            "南江县总工会"
        ]
    );
    let tree = app
        .get(
            &format!("/api/v1/organisations/{nanjiang}/tree?depth=2"),
            &token,
        )
        .await;
    assert_eq!(tree.status, 200, "{}", tree.text);
    assert_eq!(tree.body["truncated"], json!(false));
    let root = &tree.body["root"];
    assert_eq!(root["name"].as_str(), Some("南江县总工会"));
    let children = root["children"].as_array().cloned().unwrap_or_default();
    assert_eq!(children.len(), 16);
    let town = children
        .iter()
        .find(|c| c["name"] == "南江镇工会")
        .cloned()
        .unwrap_or_default();
    assert_eq!(town["children"].as_array().map(Vec::len), Some(3));
    let tree1 = app
        .get(
            &format!("/api/v1/organisations/{nanjiang}/tree?depth=1"),
            &token,
        )
        .await;
    let town1 = tree1.body["root"]["children"]
        .as_array()
        .and_then(|c| c.iter().find(|x| x["name"] == "南江镇工会").cloned())
        .unwrap_or_default();
    assert_eq!(
        (
            town1["children"].as_array().map(Vec::len),
            town1["has_children"].clone()
        ),
        (Some(0), json!(true))
    );
    let r = app
        .get(
            &format!("/api/v1/organisations/{nanjiang}/tree?depth=9"),
            &token,
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["depth".to_owned()]));
}

async fn roles_narrow_what_a_caller_may_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let officer = app.login("nanjiang-officer").await;
    let (_, etag) = app.org(&union, &officer).await;
    let r = app
        .patch(
            &format!("/api/v1/organisations/{union}"),
            &officer,
            &etag,
            &json!({ "chair_name": "李芳" }),
        )
        .await;
    assert_eq!(
        r.status, 200,
        "a union officer keeps the union's own profile: {}",
        r.text
    );
    let r = app
        .post(
            "/api/v1/organisations",
            &officer,
            &json!({ "parent_id": union, "name": "x", "kind": "enterprise_union" }),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "forbidden"));
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{union}/archive"),
            &officer,
            "\"2\"",
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 403);
    let county = app.org_id("南江县总工会").await;
    assert_eq!(
        app.get(&format!("/api/v1/organisations/{county}"), &officer)
            .await
            .status,
        404,
        "the officer's scope is the union"
    );
    let member = app.login("nanjiang-member").await;
    let (m, metag) = app.org(&union, &member).await;
    assert_eq!(m["chair_name"].as_str(), Some("李芳"));
    let r = app
        .patch(
            &format!("/api/v1/organisations/{union}"),
            &member,
            &metag,
            &json!({ "chair_name": "x" }),
        )
        .await;
    assert_eq!(r.status, 403);
    let adviser = app.login("nanjiang-adviser").await;
    assert_eq!(app.get("/api/v1/organisations", &adviser).await.status, 200);
    assert_eq!(app.get("/api/v1/accounts", &adviser).await.status, 403);
}

async fn members_and_integrations_see_chair_contacts_masked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let (_, etag) = app.org(&union, &staff).await;
    let r = app
        .patch(
            &format!("/api/v1/organisations/{union}"),
            &staff,
            &etag,
            &json!({ "chair_contact": "13800138000" }),
        )
        .await;
    assert_eq!(r.body["chair_contact"].as_str(), Some("13800138000"));
    let member = app.login("nanjiang-member").await;
    let (m, _) = app.org(&union, &member).await;
    assert_eq!(m["chair_contact"].as_str(), Some("138****8000"));
}

both!(
    create_returns_201_with_location_etag_and_an_audit_event,
    create_validates_every_field_and_reports_them_together,
    placement_rules_are_enforced,
    list_filters_by_parent_subtree_kind_division_name_and_status,
    update_needs_if_match_and_refuses_stale_versions,
    archive_refuses_active_children_and_restore_needs_an_active_parent,
    move_carries_the_whole_subtree_and_refuses_cycles,
    children_ancestors_and_tree_describe_the_hierarchy,
    roles_narrow_what_a_caller_may_change,
    members_and_integrations_see_chair_contacts_masked,
);
