//! Training courses: the life cycle, enrolment with a first-come waitlist (also under a race of many
//! concurrent enrolments), promotion when a place frees, withdrawal rules, check-in codes and their expiry,
//! attendance and completion, certificates verified without logging in, cancellation notices, course
//! requests ranked by supporters, and scope isolation.

use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{join_all, Backend, Reply, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn id(seq: u32) -> String {
    let first17 = format!("511922199{}0101{:03}", seq % 10, seq % 1000);
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

fn person(n: u32) -> Value {
    json!({ "person": { "name": format!("学员{n}"), "id_number": id(n), "mobile": format!("137{:08}", n), "migrant_worker": true } })
}

fn in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339()
}

fn date_in(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8) + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn etag(v: &Value) -> String {
    format!("\"{}\"", v["version"].as_i64().unwrap_or_default())
}

/// A published course of 南江县总工会 with `sessions` sessions.
async fn open_course(
    app: &TestApp,
    token: &str,
    max: i32,
    eligibility: &str,
    sessions: usize,
) -> Value {
    let owner = app.org_id("南江县总工会").await;
    let r = app
        .post(
            "/api/v1/courses",
            token,
            &json!({
                "organisation_id": owner, "title": "月嫂（母婴护理）培训班", "category": "maternity_care",
                "description": "新市民学校：职工点菜、学校下单", "partner_name": "南江县就业局",
                "venue": "新市民学校", "venue_address": "南江县南江镇朝阳路 1 号", "venue_division": "511922",
                "fee_fen": 0, "min_places": 1, "max_places": max,
                "enrol_opens_at": in_days(-1), "enrol_closes_at": in_days(7),
                "eligibility": eligibility, "completion_percent": 50
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let cid = r.body["id"].as_str().unwrap_or_default().to_owned();
    for i in 0..sessions {
        let s = app
            .post(
                &format!("/api/v1/courses/{cid}/sessions"),
                token,
                &json!({ "date": date_in(10 + i as i64), "starts_at": "19:00", "ends_at": "21:00", "teacher": "王老师" }),
            )
            .await;
        assert_eq!(s.status, 201, "{}", s.text);
    }
    let course = app.get(&format!("/api/v1/courses/{cid}"), token).await;
    let p = app
        .post_if(
            &format!("/api/v1/courses/{cid}/publish"),
            token,
            &etag(&course.body["course"]),
            &json!({}),
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.text);
    p.body
}

async fn enrol(app: &TestApp, cid: &str, token: &str, body: &Value) -> Reply {
    app.post(&format!("/api/v1/courses/{cid}/enrolments"), token, body)
        .await
}

async fn withdraw(app: &TestApp, cid: &str, eid: &str, token: &str) -> Reply {
    app.send(app.request(
        Method::DELETE,
        &format!("/api/v1/courses/{cid}/enrolments/{eid}"),
        Some(token),
    ))
    .await
}

async fn course_state(app: &TestApp, cid: &str, token: &str) -> Value {
    app.get(&format!("/api/v1/courses/{cid}"), token).await.body["course"].clone()
}

async fn a_course_is_drafted_checked_scheduled_and_published(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let owner = app.org_id("南江县总工会").await;
    let good = json!({
        "organisation_id": owner, "title": "叉车操作培训", "category": "vocational", "venue": "南江县职业中学",
        "venue_address": "南江县光雾山大道 8 号", "venue_division": "511922", "max_places": 30, "min_places": 10,
        "enrol_opens_at": in_days(-1), "enrol_closes_at": in_days(10)
    });
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    for (body, field) in [
        (with("title", json!("")), "title"),
        (with("category", json!("cooking")), "category"),
        (with("venue_division", json!("51192")), "venue_division"),
        (with("max_places", json!(10_001)), "max_places"),
        (with("min_places", json!(31)), "min_places"),
        (with("fee_fen", json!(-5)), "fee_fen"),
        (
            with("enrol_closes_at", json!(in_days(-2))),
            "enrol_closes_at",
        ),
        (with("eligibility", json!("everyone")), "eligibility"),
        (with("completion_percent", json!(0)), "completion_percent"),
    ] {
        let r = app.post("/api/v1/courses", &staff, &body).await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec![field.to_owned()]),
            "{body}"
        );
    }
    let r = app
        .post(
            "/api/v1/courses",
            &staff,
            &with("organisation_id", json!(app.org_id("花垣县总工会").await)),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()]),
        "outside the scope"
    );
    let partner = app.org_id("花垣县总工会").await;
    let r = app
        .post(
            "/api/v1/courses",
            &staff,
            &with("partner_organisation_id", json!(partner)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let d = app
        .get(
            &format!(
                "/api/v1/courses/{}",
                r.body["id"].as_str().unwrap_or_default()
            ),
            &staff,
        )
        .await;
    assert_eq!(
        d.body["partner_organisation_name"], "花垣县总工会",
        "a partner outside the scope, named"
    );
    assert_eq!(
        (
            r.body["status"].as_str(),
            r.body["eligibility"].as_str(),
            r.body["completion_percent"].as_i64()
        ),
        (Some("draft"), Some("subtree_members"), Some(80))
    );
    // A draft without sessions may be edited or cancelled, not published.
    assert_eq!(
        r.body["allowed_actions"],
        json!(["update", "edit_sessions", "cancel"]),
        "{}",
        r.text
    );
    let cid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/publish"),
            &staff,
            &etag(&r.body),
            &json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "course_not_actionable"),
        "no sessions yet"
    );
    let sessions = format!("/api/v1/courses/{cid}/sessions");
    let r = app.post(&sessions, &staff, &json!({ "date": date_in(20), "starts_at": "21:00", "ends_at": "19:00", "teacher": "李师傅" })).await;
    assert_eq!((r.status, r.fields()), (422, vec!["ends_at".to_owned()]));
    let r = app.post(&sessions, &staff, &json!({ "date": date_in(20), "starts_at": "7pm", "ends_at": "21:00", "teacher": "李师傅" })).await;
    assert_eq!((r.status, r.fields()), (422, vec!["starts_at".to_owned()]));
    for (d, t) in [(21, "08:30"), (20, "19:00")] {
        let r = app.post(&sessions, &staff, &json!({ "date": date_in(d), "starts_at": t, "ends_at": "22:00", "teacher": "李师傅" })).await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let detail = app.get(&format!("/api/v1/courses/{cid}"), &staff).await;
    let dates: Vec<&str> = detail.body["sessions"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["date"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(dates, [date_in(20), date_in(21)], "in time order");
    assert_eq!(
        detail.body["course"]["allowed_actions"],
        json!(["update", "edit_sessions", "publish", "cancel"]),
        "with a session, publishing is offered"
    );
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/publish"),
            &staff,
            &detail.header("etag").unwrap_or_default(),
            &json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (200, Some("open")),
        "{}",
        r.text
    );
    assert_eq!(
        r.body["allowed_actions"],
        json!(["update", "edit_sessions", "start", "cancel", "enrol"])
    );
    // The audit entry of the step records the status change in the shape of every audited change.
    let entry = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use gonghui_api::db::schema::audit_events as e;
            e::table
                .filter(e::action.eq("course.publish"))
                .filter(e::resource_id.eq(cid.clone()))
                .select(e::changes)
                .first::<String>(c)
        })
        .await;
    let entry: Value = serde_json::from_str(&entry.unwrap_or_default()).unwrap_or_default();
    assert_eq!(entry["status"], json!({ "from": "draft", "to": "open" }));
    let cid = r.body["id"].as_str().unwrap_or_default().to_owned();
    // The catalogue: by status and title; other federations see nothing.
    assert_eq!(
        app.all_pages("/api/v1/courses?status=open&q=叉车", &staff)
            .await
            .len(),
        1
    );
    assert!(app
        .all_pages("/api/v1/courses?status=draft&q=叉车", &staff)
        .await
        .is_empty());
    let huayuan = app.login("huayuan-staff").await;
    assert!(app.all_pages("/api/v1/courses", &huayuan).await.is_empty());
    assert_eq!(
        app.get(&format!("/api/v1/courses/{cid}"), &huayuan)
            .await
            .status,
        404
    );
    assert_eq!(enrol(&app, &cid, &huayuan, &person(1)).await.status, 404);
    // An adviser reads courses of their own point's scope only and runs none.
    let adviser = app.login("nanjiang-adviser").await;
    assert_eq!(
        app.get(&format!("/api/v1/courses/{cid}"), &adviser)
            .await
            .status,
        404
    );
    assert_eq!(
        app.post("/api/v1/courses", &adviser, &good).await.status,
        403
    );
    let r = app.get("/api/v1/courses?status=someday", &staff).await;
    assert_eq!((r.status, r.fields()), (422, vec!["status".to_owned()]));
}

