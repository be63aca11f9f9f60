//! Honours: several per member, validated against the code lists, removable with If-Match, and the
//! model-worker register of a subtree.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use reqwest::Method;
use serde_json::json;

async fn honours_are_recorded_listed_by_subtree_and_removed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={union}"), &staff)
        .await;
    let mid = members[0]["id"].as_str().unwrap_or_default().to_owned();
    let path = format!("/api/v1/members/{mid}/honours");
    let medal = json!({ "kind": "may_day_medal", "level": "national", "title": "全国五一劳动奖章", "awarded_on": "2012-04-28", "awarding_body": "中华全国总工会" });
    let r = app.post(&path, &staff, &medal).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let model = json!({ "kind": "model_worker", "level": "provincial", "title": "四川省劳动模范", "awarded_on": "2015-04-30", "awarding_body": "四川省人民政府" });
    let second = app.post(&path, &staff, &model).await;
    assert_eq!(second.status, 201);
    let list = app.get(&path, &staff).await;
    let titles: Vec<&str> = list.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|h| h["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        titles,
        ["四川省劳动模范", "全国五一劳动奖章"],
        "newest first"
    );
    for (body, field) in [
        (
            json!({ "kind": "hero", "level": "national", "title": "x", "awarded_on": "2012-01-01", "awarding_body": "x" }),
            "kind",
        ),
        (
            json!({ "kind": "model_worker", "level": "galactic", "title": "x", "awarded_on": "2012-01-01", "awarding_body": "x" }),
            "level",
        ),
        (
            json!({ "kind": "model_worker", "level": "city", "title": "", "awarded_on": "2012-01-01", "awarding_body": "x" }),
            "title",
        ),
        (
            json!({ "kind": "model_worker", "level": "city", "title": "x", "awarded_on": "2999-01-01", "awarding_body": "x" }),
            "awarded_on",
        ),
    ] {
        let r = app.post(&path, &staff, &body).await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec![field.to_owned()]),
            "{body}"
        );
    }
    // The model-worker register of 南江, and of a subtree without any.
    let register = app
        .all_pages("/api/v1/honours?kind=model_worker", &staff)
        .await;
    assert_eq!(register.len(), 1);
    assert_eq!(
        register[0]["organisation_name"].as_str(),
        Some("四川光雾山米业有限公司工会")
    );
    assert!(register[0]["member_name"].is_string());
    let other = app.org_id("南江县南慧建材有限公司工会").await;
    assert!(app
        .all_pages(&format!("/api/v1/honours?organisation_id={other}"), &staff)
        .await
        .is_empty());
    let r = app.get("/api/v1/honours?kind=hero", &staff).await;
    assert_eq!((r.status, r.fields()), (422, vec!["kind".to_owned()]));
    let huayuan = app.login("huayuan-staff").await;
    assert!(
        app.all_pages("/api/v1/honours", &huayuan).await.is_empty(),
        "outside the scope"
    );
    assert_eq!(app.get(&path, &huayuan).await.status, 404);
    // Removing one needs its version.
    let hid = second.body["id"].as_str().unwrap_or_default();
    let del = format!("{path}/{hid}");
    assert_eq!(
        app.send(app.request(Method::DELETE, &del, Some(&staff)))
            .await
            .status,
        428
    );
    assert_eq!(
        app.send(
            app.request(Method::DELETE, &del, Some(&huayuan))
                .header("if-match", "\"1\"")
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.send(
            app.request(Method::DELETE, &del, Some(&staff))
                .header("if-match", "\"1\"")
        )
        .await
        .status,
        204
    );
    assert_eq!(
        app.get(&path, &staff).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let admin = app.login("demo-admin").await;
    let ev = app
        .all_pages(&format!("/api/v1/audit-events?resource_id={mid}"), &admin)
        .await;
    let actions: Vec<&str> = ev.iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(
        actions.contains(&"member.honour_add") && actions.contains(&"member.honour_remove"),
        "{actions:?}"
    );
}

both!(honours_are_recorded_listed_by_subtree_and_removed);
