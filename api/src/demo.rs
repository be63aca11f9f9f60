//! Demo data: the federations, unions and points the seed articles name, with fictional people.
//! Loading is idempotent: an organisation is matched by parent and name, an account by username.

use diesel::prelude::*;

use crate::auth::scopes::Permission;
use crate::auth::{passwords, Role};
use crate::cli::create_account;
use crate::config::Settings;
use crate::db::models::{accounts, audit_events, organisations};
use crate::db::schema::organisations as o;
use crate::db::DbConn;
use crate::domain::organisation::{OrgKind, Ownership};
use crate::domain::CreditCode;

/// Prints a line; a closed pipe (`gonghui demo | head`) is not an error worth a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// One demo organisation and what sits below it.
struct Node {
    name: &'static str,
    kind: OrgKind,
    division: Option<&'static str>,
    employer: Option<(Ownership, &'static str, i32, i32)>,
    children: Vec<Node>,
}

fn n(name: &'static str, kind: OrgKind, division: &'static str, children: Vec<Node>) -> Node {
    Node {
        name,
        kind,
        division: Some(division),
        employer: None,
        children,
    }
}

fn employer(
    name: &'static str,
    division: &'static str,
    ownership: Ownership,
    industry: &'static str,
    staff: i32,
    women: i32,
) -> Node {
    Node {
        name,
        kind: OrgKind::EnterpriseUnion,
        division: Some(division),
        employer: Some((ownership, industry, staff, women)),
        children: vec![],
    }
}

fn leaf(name: &'static str, kind: OrgKind, division: &'static str) -> Node {
    n(name, kind, division, vec![])
}

fn tree() -> Vec<Node> {
    use OrgKind::*;
    use Ownership::*;
    let nanjiang_points: Vec<Node> = [
        "南江镇",
        "沙河镇",
        "长赤镇",
        "正直镇",
        "大河镇",
        "下两镇",
        "赶场镇",
        "杨坝镇",
        "关坝镇",
        "红光镇",
        "元潭镇",
        "光雾山镇",
    ]
    .iter()
    .map(|t| Node {
        name: Box::leak(format!("{t}维权工作点").into_boxed_str()),
        kind: RightsPoint,
        division: Some("511922"),
        employer: None,
        children: vec![],
    })
    .collect();
    let mut nanjiang_children = vec![
        n(
            "南江镇工会",
            TownshipUnion,
            "511922",
            vec![
                employer(
                    "四川光雾山米业有限公司工会",
                    "511922",
                    NonPublic,
                    "粮食加工",
                    180,
                    76,
                ),
                employer(
                    "南江县南慧建材有限公司工会",
                    "511922",
                    NonPublic,
                    "建材",
                    95,
                    12,
                ),
                leaf("南磷路社区工会", CommunityUnion, "511922"),
            ],
        ),
        n(
            "沙河镇工会",
            TownshipUnion,
            "511922",
            vec![
                leaf("石岭村工会", CommunityUnion, "511922"),
                leaf("长滩村工会", CommunityUnion, "511922"),
            ],
        ),
        leaf("南江县总工会驻西安农民工法律服务站", LegalStation, "610100"),
        leaf("南江县总工会驻青岛农民工法律服务站", LegalStation, "370200"),
    ];
    nanjiang_children.extend(nanjiang_points);
    vec![
        n(
            "湖南省总工会",
            ProvincialFederation,
            "430000",
            vec![n(
                "湘西土家族苗族自治州总工会",
                CityFederation,
                "433100",
                vec![n(
                    "花垣县总工会",
                    CountyFederation,
                    "433124",
                    vec![
                        n(
                            "花垣镇工会",
                            TownshipUnion,
                            "433124",
                            vec![
                                employer(
                                    "湖南三立集团股份有限公司工会",
                                    "433124",
                                    NonPublic,
                                    "有色金属冶炼",
                                    860,
                                    210,
                                ),
                                employer(
                                    "花垣强桦矿业有限责任公司工会",
                                    "433124",
                                    NonPublic,
                                    "采矿",
                                    420,
                                    58,
                                ),
                                employer(
                                    "湖南东方锰业集团工会",
                                    "433124",
                                    NonPublic,
                                    "锰业",
                                    640,
                                    120,
                                ),
                            ],
                        ),
                        n(
                            "吉卫镇工会",
                            TownshipUnion,
                            "433124",
                            vec![leaf("腊乙村工会", CommunityUnion, "433124")],
                        ),
                    ],
                )],
            )],
        ),
        n(
            "四川省总工会",
            ProvincialFederation,
            "510000",
            vec![n(
                "巴中市总工会",
                CityFederation,
                "511900",
                vec![n(
                    "南江县总工会",
                    CountyFederation,
                    "511922",
                    nanjiang_children,
                )],
            )],
        ),
        n(
            "贵州省总工会",
            ProvincialFederation,
            "520000",
            vec![n(
                "六盘水市总工会",
                CityFederation,
                "520200",
                vec![
                    leaf("盘州市总工会", CountyFederation, "520281"),
                    leaf("六枝特区总工会", CountyFederation, "520203"),
                    leaf("水城县总工会", CountyFederation, "520221"),
                    leaf("钟山区总工会", CountyFederation, "520201"),
                ],
            )],
        ),
        n(
            "甘肃省总工会",
            ProvincialFederation,
            "620000",
            vec![n(
                "天水市总工会",
                CityFederation,
                "620500",
                vec![
                    n(
                        "甘谷县总工会",
                        CountyFederation,
                        "620523",
                        vec![n(
                            "礼辛镇工会",
                            TownshipUnion,
                            "620523",
                            vec![leaf("石岘村工会", CommunityUnion, "620523")],
                        )],
                    ),
                    employer(
                        "天水长城开关厂有限公司工会",
                        "620502",
                        StateOwned,
                        "电气机械",
                        1500,
                        420,
                    ),
                    employer(
                        "天水锻压机床（集团）有限公司工会",
                        "620503",
                        StateOwned,
                        "装备制造",
                        1100,
                        230,
                    ),
                    employer(
                        "天水红山试验机有限公司工会",
                        "620502",
                        StateOwned,
                        "仪器仪表",
                        380,
                        90,
                    ),
                    employer(
                        "天水华荣铸造机械有限公司工会",
                        "620503",
                        NonPublic,
                        "铸造机械",
                        260,
                        40,
                    ),
                ],
            )],
        ),
        n(
            "河南省总工会",
            ProvincialFederation,
            "410000",
            vec![n(
                "新乡市总工会",
                CityFederation,
                "410700",
                vec![leaf("新乡县总工会", CountyFederation, "410721")],
            )],
        ),
    ]
}

/// Demo accounts: username, display name, role, home organisation name, scopes.
const ACCOUNTS: &[(&str, &str, Role, &str, &[Permission])] = &[
    ("demo-admin", "演示管理员", Role::Admin, "", &[]),
    (
        "nanjiang-staff",
        "南江县总工会 张明",
        Role::FederationStaff,
        "南江县总工会",
        &[],
    ),
    (
        "nanjiang-officer",
        "光雾山米业工会 李芳",
        Role::UnionOfficer,
        "四川光雾山米业有限公司工会",
        &[],
    ),
    (
        "nanjiang-adviser",
        "南江镇维权工作点 王律师",
        Role::LegalAdviser,
        "南江镇维权工作点",
        &[],
    ),
    (
        "nanjiang-member",
        "会员 赵强",
        Role::Member,
        "四川光雾山米业有限公司工会",
        &[],
    ),
    (
        "huayuan-staff",
        "花垣县总工会 石琳",
        Role::FederationStaff,
        "花垣县总工会",
        &[],
    ),
    (
        "liupanshui-staff",
        "六盘水市总工会 陈静",
        Role::FederationStaff,
        "六盘水市总工会",
        &[],
    ),
    (
        "demo-integration",
        "人社数据同步",
        Role::Integration,
        "南江县总工会",
        &[Permission::OrganisationsRead],
    ),
];

/// Demo members: union, name, birth date, sequence (odd = male), hukou division, migrant worker, mobile.
const MEMBERS: &[(&str, &str, &str, u32, &str, bool, &str)] = &[
    (
        "四川光雾山米业有限公司工会",
        "赵强",
        "19860412",
        135,
        "511922",
        false,
        "13908270001",
    ),
    (
        "四川光雾山米业有限公司工会",
        "钱秀英",
        "19910723",
        242,
        "511922",
        false,
        "13908270002",
    ),
    (
        "四川光雾山米业有限公司工会",
        "孙建国",
        "19780105",
        311,
        "511922",
        false,
        "13908270003",
    ),
    (
        "四川光雾山米业有限公司工会",
        "李阳",
        "19930918",
        157,
        "512002",
        true,
        "13908270004",
    ),
    (
        "四川光雾山米业有限公司工会",
        "周丽",
        "19950302",
        268,
        "512002",
        true,
        "13908270005",
    ),
    (
        "南江县南慧建材有限公司工会",
        "吴刚",
        "19820611",
        173,
        "511922",
        false,
        "13908270006",
    ),
    (
        "南江县南慧建材有限公司工会",
        "郑敏",
        "19891130",
        284,
        "511922",
        false,
        "13908270007",
    ),
    (
        "南江县南慧建材有限公司工会",
        "王磊",
        "19970814",
        395,
        "511922",
        true,
        "13908270008",
    ),
    (
        "南磷路社区工会",
        "冯桂兰",
        "19720220",
        426,
        "511922",
        false,
        "13908270009",
    ),
    (
        "湖南三立集团股份有限公司工会",
        "石光明",
        "19800516",
        517,
        "433124",
        false,
        "13974300001",
    ),
    (
        "湖南三立集团股份有限公司工会",
        "龙小梅",
        "19940127",
        628,
        "433124",
        false,
        "13974300002",
    ),
    (
        "花垣强桦矿业有限责任公司工会",
        "麻永福",
        "19850909",
        739,
        "433124",
        true,
        "13974300003",
    ),
];

/// Loads the demo members that are not there yet; returns how many were added.
fn insert_members(conn: &mut DbConn) -> Result<usize, String> {
    use crate::db::models::members;
    let mut added = 0;
    for (union, name, birth, seq, hukou, migrant, mobile) in MEMBERS {
        let Some(org) = find_by_name(conn, union).map_err(|e| e.to_string())? else {
            continue;
        };
        let first17 = format!("{hukou}{birth}{seq:03}");
        let Some(check) = crate::domain::id_number::check_char(first17.as_bytes()) else {
            continue;
        };
        let id_number = format!("{first17}{check}");
        if members::find_by_id_number(conn, &id_number)
            .map_err(|e| e.to_string())?
            .is_some()
        {
            continue;
        }
        let birth_date = chrono::NaiveDate::parse_from_str(birth, "%Y%m%d").ok();
        let joined = chrono::NaiveDate::from_ymd_opt(2016 + (seq % 8) as i32, 1 + seq % 12, 1);
        // The demo registers its members the way staff do: the same checks, history and audit entry.
        let body = crate::views::members::CreateMember {
            organisation_id: org.id.clone(),
            name: (*name).to_owned(),
            id_number,
            gender: Some(if seq % 2 == 1 { "male" } else { "female" }.to_owned()),
            birth_date,
            ethnicity: Some(if hukou.starts_with("43") { "15" } else { "01" }.to_owned()),
            mobile: Some((*mobile).to_owned()),
            education: Some("senior_secondary".to_owned()),
            political_status: Some("masses".to_owned()),
            hukou_type: Some(if *migrant { "agricultural" } else { "resident" }.to_owned()),
            hukou_division: Some((*hukou).to_owned()),
            employment_status: Some("employed".to_owned()),
            skill_level: None,
            migrant_worker: *migrant,
            new_form_employment: false,
            new_form_kind: None,
            dispatched: false,
            joined_on: joined,
        };
        let scope = crate::domain::organisation::subtree_range(&org.path);
        crate::db::write_transaction(conn, |c| {
            let changes = crate::views::members::validate(body.into(), None)?;
            crate::services::members::register(
                c,
                &org.id,
                &scope,
                changes,
                &audit_events::Actor::cli("demo"),
            )
            .map(|_| ())
        })
        .map_err(|e: crate::error::ApiError| format!("demo member {name}: {}", e.detail))?;
        added += 1;
    }
    Ok(added)
}

fn child_named(
    conn: &mut DbConn,
    parent: &str,
    name: &str,
) -> QueryResult<Option<organisations::OrganisationRow>> {
    o::table
        .filter(o::parent_id.eq(parent))
        .filter(o::name.eq(name))
        .select(organisations::OrganisationRow::as_select())
        .first(conn)
        .optional()
}

fn insert_tree(
    conn: &mut DbConn,
    parent: &organisations::OrganisationRow,
    node: &Node,
    seq: &mut u32,
    created: &mut u32,
) -> Result<(), crate::error::ApiError> {
    let row = match child_named(conn, &parent.id, node.name)? {
        Some(existing) => existing,
        None => {
            *seq += 1;
            // Created the way staff create one: the same field checks, placement rules and audit entry.
            let mut body = crate::views::organisations::CreateOrganisation {
                parent_id: parent.id.clone(),
                name: node.name.to_owned(),
                short_name: None,
                kind: node.kind,
                division_code: node.division.map(str::to_owned),
                address: None,
                credit_code: None,
                ownership: None,
                industry: None,
                headcount: None,
                women_headcount: None,
                founded_on: None,
                legal_person_certificate: None,
                chair_name: None,
                chair_contact: None,
            };
            if let Some((ownership, industry, headcount, women)) = node.employer {
                body.ownership = Some(ownership);
                body.industry = Some(industry.to_owned());
                body.headcount = Some(headcount);
                body.women_headcount = Some(women);
                // Fictional but valid credit codes: 91 (enterprise) + division + serial.
                body.credit_code = CreditCode::with_check(&format!(
                    "91{}MA{:07}",
                    node.division.unwrap_or("110000"),
                    *seq
                ));
                body.founded_on = chrono::NaiveDate::from_ymd_opt(2008, 5, 1);
            }
            let changes = crate::views::organisations::validate(body.into(), None)
                .map_err(|e| e.nested(node.name))?;
            let scope = crate::domain::organisation::subtree_range(&parent.path);
            let row = crate::services::organisations::create(
                conn,
                &audit_events::Actor::cli("demo"),
                &scope,
                &parent.id,
                node.kind,
                changes,
            )?;
            *created += 1;
            row
        }
    };
    for child in &node.children {
        insert_tree(conn, &row, child, seq, created)?;
    }
    Ok(())
}

fn find_node<'a>(nodes: &'a [Node], name: &str) -> Option<&'a Node> {
    nodes.iter().find_map(|n| {
        if n.name == name {
            Some(n)
        } else {
            find_node(&n.children, name)
        }
    })
}