async fn the_waitlist_fills_in_order_and_moves_up_when_a_place_frees(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let course = open_course(&app, &staff, 2, "anyone", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    let mut ids = Vec::new();
    for n in 1..=4 {
        let r = enrol(&app, &cid, &staff, &person(n)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert!(!r.text.contains(&id(n)), "ID numbers masked");
        ids.push((
            r.body["id"].as_str().unwrap_or_default().to_owned(),
            r.body["status"].as_str().unwrap_or_default().to_owned(),
            r.body["waitlist_position"].as_i64(),
        ));
    }
    assert_eq!(
        ids.iter()
            .map(|(_, s, p)| (s.as_str(), *p))
            .collect::<Vec<_>>(),
        [
            ("enrolled", None),
            ("enrolled", None),
            ("waitlisted", Some(1)),
            ("waitlisted", Some(2))
        ]
    );
    let now = course_state(&app, &cid, &staff).await;
    assert_eq!(now["status"], "full");
    assert_eq!(
        now["version"], course["version"],
        "enrolments do not disturb staff editing the course"
    );
    let r = enrol(&app, &cid, &staff, &person(3)).await;
    assert_eq!(
        (r.status, r.code()),
        (409, "enrolment_exists"),
        "enrolling twice"
    );
    // The second enrolled withdraws: the first waitlisted moves up at once and is told.
    let r = withdraw(&app, &cid, &ids[1].0, &staff).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["enrolment"]["status"], "removed");
    assert_eq!(
        r.body["promoted"][0]["id"].as_str(),
        Some(ids[2].0.as_str())
    );
    let list = app
        .get(&format!("/api/v1/courses/{cid}/enrolments"), &staff)
        .await;
    // Staff may remove whoever still holds or waits for a place, and nobody else.
    for e in list.body["items"].as_array().cloned().unwrap_or_default() {
        let live = matches!(e["status"].as_str(), Some("enrolled" | "waitlisted"));
        let expected = if live { json!(["remove"]) } else { json!([]) };
        assert_eq!(e["allowed_actions"], expected, "{e}");
    }
    let lines: Vec<(String, Option<i64>)> = list.body["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["name"].as_str().unwrap_or_default().to_owned(),
                        e["waitlist_position"].as_i64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        lines,
        [
            ("学员1".to_owned(), None),
            ("学员3".to_owned(), None),
            ("学员4".to_owned(), Some(1)),
            ("学员2".to_owned(), None)
        ]
    );
    let notices = app
        .get(&format!("/api/v1/courses/{cid}/notices"), &staff)
        .await;
    assert_eq!(notices.body["items"][0]["kind"], "waitlist_promoted");
    assert_eq!(
        notices.body["items"][0]["enrolment_id"].as_str(),
        Some(ids[2].0.as_str())
    );
    // Withdrawing a waitlisted person frees no place; withdrawing twice is refused.
    let r = withdraw(&app, &cid, &ids[3].0, &staff).await;
    assert_eq!(
        (r.status, r.body["promoted"].as_array().map(Vec::len)),
        (200, Some(0))
    );
    assert_eq!(withdraw(&app, &cid, &ids[3].0, &staff).await.status, 409);
    // More places move the waitlist up too; once the course starts nobody withdraws.
    let r = enrol(&app, &cid, &staff, &person(5)).await;
    assert_eq!(r.body["status"], "waitlisted");
    let c = course_state(&app, &cid, &staff).await;
    let r = app
        .patch(
            &format!("/api/v1/courses/{cid}"),
            &staff,
            &etag(&c),
            &json!({ "max_places": 3 }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["enrolled_count"].as_i64(), r.body["status"].as_str()),
        (Some(3), Some("full"))
    );
    let r = app
        .patch(
            &format!("/api/v1/courses/{cid}"),
            &staff,
            &etag(&r.body),
            &json!({ "max_places": 2 }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["max_places".to_owned()]),
        "not below those enrolled"
    );
    let c = course_state(&app, &cid, &staff).await;
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/start"),
            &staff,
            &etag(&c),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = withdraw(&app, &cid, &ids[0].0, &staff).await;
    assert_eq!((r.status, r.code()), (409, "course_started"));
    let r = enrol(&app, &cid, &staff, &person(6)).await;
    assert_eq!((r.status, r.code()), (409, "course_not_actionable"));
}

async fn concurrent_enrolments_never_oversell_and_the_waitlist_keeps_arrival_order(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let course = open_course(&app, &staff, 3, "anyone", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    let replies = join_all((100..124).map(|n| {
        let (app, staff, cid) = (&app, &staff, &cid);
        async move { enrol(app, cid, staff, &person(n)).await }
    }))
    .await;
    assert!(
        replies.iter().all(|r| r.status == 201),
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.text.clone()))
            .find(|r| r.0 != 201)
    );
    let list = app
        .get(&format!("/api/v1/courses/{cid}/enrolments"), &staff)
        .await;
    let items = list.body["items"].as_array().cloned().unwrap_or_default();
    let enrolled: Vec<&Value> = items.iter().filter(|e| e["status"] == "enrolled").collect();
    let waitlisted: Vec<&Value> = items
        .iter()
        .filter(|e| e["status"] == "waitlisted")
        .collect();
    assert_eq!((enrolled.len(), waitlisted.len()), (3, 21));
    assert_eq!(course_state(&app, &cid, &staff).await["enrolled_count"], 3);
    // Places went to the first three arrivals; the waitlist is in arrival order with positions 1..21.
    let arrival = |e: &&Value| e["arrival"].as_i64().unwrap_or_default();
    let last_enrolled = enrolled.iter().map(arrival).max().unwrap_or_default();
    assert!(waitlisted.iter().all(|w| arrival(w) > last_enrolled));
    let arrivals: Vec<i64> = waitlisted.iter().map(arrival).collect();
    assert!(arrivals.windows(2).all(|w| w[0] < w[1]), "{arrivals:?}");
    let positions: Vec<i64> = waitlisted
        .iter()
        .filter_map(|w| w["waitlist_position"].as_i64())
        .collect();
    assert_eq!(positions, (1..=21).collect::<Vec<_>>());
    // What each client was told matches: the three enrolled answers are the three first arrivals.
    let told_enrolled = replies
        .iter()
        .filter(|r| r.body["status"] == "enrolled")
        .count();
    assert_eq!(told_enrolled, 3);
    // Racing withdrawals of the enrolled promote exactly the first three of the waitlist.
    let ids: Vec<String> = enrolled
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect();
    let outs = join_all(ids.iter().map(|eid| {
        let (app, staff, cid) = (&app, &staff, &cid);
        async move { withdraw(app, cid, eid, staff).await }
    }))
    .await;
    assert!(
        outs.iter().all(|r| r.status == 200),
        "{:?}",
        outs.iter().map(|r| r.text.clone()).collect::<Vec<_>>()
    );
    let list = app
        .get(&format!("/api/v1/courses/{cid}/enrolments"), &staff)
        .await;
    let now_enrolled: Vec<i64> = list.body["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| e["status"] == "enrolled")
                .filter_map(|e| e["arrival"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(now_enrolled, arrivals[..3].to_vec());
}

async fn members_enrol_themselves_check_in_and_completers_get_verifiable_certificates(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let me = app.login("nanjiang-member").await;
    let course = open_course(&app, &staff, 10, "subtree_members", 2).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    // The member sees the course of their county and enrols; a non-member is not eligible here.
    let mine = app.all_pages("/api/v1/me/courses", &me).await;
    assert!(mine.iter().any(|c| c["id"] == cid.as_str()));
    let mine = app.get(&format!("/api/v1/me/courses/{cid}"), &me).await;
    assert_eq!(
        mine.body["sessions"].as_array().map(Vec::len),
        Some(2),
        "{}",
        mine.text
    );
    let staff_view = app.get(&format!("/api/v1/me/courses/{cid}"), &staff).await;
    assert_eq!(staff_view.status, 403, "self-service only");
    let r = enrol(&app, &cid, &me, &json!({})).await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (201, Some("enrolled")),
        "{}",
        r.text
    );
    let my_eid = r.body["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        enrol(&app, &cid, &me, &json!({})).await.code(),
        "enrolment_exists"
    );
    let r = enrol(&app, &cid, &me, &person(7)).await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["person".to_owned()]),
        "a member enrols as themself"
    );
    let r = enrol(&app, &cid, &staff, &person(8)).await;
    assert_eq!((r.status, r.code()), (409, "course_not_eligible"));
    let other = enrol(
        &app,
        &cid,
        &staff,
        &json!({ "member_id": app.all_pages("/api/v1/members?q=李", &staff).await[0]["id"] }),
    )
    .await;
    assert_eq!(other.status, 201, "{}", other.text);
    let other_eid = other.body["id"].as_str().unwrap_or_default().to_owned();
    let mine = app.get("/api/v1/me/enrolments", &me).await;
    assert_eq!(
        mine.body["items"][0]["course_title"],
        "月嫂（母婴护理）培训班"
    );
    assert_eq!(
        mine.body["items"][0]["enrolment"]["allowed_actions"],
        json!(["withdraw"]),
        "a worker withdraws their own enrolment before the course begins"
    );
    assert_eq!(
        app.get(&format!("/api/v1/courses/{cid}/enrolments"), &me)
            .await
            .status,
        403,
        "nobody else's enrolments"
    );
    // Check-in: the code on the screen works once it is shown; a wrong one does not.
    let detail = app.get(&format!("/api/v1/courses/{cid}"), &staff).await;
    let s1 = detail.body["sessions"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let s2 = detail.body["sessions"][1]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let code = app
        .get(
            &format!("/api/v1/courses/{cid}/sessions/{s1}/checkin-code"),
            &staff,
        )
        .await;
    assert_eq!(code.status, 200, "{}", code.text);
    let shown = code.body["code"].as_str().unwrap_or_default().to_owned();
    assert_eq!(shown.len(), 6);
    assert_eq!(
        app.get(
            &format!("/api/v1/courses/{cid}/sessions/{s1}/checkin-code"),
            &me
        )
        .await
        .status,
        403
    );
    let checkin = format!("/api/v1/courses/{cid}/sessions/{s1}/checkin");
    let wrong = if shown == "000000" {
        "111111"
    } else {
        "000000"
    };
    let r = app.post(&checkin, &me, &json!({ "code": wrong })).await;
    assert_eq!((r.status, r.fields()), (422, vec!["code".to_owned()]));
    let r = app.post(&checkin, &me, &json!({ "code": shown })).await;
    assert_eq!(
        (
            r.status,
            r.body["status"].as_str(),
            r.body["method"].as_str()
        ),
        (200, Some("present"), Some("code")),
        "{}",
        r.text
    );
    // Staff mark the rest by hand, with an audit event.
    let mark = |s: &str, e: &str| format!("/api/v1/courses/{cid}/sessions/{s}/attendance/{e}");
    let put = |path: String, status: &str| {
        let body = json!({ "status": status });
        let (app, staff) = (&app, &staff);
        async move {
            app.send(app.request(Method::PUT, &path, Some(staff)).json(&body))
                .await
        }
    };
    assert_eq!(put(mark(&s2, &my_eid), "late").await.status, 200);
    assert_eq!(put(mark(&s1, &other_eid), "absent").await.status, 200);
    assert_eq!(put(mark(&s2, &other_eid), "excused").await.status, 200);
    assert_eq!(put(mark(&s2, &other_eid), "sleeping").await.status, 422);
    let sheet = app
        .get(&format!("/api/v1/courses/{cid}/attendance"), &staff)
        .await;
    let lines = sheet.body["lines"].as_array().cloned().unwrap_or_default();
    let line = |eid: &str| {
        lines
            .iter()
            .find(|l| l["enrolment_id"] == eid)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        (
            line(&my_eid)["attended"].as_i64(),
            line(&my_eid)["completes"].as_bool()
        ),
        (Some(2), Some(true))
    );
    assert_eq!(
        (
            line(&other_eid)["attended"].as_i64(),
            line(&other_eid)["completes"].as_bool()
        ),
        (Some(0), Some(false))
    );
    // Finishing issues certificates to completers only.
    let c = course_state(&app, &cid, &staff).await;
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/finish"),
            &staff,
            &etag(&c),
            &json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "course_not_actionable"),
        "start it first"
    );
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/start"),
            &staff,
            &etag(&c),
            &json!({}),
        )
        .await;
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/finish"),
            &staff,
            &etag(&r.body),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let certs = r.body["certificates"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(certs.len(), 1);
    assert_eq!(certs[0]["holder_name"], "赵强");
    let code = certs[0]["code"].as_str().unwrap_or_default().to_owned();
    assert!(code.starts_with("GHC-") && code.len() == 18, "{code}");
    // Anyone verifies it without logging in, seeing only what a verifier needs.
    let verify = |c: &str| {
        app.send(app.request(
            Method::GET,
            &format!("/api/v1/certificates/{c}/verify"),
            None,
        ))
    };
    let r = verify(&code).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (
            r.body["holder_name"].as_str(),
            r.body["course_title"].as_str(),
            r.body["organisation_name"].as_str(),
            r.body["status"].as_str()
        ),
        (
            Some("赵*"),
            Some("月嫂（母婴护理）培训班"),
            Some("南江县总工会"),
            Some("valid")
        )
    );
    assert!(r.body.get("id_number").is_none() && r.body.get("enrolment_id").is_none());
    assert_eq!(
        verify(&code.to_lowercase().replace('-', "")).await.status,
        200,
        "typed loosely"
    );
    let mut typo: Vec<char> = code.chars().collect();
    typo[6] = if typo[6] == '7' { '8' } else { '7' };
    assert_eq!(
        verify(&typo.into_iter().collect::<String>()).await.status,
        404
    );
    assert_eq!(verify("nonsense").await.code(), "not_found");
    let huayuan = app.login("huayuan-staff").await;
    let r = app
        .post(
            &format!("/api/v1/certificates/{code}/revoke"),
            &huayuan,
            &json!({ "reason": "x" }),
        )
        .await;
    assert_eq!(r.status, 404, "outside the scope");
    let r = app
        .post(
            &format!("/api/v1/certificates/{code}/revoke"),
            &staff,
            &json!({ "reason": "冒名顶替" }),
        )
        .await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (200, Some("revoked")),
        "{}",
        r.text
    );
    assert_eq!(verify(&code).await.body["status"], "revoked");
    assert_eq!(
        app.get(&format!("/api/v1/courses/{cid}/certificates"), &staff)
            .await
            .body["items"][0]["status"],
        "revoked"
    );
}

