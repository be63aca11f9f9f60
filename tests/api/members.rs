//! The member registry: validation of ID numbers and codes, uniqueness across the deployment, masking and
//! audited reveals, search and filters, updates, history, and scope isolation.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{join_all, Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

/// A valid ID number for a division, birth date and sequence.
fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

async fn register(
    app: &TestApp,
    token: &str,
    union: &str,
    name: &str,
    id_number: &str,
    extra: Value,
) -> Value {
    let mut body = json!({ "organisation_id": union, "name": name, "id_number": id_number });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = app.post("/api/v1/members", token, &body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

async fn create_derives_gender_and_birth_masks_numbers_and_records_the_join(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let number = id("512002", "19900315", 123); // 17th digit 3: male
    let m = register(
        &app,
        &token,
        &union,
        "测试会员甲",
        &number.to_lowercase(),
        json!({ "mobile": "+86 139 0827 1234", "ethnicity": "01", "hukou_type": "agricultural", "hukou_division": "512000", "migrant_worker": true, "joined_on": "2020-05-01" }),
    )
    .await;
    assert_eq!(m["gender"].as_str(), Some("male"));
    assert_eq!(m["birth_date"].as_str(), Some("1990-03-15"));
    assert_eq!(
        m["id_number"].as_str(),
        Some(format!("{}**********{}", &number[..4], &number[14..]).as_str())
    );
    assert_eq!(m["mobile"].as_str(), Some("139****1234"));
    assert_eq!(
        m["organisation_name"].as_str(),
        Some("四川光雾山米业有限公司工会")
    );
    assert_eq!(m["status"].as_str(), Some("active"));
    let mid = m["id"].as_str().unwrap_or_default();
    let h = app
        .get(&format!("/api/v1/members/{mid}/history"), &token)
        .await;
    assert_eq!(
        h.body["items"][0]["change"].as_str(),
        Some("join"),
        "{}",
        h.text
    );
    assert_eq!(
        h.body["items"][0]["effective_on"].as_str(),
        Some("2020-05-01")
    );
    let admin = app.login("demo-admin").await;
    let ev = app
        .get(&format!("/api/v1/audit-events?resource_id={mid}"), &admin)
        .await;
    assert_eq!(
        ev.body["items"][0]["action"].as_str(),
        Some("member.create")
    );
    assert!(
        !ev.text.contains(&number) && !ev.text.contains("13908271234"),
        "no full numbers in the audit log: {}",
        ev.text
    );
}

async fn invalid_members_get_a_422_naming_each_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let good = id("511922", "19850101", 100); // even: female
    let mut bad_check = good.clone();
    let last = bad_check
        .pop()
        .map(|c| if c == '0' { '1' } else { '0' })
        .unwrap_or('0');
    bad_check.push(last);
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({ "id_number": bad_check }),
            "id_number",
            "invalid_checksum",
        ),
        (
            json!({ "id_number": "5119221985010110" }),
            "id_number",
            "invalid_format",
        ),
        (
            json!({ "id_number": id("511922", "19850230", 100) }),
            "id_number",
            "invalid_value",
        ),
        (
            json!({ "id_number": good, "birth_date": "1985-01-02" }),
            "birth_date",
            "invalid_value",
        ),
        (
            json!({ "id_number": good, "gender": "male" }),
            "gender",
            "invalid_value",
        ),
        (
            json!({ "id_number": good, "mobile": "12345678901" }),
            "mobile",
            "invalid_format",
        ),
        (
            json!({ "id_number": good, "mobile": "0827-8821234" }),
            "mobile",
            "invalid_format",
        ),
        (
            json!({ "id_number": good, "ethnicity": "99" }),
            "ethnicity",
            "invalid_value",
        ),
        (
            json!({ "id_number": good, "education": "phd" }),
            "education",
            "invalid_value",
        ),
        (
            json!({ "id_number": good, "hukou_division": "5120" }),
            "hukou_division",
            "invalid_format",
        ),
        (
            json!({ "id_number": good, "new_form_kind": "courier" }),
            "new_form_kind",
            "not_allowed",
        ),
        (
            json!({ "id_number": good, "joined_on": "2999-01-01" }),
            "joined_on",
            "out_of_range",
        ),
        (
            json!({ "id_number": good, "joined_on": "1980-01-01" }),
            "joined_on",
            "out_of_range",
        ),
        (json!({ "id_number": good, "name": "" }), "name", "required"),
    ];
    for (extra, field, code) in cases {
        let mut body = json!({ "organisation_id": union, "name": "某某" });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let r = app.post("/api/v1/members", &token, &body).await;
        assert_eq!(r.status, 422, "{extra}: {}", r.text);
        let got = r.body["errors"]
            .as_array()
            .and_then(|a| a.iter().find(|e| e["field"] == field))
            .cloned()
            .unwrap_or_default();
        assert_eq!(got["code"].as_str(), Some(code), "{extra}: {}", r.text);
    }
    // Members belong to unions, not to federations or service points.
    let county = app.org_id("南江县总工会").await;
    let r = app
        .post(
            "/api/v1/members",
            &token,
            &json!({ "organisation_id": county, "name": "某某", "id_number": good }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    // The standard's own examples are valid.
    for (n, example) in ["11010519491231002X", "440524188001010014"]
        .iter()
        .enumerate()
    {
        register(
            &app,
            &token,
            &union,
            &format!("标准样例{n}"),
            example,
            json!({}),
        )
        .await;
    }
}

async fn a_person_is_registered_once_across_the_deployment(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let number = id("512002", "19880808", 555);
    register(&app, &staff, &union, "李某", &number, json!({})).await;
    let other = app.org_id("南江县南慧建材有限公司工会").await;
    let r = app
        .post(
            "/api/v1/members",
            &staff,
            &json!({ "organisation_id": other, "name": "李某", "id_number": number }),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "member_exists"));
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("四川光雾山米业有限公司工会"),
        "visible: say where: {}",
        r.text
    );
    let huayuan = app.login("huayuan-staff").await;
    let hy_union = app.org_id("湖南三立集团股份有限公司工会").await;
    let r = app
        .post(
            "/api/v1/members",
            &huayuan,
            &json!({ "organisation_id": hy_union, "name": "李某", "id_number": number }),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "member_exists"));
    assert!(
        !r.text.contains("光雾山"),
        "another federation learns only that the person is registered: {}",
        r.text
    );
    // Concurrent registrations of one new person: exactly one wins.
    let fresh = id("512002", "19950101", 777);
    let attempts = (0..6).map(|i| {
        let (app, staff, union, fresh) = (&app, &staff, &union, &fresh);
        async move { app.post("/api/v1/members", staff, &json!({ "organisation_id": union, "name": format!("并发{i}"), "id_number": fresh })).await }
    });
    let replies = join_all(attempts).await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let exists = replies
        .iter()
        .filter(|r| r.status == 409 && r.code() == "member_exists")
        .count();
    assert_eq!(
        (created, exists),
        (1, 5),
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.text.clone()))
            .collect::<Vec<_>>()
    );
}

