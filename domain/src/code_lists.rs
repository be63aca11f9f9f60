//! The code lists members are described with, in Chinese and English, served by `GET /api/v1/code-lists`
//! so that no client hard-codes them. Codes are what the API stores and accepts.

/// One entry: the stored code, the Chinese and the English label.
pub type Entry = (&'static str, &'static str, &'static str);

/// A named list.
#[derive(Debug)]
pub struct CodeList {
    /// Its name in the URL.
    pub name: &'static str,
    /// What it is for.
    pub description: &'static str,
    /// The entries, in display order.
    pub entries: &'static [Entry],
}

impl CodeList {
    /// Whether a code belongs to the list.
    pub fn contains(&self, code: &str) -> bool {
        self.entries.iter().any(|(c, _, _)| *c == code)
    }
}

/// Gender.
pub const GENDERS: CodeList = CodeList {
    name: "genders",
    description: "Gender (性别)",
    entries: &[("male", "男", "Male"), ("female", "女", "Female")],
};

/// The 56 recognised ethnic groups with the GB 3304 codes, and the two residual codes.
pub const ETHNICITIES: CodeList = CodeList {
    name: "ethnicities",
    description: "Ethnic group (民族), GB 3304 codes",
    entries: &[
        ("01", "汉族", "Han"),
        ("02", "蒙古族", "Mongol"),
        ("03", "回族", "Hui"),
        ("04", "藏族", "Tibetan"),
        ("05", "维吾尔族", "Uyghur"),
        ("06", "苗族", "Miao"),
        ("07", "彝族", "Yi"),
        ("08", "壮族", "Zhuang"),
        ("09", "布依族", "Bouyei"),
        ("10", "朝鲜族", "Korean"),
        ("11", "满族", "Manchu"),
        ("12", "侗族", "Dong"),
        ("13", "瑶族", "Yao"),
        ("14", "白族", "Bai"),
        ("15", "土家族", "Tujia"),
        ("16", "哈尼族", "Hani"),
        ("17", "哈萨克族", "Kazakh"),
        ("18", "傣族", "Dai"),
        ("19", "黎族", "Li"),
        ("20", "傈僳族", "Lisu"),
        ("21", "佤族", "Va"),
        ("22", "畲族", "She"),
        ("23", "高山族", "Gaoshan"),
        ("24", "拉祜族", "Lahu"),
        ("25", "水族", "Shui"),
        ("26", "东乡族", "Dongxiang"),
        ("27", "纳西族", "Naxi"),
        ("28", "景颇族", "Jingpo"),
        ("29", "柯尔克孜族", "Kyrgyz"),
        ("30", "土族", "Tu"),
        ("31", "达斡尔族", "Daur"),
        ("32", "仫佬族", "Mulao"),
        ("33", "羌族", "Qiang"),
        ("34", "布朗族", "Blang"),
        ("35", "撒拉族", "Salar"),
        ("36", "毛南族", "Maonan"),
        ("37", "仡佬族", "Gelao"),
        ("38", "锡伯族", "Xibe"),
        ("39", "阿昌族", "Achang"),
        ("40", "普米族", "Pumi"),
        ("41", "塔吉克族", "Tajik"),
        ("42", "怒族", "Nu"),
        ("43", "乌孜别克族", "Uzbek"),
        ("44", "俄罗斯族", "Russian"),
        ("45", "鄂温克族", "Evenki"),
        ("46", "德昂族", "De'ang"),
        ("47", "保安族", "Bonan"),
        ("48", "裕固族", "Yugur"),
        ("49", "京族", "Gin"),
        ("50", "塔塔尔族", "Tatar"),
        ("51", "独龙族", "Derung"),
        ("52", "鄂伦春族", "Oroqen"),
        ("53", "赫哲族", "Hezhen"),
        ("54", "门巴族", "Monba"),
        ("55", "珞巴族", "Lhoba"),
        ("56", "基诺族", "Jino"),
        ("97", "其他未识别民族", "Other unrecognised"),
        (
            "98",
            "外国血统中国籍人士",
            "Chinese citizen of foreign origin",
        ),
    ],
};

/// Highest education.
pub const EDUCATION_LEVELS: CodeList = CodeList {
    name: "education-levels",
    description: "Highest education (文化程度)",
    entries: &[
        ("none", "未上学", "No schooling"),
        ("primary", "小学", "Primary school"),
        ("junior_secondary", "初中", "Junior secondary"),
        ("senior_secondary", "高中", "Senior secondary"),
        ("vocational_secondary", "中专/中职", "Vocational secondary"),
        ("junior_college", "大专", "Junior college"),
        ("bachelor", "本科", "Bachelor"),
        ("master", "硕士研究生", "Master"),
        ("doctorate", "博士研究生", "Doctorate"),
    ],
};

/// Political status.
pub const POLITICAL_STATUSES: CodeList = CodeList {
    name: "political-statuses",
    description: "Political status (政治面貌)",
    entries: &[
        ("cpc_member", "中共党员", "CPC member"),
        (
            "cpc_probationary",
            "中共预备党员",
            "CPC probationary member",
        ),
        ("cyl_member", "共青团员", "Communist Youth League member"),
        (
            "democratic_party",
            "民主党派成员",
            "Member of a democratic party",
        ),
        ("non_party", "无党派人士", "Non-party personage"),
        ("masses", "群众", "Ordinary citizen"),
    ],
};

/// Household registration type.
pub const HUKOU_TYPES: CodeList = CodeList {
    name: "hukou-types",
    description: "Household registration type (户籍类型)",
    entries: &[
        ("agricultural", "农业户口", "Agricultural"),
        ("non_agricultural", "非农业户口", "Non-agricultural"),
        ("resident", "居民户口", "Resident (unified)"),
    ],
};

/// Employment status.
pub const EMPLOYMENT_STATUSES: CodeList = CodeList {
    name: "employment-statuses",
    description: "Employment status (就业状态)",
    entries: &[
        ("employed", "在岗", "Employed"),
        ("flexible", "灵活就业", "Flexibly employed"),
        ("laid_off", "下岗", "Laid off"),
        ("unemployed", "失业", "Unemployed"),
        ("retired", "退休", "Retired"),
        ("other", "其他", "Other"),
    ],
};

/// Vocational skill level.
pub const SKILL_LEVELS: CodeList = CodeList {
    name: "skill-levels",
    description: "Vocational skill level (技能等级)",
    entries: &[
        ("none", "无", "None"),
        ("level5", "初级工（五级）", "Junior worker (level 5)"),
        ("level4", "中级工（四级）", "Intermediate worker (level 4)"),
        ("level3", "高级工（三级）", "Senior worker (level 3)"),
        ("level2", "技师（二级）", "Technician (level 2)"),
        ("level1", "高级技师（一级）", "Senior technician (level 1)"),
    ],
};

/// New forms of employment.
pub const NEW_FORM_KINDS: CodeList = CodeList {
    name: "new-form-employment-kinds",
    description: "Kind of new-form employment (新就业形态)",
    entries: &[
        ("courier", "快递员", "Courier"),
        ("delivery_rider", "外卖骑手", "Delivery rider"),
        ("ride_hailing_driver", "网约车司机", "Ride-hailing driver"),
        ("truck_driver", "货车司机", "Truck driver"),
        ("domestic_worker", "家政服务员", "Domestic worker"),
        ("online_streamer", "网络主播", "Online streamer"),
        ("other", "其他", "Other"),
    ],
};

/// Membership status.
pub const MEMBERSHIP_STATUSES: CodeList = CodeList {
    name: "membership-statuses",
    description: "Membership status (会籍状态)",
    entries: &[
        ("active", "正常", "Active"),
        ("suspended", "停会", "Suspended"),
        ("retained", "保留会籍", "Retained"),
        ("left", "退会", "Left"),
        ("deceased", "去世", "Deceased"),
        ("transferred_out", "已转出", "Transferred out"),
    ],
};

/// Reasons of membership changes.
pub const CHANGE_REASONS: CodeList = CodeList {
    name: "membership-change-reasons",
    description: "Membership change (会籍变化)",
    entries: &[
        ("join", "入会", "Join"),
        ("transfer_in", "转入", "Transfer in"),
        ("transfer_out", "转出", "Transfer out"),
        ("suspend", "停会", "Suspend"),
        ("retain", "保留会籍", "Retain membership"),
        ("leave", "退会", "Leave"),
        ("death", "去世", "Death"),
        ("restore", "恢复会籍", "Restore"),
    ],
};

/// Kinds of honour.
pub const HONOUR_KINDS: CodeList = CodeList {
    name: "honour-kinds",
    description: "Kind of honour (荣誉类别)",
    entries: &[
        ("model_worker", "劳动模范", "Model worker"),
        ("advanced_worker", "先进工作者", "Advanced worker"),
        ("may_day_medal", "五一劳动奖章", "May-1st Labour Medal"),
        ("golden_worker", "金牌工人", "Golden worker"),
        ("craftsman", "工匠", "Craftsman"),
        ("other", "其他", "Other"),
    ],
};

/// Levels of an honour.
pub const HONOUR_LEVELS: CodeList = CodeList {
    name: "honour-levels",
    description: "Level of an honour (荣誉级别)",
    entries: &[
        ("national", "全国", "National"),
        ("provincial", "省部级", "Provincial or ministerial"),
        ("city", "市（州）级", "City or prefecture"),
        ("county", "县级", "County"),
    ],
};

/// Why a household is in hardship (致困原因).
pub const HARDSHIP_CATEGORIES: CodeList = CodeList {
    name: "hardship-categories",
    description: "Hardship category (致困原因)",
    entries: &[
        ("illness", "因病", "Illness"),
        ("disability", "因残", "Disability"),
        ("accident", "因灾因意外", "Accident or disaster"),
        ("schooling", "子女就学", "Children's schooling"),
        ("unemployment", "失业待岗", "Unemployment"),
        ("single_parent", "单亲家庭", "Single-parent household"),
        ("low_income", "收入低", "Low income"),
        ("other", "其他", "Other"),
    ],
};

/// States of a hardship file.
pub const HARDSHIP_STATUSES: CodeList = CodeList {
    name: "hardship-statuses",
    description: "Status of a hardship file (档案状态)",
    entries: &[
        ("applied", "待审核", "Applied"),
        ("approved", "已建档", "Approved"),
        ("rejected", "未通过", "Rejected"),
        ("lifted", "已脱困", "Lifted"),
    ],
};

/// Decisions on a hardship file.
pub const HARDSHIP_DECISIONS: CodeList = CodeList {
    name: "hardship-decisions",
    description: "Decision on a hardship file (审核结论)",
    entries: &[
        ("approve", "审核通过", "Approve"),
        ("reject", "不予通过", "Reject"),
        ("renew", "复核保留", "Renew after re-review"),
        ("lift", "解除（脱困）", "Lift"),
    ],
};

/// Kinds of assistance given on a hardship file.
pub const ASSISTANCE_KINDS: CodeList = CodeList {
    name: "assistance-kinds",
    description: "Kind of assistance (帮扶类别)",
    entries: &[
        ("winter_warmth", "送温暖", "Winter warmth (送温暖)"),
        (
            "golden_autumn",
            "金秋助学",
            "Golden-autumn school aid (金秋助学)",
        ),
        ("medical_aid", "医疗救助", "Medical aid"),
        ("living_aid", "生活救助", "Living allowance"),
        ("employment_aid", "就业援助", "Employment aid"),
        ("other", "其他", "Other"),
    ],
};

/// Course categories.
pub const COURSE_CATEGORIES: CodeList = CodeList {
    name: "course-categories",
    description: "Course category (培训类别)",
    entries: &[
        ("vocational", "职业技能", "Vocational skills"),
        ("housekeeping", "家政服务", "Housekeeping (家政)"),
        (
            "maternity_care",
            "母婴护理（月嫂）",
            "Maternity care (月嫂)",
        ),
        ("cadre", "工会干部培训", "Union cadre training"),
        (
            "congress_delegates",
            "职代会代表培训",
            "Workers'-congress delegates",
        ),
        ("team_leaders", "班组长培训", "Team leaders"),
        ("safety", "安全生产", "Occupational safety"),
        ("law", "法律知识", "Law"),
        ("culture", "文化素养", "Culture"),
        ("digital", "数字技能", "Digital skills"),
        ("driving", "驾驶培训", "Driving"),
        ("other", "其他", "Other"),
    ],
};

/// Who may enrol on a course.
pub const COURSE_ELIGIBILITIES: CodeList = CodeList {
    name: "course-eligibilities",
    description: "Who may enrol (报名范围)",
    entries: &[
        (
            "subtree_members",
            "本级及下属工会会员",
            "Members of the owner's unions",
        ),
        ("anyone", "所有职工", "Anyone"),
        ("migrant_workers", "农民工", "Migrant workers"),
    ],
};

/// States of a course.
pub const COURSE_STATUSES: CodeList = CodeList {
    name: "course-statuses",
    description: "Course status (课程状态)",
    entries: &[
        ("draft", "草稿", "Draft"),
        ("open", "报名中", "Open"),
        ("full", "已满员", "Full"),
        ("running", "进行中", "Running"),
        ("finished", "已结业", "Finished"),
        ("cancelled", "已取消", "Cancelled"),
    ],
};

/// States of an enrolment.
pub const ENROLMENT_STATUSES: CodeList = CodeList {
    name: "enrolment-statuses",
    description: "Enrolment status (报名状态)",
    entries: &[
        ("enrolled", "已报名", "Enrolled"),
        ("waitlisted", "候补", "Waitlisted"),
        ("withdrawn", "已退出", "Withdrawn"),
        ("removed", "已移除", "Removed"),
        ("cancelled", "课程取消", "Course cancelled"),
    ],
};

/// Attendance marks.
pub const ATTENDANCE_STATUSES: CodeList = CodeList {
    name: "attendance-statuses",
    description: "Attendance (考勤)",
    entries: &[
        ("present", "出勤", "Present"),
        ("late", "迟到", "Late"),
        ("absent", "缺勤", "Absent"),
        ("excused", "请假", "Excused"),
    ],
};

/// Every list, in the order the index shows them.
pub const ALL: &[&CodeList] = &[
    &GENDERS,
    &ETHNICITIES,
    &EDUCATION_LEVELS,
    &POLITICAL_STATUSES,
    &HUKOU_TYPES,
    &EMPLOYMENT_STATUSES,
    &SKILL_LEVELS,
    &NEW_FORM_KINDS,
    &MEMBERSHIP_STATUSES,
    &CHANGE_REASONS,
    &HONOUR_KINDS,
    &HONOUR_LEVELS,
    &HARDSHIP_CATEGORIES,
    &HARDSHIP_STATUSES,
    &HARDSHIP_DECISIONS,
    &ASSISTANCE_KINDS,
    &COURSE_CATEGORIES,
    &COURSE_ELIGIBILITIES,
    &COURSE_STATUSES,
    &ENROLMENT_STATUSES,
    &ATTENDANCE_STATUSES,
];

/// A list by name.
pub fn find(name: &str) -> Option<&'static CodeList> {
    ALL.iter().copied().find(|l| l.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_unique_codes_and_all_56_groups() {
        for list in ALL {
            let mut codes: Vec<&str> = list.entries.iter().map(|e| e.0).collect();
            let n = codes.len();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n, "{}", list.name);
            assert!(
                list.entries
                    .iter()
                    .all(|e| !e.1.is_empty() && !e.2.is_empty()),
                "{}",
                list.name
            );
        }
        assert_eq!(ETHNICITIES.entries.len(), 58);
        assert_eq!(
            find("ethnicities").map(|l| l.contains("15")),
            Some(true),
            "土家族, 花垣's people"
        );
        assert!(find("nope").is_none());
    }
}