async fn a_checkin_code_expires_after_its_window(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.checkin_window_seconds = 1).await;
    let staff = app.login("nanjiang-staff").await;
    let me = app.login("nanjiang-member").await;
    let course = open_course(&app, &staff, 5, "subtree_members", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(enrol(&app, &cid, &me, &json!({})).await.status, 201);
    let sid = app
        .get(&format!("/api/v1/courses/{cid}"), &staff)
        .await
        .body["sessions"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let code = app
        .get(
            &format!("/api/v1/courses/{cid}/sessions/{sid}/checkin-code"),
            &staff,
        )
        .await;
    assert_eq!(code.body["window_seconds"], 1);
    let shown = code.body["code"].as_str().unwrap_or_default().to_owned();
    // Two windows later the code is no longer accepted (unless, rarely, the new code happens to match).
    tokio::time::sleep(std::time::Duration::from_millis(2_200)).await;
    let now = app
        .get(
            &format!("/api/v1/courses/{cid}/sessions/{sid}/checkin-code"),
            &staff,
        )
        .await
        .body["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if now != shown {
        let r = app
            .post(
                &format!("/api/v1/courses/{cid}/sessions/{sid}/checkin"),
                &me,
                &json!({ "code": shown }),
            )
            .await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec!["code".to_owned()]),
            "{}",
            r.text
        );
    }
    let r = app
        .post(
            &format!("/api/v1/courses/{cid}/sessions/{sid}/checkin"),
            &me,
            &json!({ "code": now }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

async fn cancelling_tells_everyone_enrolled_and_waitlisted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let me = app.login("nanjiang-member").await;
    let course = open_course(&app, &staff, 1, "subtree_members", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        enrol(&app, &cid, &me, &json!({})).await.body["status"],
        "enrolled"
    );
    let member = app.all_pages("/api/v1/members?q=李", &staff).await[0]["id"].clone();
    assert_eq!(
        enrol(&app, &cid, &staff, &json!({ "member_id": member }))
            .await
            .body["status"],
        "waitlisted"
    );
    let c = course_state(&app, &cid, &staff).await;
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/cancel"),
            &staff,
            &etag(&c),
            &json!({ "reason": "" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["reason".to_owned()]));
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/cancel"),
            &staff,
            &etag(&c),
            &json!({ "reason": "授课老师临时有事" }),
        )
        .await;
    assert_eq!(
        (
            r.status,
            r.body["status"].as_str(),
            r.body["enrolled_count"].as_i64()
        ),
        (200, Some("cancelled"), Some(0)),
        "{}",
        r.text
    );
    let notices = app
        .get(&format!("/api/v1/courses/{cid}/notices"), &staff)
        .await;
    let kinds: Vec<&str> = notices.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["course_cancelled", "course_cancelled"]);
    let mine = app.get("/api/v1/me/notices", &me).await;
    assert!(
        mine.body["items"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("授课老师临时有事")),
        "{}",
        mine.text
    );
    let list = app
        .get(&format!("/api/v1/courses/{cid}/enrolments"), &staff)
        .await;
    assert!(list.body["items"]
        .as_array()
        .is_some_and(|a| a.iter().all(|e| e["status"] == "cancelled")));
    let r = app
        .post_if(
            &format!("/api/v1/courses/{cid}/cancel"),
            &staff,
            &etag(&r.body),
            &json!({ "reason": "again" }),
        )
        .await;
    assert_eq!(r.status, 409);
}