async fn reveal_shows_full_numbers_and_is_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.login("nanjiang-officer").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let number = id("511922", "19790606", 246);
    let m = register(
        &app,
        &officer,
        &union,
        "王某",
        &number,
        json!({ "mobile": "13800138000" }),
    )
    .await;
    let mid = m["id"].as_str().unwrap_or_default();
    // Nothing but reveal shows the full numbers.
    for path in [
        format!("/api/v1/members/{mid}"),
        "/api/v1/members".to_owned(),
        format!("/api/v1/members?id_number={number}"),
    ] {
        let r = app.get(&path, &officer).await;
        assert_eq!(r.status, 200);
        assert!(
            !r.text.contains(&number) && !r.text.contains("13800138000"),
            "{path}: {}",
            r.text
        );
    }
    let r = app
        .send(app.request(
            Method::POST,
            &format!("/api/v1/members/{mid}/reveal"),
            Some(&officer),
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["id_number"].as_str(), r.body["mobile"].as_str()),
        (Some(number.as_str()), Some("13800138000"))
    );
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    let admin = app.login("demo-admin").await;
    let ev = app
        .get(
            &format!("/api/v1/audit-events?resource_id={mid}&action=member.reveal"),
            &admin,
        )
        .await;
    let items = ev.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{}", ev.text);
    assert_eq!(
        items[0]["actor_username"].as_str(),
        Some("nanjiang-officer")
    );
    // A retried reveal is a new, audited reveal: its answer is never stored for replay.
    let with_key = || {
        app.request(
            Method::POST,
            &format!("/api/v1/members/{mid}/reveal"),
            Some(&officer),
        )
        .header("idempotency-key", "reveal-1")
    };
    let first = app.send(with_key()).await;
    let second = app.send(with_key()).await;
    assert_eq!((first.status, second.status), (200, 200));
    assert!(second.header("idempotent-replayed").is_none());
    let admin_again = app
        .get(
            &format!("/api/v1/audit-events?resource_id={mid}&action=member.reveal"),
            &admin,
        )
        .await;
    assert_eq!(admin_again.body["items"].as_array().map(Vec::len), Some(3));
    let adviser = app.login("nanjiang-adviser").await;
    let r = app
        .send(app.request(
            Method::POST,
            &format!("/api/v1/members/{mid}/reveal"),
            Some(&adviser),
        ))
        .await;
    assert_eq!(r.status, 403);
}