fn find_by_name(
    conn: &mut DbConn,
    name: &str,
) -> QueryResult<Option<organisations::OrganisationRow>> {
    o::table
        .filter(o::name.eq(name))
        .select(organisations::OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// Loads the demo tree and accounts; prints the accounts (with passwords for new ones).
pub fn load(
    conn: &mut DbConn,
    settings: &Settings,
    shared_password: Option<&str>,
) -> Result<(), String> {
    let root = crate::cli::ensure_root(conn, "中华全国总工会", OrgKind::NationalFederation)?;
    let nodes = tree();
    // Under a national root the whole tree; under another root only the demo subtree of the same name.
    let top: Vec<&Node> = if root.kind == OrgKind::NationalFederation.as_str() {
        nodes.iter().collect()
    } else {
        let node = find_node(&nodes, &root.name).ok_or_else(|| {
            format!("the root organisation is {} ({}); demo data exists for 中华全国总工会 or one of the seeds' federations", root.name, root.kind)
        })?;
        node.children.iter().collect()
    };
    let mut created = 0;
    crate::db::write_transaction(conn, |c| {
        let mut seq = 0;
        for node in top {
            insert_tree(c, &root, node, &mut seq, &mut created)?;
        }
        Ok::<_, crate::error::ApiError>(())
    })
    .map_err(|e| format!("demo organisations: {} {:?}", e.detail, e.errors))?;
    say!("demo organisations: {created} created under {}", root.name);
    let members_added = insert_members(conn)?;
    say!("demo members: {members_added} added (fictional people)");
    say!(
        "{:<20} {:<18} {:<32} password",
        "username",
        "role",
        "organisation"
    );
    for (username, display, role, home, scopes) in ACCOUNTS {
        let home_row = if home.is_empty() {
            Some(root.clone())
        } else {
            find_by_name(conn, home).map_err(|e| e.to_string())?
        };
        let Some(home_row) = home_row else { continue };
        if accounts::find_by_username(conn, username)
            .map_err(|e| e.to_string())?
            .is_some()
        {
            say!(
                "{username:<20} {:<18} {:<32} (exists, unchanged)",
                role.as_str(),
                home_row.name
            );
            continue;
        }
        // A password given on stdin is not echoed back; generated ones are shown once.
        let (password, shown) = match shared_password {
            Some(p) => (p.to_owned(), "(the password from stdin)".to_owned()),
            None => {
                let p = format!("Gh-{}", hex::encode(rand::random::<[u8; 6]>()));
                (p.clone(), p)
            }
        };
        let hash = passwords::hash(&password, settings.argon2_memory_kib)?;
        let scope_text = crate::auth::scopes::format_scopes(scopes);
        create_account(
            conn,
            username,
            display,
            *role,
            &home_row.id,
            &hash,
            &scope_text,
        )?;
        say!(
            "{username:<20} {:<18} {:<32} {shown}",
            role.as_str(),
            home_row.name
        );
    }
    link_self_service(conn)?;
    let courses_added = insert_courses(conn)?;
    say!("demo courses: {courses_added} added (南江县总工会新市民学校)");
    Ok(())
}

/// Demo courses of 南江县总工会's 新市民学校 ("职工点菜、学校下单") and one open course request; idempotent by title.
fn insert_courses(conn: &mut DbConn) -> Result<usize, String> {
    use crate::db::models::courses::{self as courses_db, RequestRow};
    use crate::db::schema::{accounts as a, courses as c};
    use crate::services::courses as services;
    let err = |e: diesel::result::Error| e.to_string();
    let Some(owner) = find_by_name(conn, "南江县总工会").map_err(err)? else {
        return Ok(0);
    };
    let staff: Option<String> = a::table
        .filter(a::username.eq("nanjiang-staff"))
        .select(a::id)
        .first(conn)
        .optional()
        .map_err(err)?;
    let member: Option<String> = a::table
        .filter(a::username.eq("nanjiang-member"))
        .select(a::id)
        .first(conn)
        .optional()
        .map_err(err)?;
    let (Some(staff), Some(member)) = (staff, member) else {
        return Ok(0);
    };
    let now = crate::db::now();
    let today = crate::domain::today();
    let plans: [(
        &str,
        &str,
        crate::domain::course::CourseStatus,
        &str,
        i32,
        i32,
        usize,
    ); 2] = [
        (
            "家政服务员（月嫂）培训班",
            "maternity_care",
            crate::domain::course::CourseStatus::Open,
            "anyone",
            10,
            30,
            3,
        ),
        (
            "基层工会干部业务培训",
            "cadre",
            crate::domain::course::CourseStatus::Draft,
            "subtree_members",
            0,
            60,
            1,
        ),
    ];
    let mut added = 0;
    for (title, category, status, eligibility, min, max, sessions) in plans {
        let exists: bool = diesel::select(diesel::dsl::exists(
            c::table
                .filter(c::title.eq(title))
                .filter(c::organisation_id.eq(&owner.id)),
        ))
        .get_result(conn)
        .map_err(err)?;
        if exists {
            continue;
        }
        // The demo runs its courses the way staff do: a draft, its sessions, then publishing, each through
        // the course services (the same checks, audit entries and life cycle as users' courses).
        let body = crate::views::courses::CreateCourse {
            organisation_id: owner.id.clone(),
            title: title.to_owned(),
            category: category.to_owned(),
            description: "南江县总工会新市民学校：职工点菜、学校下单。结业考核合格者颁发结业证书。"
                .to_owned(),
            partner_organisation_id: None,
            partner_name: Some("南江县人力资源和社会保障局".to_owned()),
            venue: "南江县新市民学校".to_owned(),
            venue_address: "四川省巴中市南江县南江镇".to_owned(),
            venue_division: "511922".to_owned(),
            fee_fen: 0,
            min_places: min,
            max_places: max,
            enrol_opens_at: (now - chrono::Duration::days(3)).and_utc(),
            enrol_closes_at: (now + chrono::Duration::days(14)).and_utc(),
            eligibility: Some(eligibility.to_owned()),
            completion_percent: Some(80),
        };
        let scope = crate::domain::organisation::subtree_range(&owner.path);
        let actor = audit_events::Actor::cli("demo");
        let staff_may = |p: crate::auth::Permission| {
            crate::auth::Role::FederationStaff
                .permissions()
                .contains(&p)
        };
        crate::db::write_transaction(conn, |c| {
            let draft = services::create_draft(c, &scope, &actor, &staff, body, None, &staff_may)?;
            for i in 0..sessions {
                let new = services::NewSession {
                    date: today + chrono::Duration::days(20 + i as i64),
                    starts_at: chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default(),
                    ends_at: chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
                    venue: None,
                    teacher: "李老师".to_owned(),
                };
                services::add_session(c, &actor, &scope, &draft.id, new)?;
            }
            if status == crate::domain::course::CourseStatus::Open {
                let any = crate::http::etag::IfMatch::any();
                services::publish(c, &actor, &scope, &draft.id, &any, &staff_may)?;
            }
            Ok::<_, crate::error::ApiError>(())
        })
        .map_err(|e| format!("demo course {title}: {}", e.detail))?;
        added += 1;
    }
    if added > 0 {
        courses_db::insert_request(
            conn,
            &RequestRow {
                id: crate::db::new_id(),
                organisation_id: owner.id.clone(),
                category: Some("vocational".to_owned()),
                topic: "电工证培训".to_owned(),
                division: "511922".to_owned(),
                preferred_times: Some("周末".to_owned()),
                status: "open".to_owned(),
                supporters: 1,
                course_id: None,
                filed_by: member,
                version: 1,
                created_at: now,
            },
        )
        .map_err(err)?;
    }
    Ok(added)
}

/// The demo member account serves the demo member of the same name (self-service).
fn link_self_service(conn: &mut DbConn) -> Result<(), String> {
    use crate::db::schema::{accounts as a, members as m};
    let account: Option<String> = a::table
        .filter(a::username.eq("nanjiang-member"))
        .select(a::id)
        .first(conn)
        .optional()
        .map_err(|e| e.to_string())?;
    let member: Option<String> = m::table
        .filter(m::name.eq("赵强"))
        .select(m::id)
        .first(conn)
        .optional()
        .map_err(|e| e.to_string())?;
    if let (Some(account), Some(member)) = (account, member) {
        if accounts::linked_to(conn, &member)
            .map_err(|e| e.to_string())?
            .is_none()
        {
            accounts::link_if_unlinked(conn, &account, &member).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