async fn workers_order_courses_and_supporters_hear_when_one_opens(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let member = app.login("nanjiang-member").await;
    let officer = app.login("nanjiang-officer").await;
    let r = app.post("/api/v1/course-requests", &member, &json!({ "category": "driving", "topic": "叉车证培训", "division": "511922", "preferred_times": "周末" })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (
            r.body["supporters"].as_i64(),
            r.body["supported_by_me"].as_bool()
        ),
        (Some(1), Some(true))
    );
    let rid = r.body["id"].as_str().unwrap_or_default().to_owned();
    let r = app
        .post(
            "/api/v1/course-requests",
            &officer,
            &json!({ "topic": "叉车证培训", "division": "511922" }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "course_request_exists"),
        "support it instead"
    );
    let r = app
        .post(
            "/api/v1/course-requests",
            &officer,
            &json!({ "topic": "电工证", "division": "5119" }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["division".to_owned()]));
    assert_eq!(
        app.post(
            "/api/v1/course-requests",
            &officer,
            &json!({ "topic": "电工证", "division": "511922" })
        )
        .await
        .status,
        201
    );
    let support = format!("/api/v1/course-requests/{rid}/support");
    let r = app.post(&support, &officer, &json!({})).await;
    assert_eq!(
        (r.status, r.body["supporters"].as_i64()),
        (200, Some(2)),
        "{}",
        r.text
    );
    assert_eq!(
        app.post(&support, &officer, &json!({})).await.code(),
        "course_request_supported"
    );
    assert_eq!(app.post(&support, &staff, &json!({})).await.status, 200);
    // The board, most supported first; other federations do not see it.
    let board = app
        .all_pages("/api/v1/course-requests?division=5119", &staff)
        .await;
    let topics: Vec<&str> = board.iter().filter_map(|r| r["topic"].as_str()).collect();
    assert_eq!(
        topics,
        ["叉车证培训", "电工证培训", "电工证"],
        "most supported, then oldest (the demo's request first)"
    );
    assert_eq!(board[0]["supporters"], 3);
    let huayuan = app.login("huayuan-staff").await;
    assert!(app
        .all_pages("/api/v1/course-requests", &huayuan)
        .await
        .is_empty());
    assert_eq!(app.post(&support, &huayuan, &json!({})).await.status, 404);
    let theirs = app.org_id("花垣县总工会").await;
    let r = app
        .post(
            &format!("/api/v1/course-requests/{rid}/course"),
            &huayuan,
            &json!({ "organisation_id": theirs, "title": "叉车证", "category": "driving", "venue": "x", "venue_address": "x", "venue_division": "433124", "max_places": 5, "enrol_opens_at": in_days(-1), "enrol_closes_at": in_days(3) }),
        )
        .await;
    assert_eq!(
        r.status, 404,
        "another federation cannot schedule 南江's request: {}",
        r.text
    );
    // Staff turn it into a course; publishing tells the supporters.
    let owner = app.org_id("南江县总工会").await;
    let r = app
        .post(
            &format!("/api/v1/course-requests/{rid}/course"),
            &staff,
            &json!({ "organisation_id": owner, "title": "叉车证培训班", "category": "driving", "venue": "南江县驾校", "venue_address": "南江县东榆镇", "venue_division": "511922", "max_places": 20, "enrol_opens_at": in_days(-1), "enrol_closes_at": in_days(14), "eligibility": "anyone" }),
        )
        .await;
    assert_eq!(
        (r.status, r.body["request_id"].as_str()),
        (201, Some(rid.as_str())),
        "{}",
        r.text
    );
    let cid = r.body["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        app.post(
            &format!("/api/v1/course-requests/{rid}/course"),
            &staff,
            &json!({})
        )
        .await
        .status,
        422
    );
    let board = app
        .all_pages("/api/v1/course-requests?status=scheduled", &staff)
        .await;
    assert_eq!(board[0]["course_id"].as_str(), Some(cid.as_str()));
    app.post(&format!("/api/v1/courses/{cid}/sessions"), &staff, &json!({ "date": date_in(30), "starts_at": "09:00", "ends_at": "17:00", "teacher": "驾校教练" })).await;
    let c = app.get(&format!("/api/v1/courses/{cid}"), &staff).await;
    assert_eq!(
        app.post_if(
            &format!("/api/v1/courses/{cid}/publish"),
            &staff,
            &c.header("etag").unwrap_or_default(),
            &json!({})
        )
        .await
        .status,
        200
    );
    for token in [&member, &officer] {
        let n = app.get("/api/v1/me/notices", token).await;
        assert_eq!(
            n.body["items"][0]["kind"], "request_scheduled",
            "{}",
            n.text
        );
    }
}