async fn search_filters_by_name_id_suffix_mobile_union_flags_and_dates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    // A township of its own, so the demo members stay out of the expectations.
    let county = app.org_id("南江县总工会").await;
    let mut made = Vec::new();
    for (parent, name, kind) in [
        (county.clone(), "测试镇工会", "township_union"),
        (String::new(), "测试米业工会", "enterprise_union"),
        (String::new(), "测试建材工会", "enterprise_union"),
    ] {
        let parent = if parent.is_empty() {
            made.first().cloned().unwrap_or_default()
        } else {
            parent
        };
        let r = app
            .post(
                "/api/v1/organisations",
                &staff,
                &json!({ "parent_id": parent, "name": name, "kind": kind }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        made.push(r.body["id"].as_str().unwrap_or_default().to_owned());
    }
    let (town, rice, build) = (made[0].clone(), made[1].clone(), made[2].clone());
    let a = id("512002", "19900101", 11);
    let b = id("511922", "19920202", 22);
    let c = id("511922", "19930303", 33);
    register(
        &app,
        &staff,
        &rice,
        "赵甲",
        &a,
        json!({ "migrant_worker": true, "mobile": "13900000001", "joined_on": "2019-01-01" }),
    )
    .await;
    register(&app, &staff, &rice, "钱乙", &b, json!({ "new_form_employment": true, "new_form_kind": "delivery_rider", "joined_on": "2021-06-01" })).await;
    register(
        &app,
        &staff,
        &build,
        "孙丙",
        &c,
        json!({ "dispatched": true, "joined_on": "2023-03-01" }),
    )
    .await;
    let names = |items: Vec<Value>| {
        let mut n: Vec<String> = items
            .iter()
            .filter_map(|m| m["name"].as_str().map(str::to_owned))
            .collect();
        n.sort();
        n
    };
    let q = |s: &str| format!("/api/v1/members?organisation_id={town}&{s}");
    let by_union = |u: &str| format!("/api/v1/members?organisation_id={u}");
    assert_eq!(
        names(app.all_pages(&q("q=%E4%B9%99"), &staff).await),
        ["钱乙"]
    ); // 乙
    assert_eq!(
        names(
            app.all_pages(&q(&format!("id_suffix={}", &b[14..])), &staff)
                .await
        ),
        ["钱乙"]
    );
    assert_eq!(
        names(
            app.all_pages(&q(&format!("id_suffix={}", &c[10..])), &staff)
                .await
        ),
        ["孙丙"]
    );
    assert_eq!(
        names(app.all_pages(&q(&format!("id_number={a}")), &staff).await),
        ["赵甲"]
    );
    assert_eq!(
        names(
            app.all_pages(&q("mobile=%2B86%20139-0000-0001"), &staff)
                .await
        ),
        ["赵甲"]
    );
    assert_eq!(
        names(app.all_pages(&by_union(&rice), &staff).await),
        ["赵甲", "钱乙"]
    );
    assert!(
        app.all_pages("/api/v1/members", &staff).await.len() > 3,
        "the demo members are there too"
    );
    assert_eq!(
        names(app.all_pages(&by_union(&town), &staff).await),
        ["孙丙", "赵甲", "钱乙"],
        "a union's subtree"
    );
    assert_eq!(
        names(app.all_pages(&q("migrant_worker=true"), &staff).await),
        ["赵甲"]
    );
    assert_eq!(
        names(app.all_pages(&q("new_form_employment=true"), &staff).await),
        ["钱乙"]
    );
    assert_eq!(
        names(app.all_pages(&q("dispatched=true"), &staff).await),
        ["孙丙"]
    );
    assert_eq!(
        names(
            app.all_pages(&q("joined_from=2020-01-01&joined_to=2022-12-31"), &staff)
                .await
        ),
        ["钱乙"]
    );
    let r = app.get(&q("id_suffix=12"), &staff).await;
    assert_eq!((r.status, r.fields()), (422, vec!["id_suffix".to_owned()]));
    let paged = app.all_pages(&q("limit=1"), &staff).await;
    assert_eq!(paged.len(), 3);
}

async fn members_outside_the_scope_do_not_exist(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let m = register(
        &app,
        &staff,
        &union,
        "周某",
        &id("511922", "19870707", 71),
        json!({}),
    )
    .await;
    let mid = m["id"].as_str().unwrap_or_default();
    let huayuan = app.login("huayuan-staff").await;
    for path in [
        format!("/api/v1/members/{mid}"),
        format!("/api/v1/members/{mid}/history"),
    ] {
        assert_eq!(app.get(&path, &huayuan).await.status, 404, "{path}");
    }
    assert_eq!(
        app.patch(
            &format!("/api/v1/members/{mid}"),
            &huayuan,
            "\"1\"",
            &json!({ "name": "x" })
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.send(app.request(
            Method::POST,
            &format!("/api/v1/members/{mid}/reveal"),
            Some(&huayuan)
        ))
        .await
        .status,
        404
    );
    assert!(app
        .all_pages("/api/v1/members", &huayuan)
        .await
        .iter()
        .all(|m| m["id"] != mid));
    let r = app.post("/api/v1/members", &huayuan, &json!({ "organisation_id": union, "name": "x", "id_number": id("511922", "19870707", 72) })).await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    // An officer's scope is the union itself.
    let officer = app.login("nanjiang-officer").await;
    let other = app.org_id("南江县南慧建材有限公司工会").await;
    let o = register(
        &app,
        &staff,
        &other,
        "吴某",
        &id("511922", "19860606", 61),
        json!({}),
    )
    .await;
    assert_eq!(
        app.get(
            &format!("/api/v1/members/{}", o["id"].as_str().unwrap_or_default()),
            &officer
        )
        .await
        .status,
        404
    );
    // Roles without member permissions get 403.
    let member = app.login("nanjiang-member").await;
    assert_eq!(app.get("/api/v1/members", &member).await.status, 403);
}

async fn updates_need_if_match_and_keep_the_id_number_consistent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let m = register(
        &app,
        &staff,
        &union,
        "郑某",
        &id("511922", "19840404", 41),
        json!({}),
    )
    .await;
    let mid = m["id"].as_str().unwrap_or_default().to_owned();
    let path = format!("/api/v1/members/{mid}");
    let r = app
        .send(
            app.request(Method::PATCH, &path, Some(&staff))
                .json(&json!({ "name": "x" })),
        )
        .await;
    assert_eq!(r.status, 428);
    let r = app
        .patch(
            &path,
            &staff,
            "\"1\"",
            &json!({ "birth_date": "1984-04-05" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["birth_date".to_owned()]));
    // Correcting a mistyped ID number brings the derived fields along.
    let corrected = id("511922", "19840414", 42);
    let r = app
        .patch(
            &path,
            &staff,
            "\"1\"",
            &json!({ "id_number": corrected, "education": "bachelor", "mobile": null }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["birth_date"].as_str(), r.body["gender"].as_str()),
        (Some("1984-04-14"), Some("female"))
    );
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let r = app
        .patch(&path, &staff, "\"1\"", &json!({ "name": "stale" }))
        .await;
    assert_eq!(r.status, 412);
    let other = register(
        &app,
        &staff,
        &union,
        "冯某",
        &id("511922", "19830303", 31),
        json!({}),
    )
    .await;
    let r = app
        .patch(
            &path,
            &staff,
            "\"2\"",
            &json!({ "id_number": id("511922", "19830303", 31) }),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "member_exists"), "{}", r.text);
    assert!(other["id"].is_string());
    let r = app
        .patch(&path, &staff, "\"2\"", &json!({ "organisation_id": union }))
        .await;
    assert_eq!(
        r.fields(),
        vec!["organisation_id"],
        "moving a member is a transfer, not an edit"
    );
}

async fn code_lists_are_served_in_both_languages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-member").await;
    let r = app.get("/api/v1/code-lists", &token).await;
    assert_eq!(r.status, 200);
    let names: Vec<&str> = r.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|l| l["name"].as_str()).collect())
        .unwrap_or_default();
    for expected in [
        "ethnicities",
        "education-levels",
        "political-statuses",
        "hukou-types",
        "employment-statuses",
        "skill-levels",
        "new-form-employment-kinds",
        "membership-statuses",
        "membership-change-reasons",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    let r = app.get("/api/v1/code-lists/ethnicities", &token).await;
    assert_eq!(r.body["items"].as_array().map(Vec::len), Some(58));
    assert_eq!(
        r.body["items"][14],
        json!({ "code": "15", "zh": "土家族", "en": "Tujia" })
    );
    assert_eq!(app.get("/api/v1/code-lists/nope", &token).await.status, 404);
}

both!(
    create_derives_gender_and_birth_masks_numbers_and_records_the_join,
    invalid_members_get_a_422_naming_each_field,
    a_person_is_registered_once_across_the_deployment,
    reveal_shows_full_numbers_and_is_audited,
    search_filters_by_name_id_suffix_mobile_union_flags_and_dates,
    members_outside_the_scope_do_not_exist,
    updates_need_if_match_and_keep_the_id_number_consistent,
    code_lists_are_served_in_both_languages,
);