async fn one_enrolment_withdrawn_at_once_from_many_clients_is_withdrawn_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let course = open_course(&app, &staff, 1, "anyone", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    let first = enrol(&app, &cid, &staff, &person(31)).await;
    assert_eq!(
        enrol(&app, &cid, &staff, &person(32)).await.body["status"],
        "waitlisted"
    );
    let eid = first.body["id"].as_str().unwrap_or_default().to_owned();
    let outs = join_all((0..8).map(|_| {
        let (app, staff, cid, eid) = (&app, &staff, &cid, &eid);
        async move { withdraw(app, cid, eid, staff).await }
    }))
    .await;
    let statuses: Vec<u16> = outs.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        7,
        "{statuses:?}"
    );
    let promoted: usize = outs
        .iter()
        .map(|r| r.body["promoted"].as_array().map(Vec::len).unwrap_or(0))
        .sum();
    assert_eq!(promoted, 1);
    let admin = app.login("demo-admin").await;
    let events = app
        .all_pages(
            &format!("/api/v1/audit-events?resource_id={cid}&action=course.withdraw"),
            &admin,
        )
        .await;
    assert_eq!(events.len(), 1, "one withdrawal, one audit event");
}

async fn every_course_endpoint_answers_404_outside_the_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let course = open_course(&app, &staff, 5, "anyone", 1).await;
    let cid = course["id"].as_str().unwrap_or_default().to_owned();
    let e = enrol(&app, &cid, &staff, &person(41)).await;
    let eid = e.body["id"].as_str().unwrap_or_default().to_owned();
    let detail = app.get(&format!("/api/v1/courses/{cid}"), &staff).await;
    let sid = detail.body["sessions"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let outsider = app.login("huayuan-staff").await;
    let etag = etag(&detail.body["course"]);
    let c = format!("/api/v1/courses/{cid}");
    let gets = [
        c.clone(),
        format!("{c}/enrolments"),
        format!("{c}/attendance"),
        format!("{c}/certificates"),
        format!("{c}/notices"),
        format!("{c}/sessions/{sid}/checkin-code"),
    ];
    for path in &gets {
        assert_eq!(app.get(path, &outsider).await.status, 404, "GET {path}");
    }
    for action in ["publish", "start", "finish"] {
        let r = app
            .post_if(&format!("{c}/{action}"), &outsider, &etag, &json!({}))
            .await;
        assert_eq!(r.status, 404, "{action}");
    }
    let r = app
        .post_if(
            &format!("{c}/cancel"),
            &outsider,
            &etag,
            &json!({ "reason": "x" }),
        )
        .await;
    assert_eq!(r.status, 404, "cancel");
    assert_eq!(
        app.patch(&c, &outsider, &etag, &json!({ "title": "x" }))
            .await
            .status,
        404
    );
    let r = app.post(&format!("{c}/sessions"), &outsider, &json!({ "date": date_in(40), "starts_at": "09:00", "ends_at": "10:00", "teacher": "x" })).await;
    assert_eq!(r.status, 404, "add session");
    let r = app
        .send(app.request(
            Method::DELETE,
            &format!("{c}/sessions/{sid}"),
            Some(&outsider),
        ))
        .await;
    assert_eq!(r.status, 404, "delete session");
    assert_eq!(enrol(&app, &cid, &outsider, &person(42)).await.status, 404);
    assert_eq!(withdraw(&app, &cid, &eid, &outsider).await.status, 404);
    let r = app
        .send(
            app.request(
                Method::PUT,
                &format!("{c}/sessions/{sid}/attendance/{eid}"),
                Some(&outsider),
            )
            .json(&json!({ "status": "present" })),
        )
        .await;
    assert_eq!(r.status, 404, "mark");
    // Nothing changed for the owner.
    let after = app.get(&c, &staff).await;
    assert_eq!(after.body["course"]["status"], "open");
    assert_eq!(after.body["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(after.body["course"]["enrolled_count"], 1);
}

both!(
    every_course_endpoint_answers_404_outside_the_scope,
    one_enrolment_withdrawn_at_once_from_many_clients_is_withdrawn_once,
    a_course_is_drafted_checked_scheduled_and_published,
    the_waitlist_fills_in_order_and_moves_up_when_a_place_frees,
    concurrent_enrolments_never_oversell_and_the_waitlist_keeps_arrival_order,
    members_enrol_themselves_check_in_and_completers_get_verifiable_certificates,
    a_checkin_code_expires_after_its_window,
    cancelling_tells_everyone_enrolled_and_waitlisted,
    workers_order_courses_and_supporters_hear_when_one_opens,
);
