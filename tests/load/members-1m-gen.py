#!/usr/bin/env python3
"""Data for bench-members-1m.sh: grassroots unions below the demo federations and N valid members,
as PostgreSQL COPY files, plus the search inputs and a member-collection sheet for the import run.

Standard library only, deterministic for a given --seed. Every row is what the API would store:

- ids are UUIDv7 text (db::new_id) whose millisecond is the row's created_at; members of one union come
  in a few batches (the way 会员信息采集 imports and registrations arrive), so ids cluster by union and
  time, as they do in a real registry;
- organisations: path = parent path + id + '/', depth = parent depth + 1, status active, version 1, the
  county's division code, valid unified social credit codes (GB 32100) for employers;
- members: GB 11643 ID numbers with the right check character, unique across the file and the demo rows,
  gender and birth date as the ID number says (17th digit odd = male), id_number_rev = the number
  reversed, canonical 11-digit mobiles (unique), codes from the API's code lists, joined_on between the
  18th birthday and the day the row was created, version 1 (2 after one status change);
- membership_changes: one 'join' per member (to the union, effective joined_on, reason 会员信息采集 for
  imported batches, as the import commit writes it) and one more row for each member whose status is
  not active (retain, suspend, leave), as POST /members/{id}/changes writes it.

Input: --orgs, a TSV export of the demo organisations (id, parent_id, path, depth, kind, division_code,
name, headcount, women_headcount); --existing, the demo members' ID numbers and mobiles (TSV).
Output in --out: organisations.tsv, members.tsv, membership_changes.tsv (COPY text format, columns in
manifest.json), name.urls / suffix4.urls / suffix6.urls (tag TAB query string), cursors.txt
(page cursors of random members, made as the API makes them), import.csv (GBK) and manifest.json.
"""

import argparse
import base64
import bisect
import datetime as dt
import json
import math
import os
import random
import sys
import time

# ---- identifiers ----------------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check(first17):
    return ID_CHECK[sum((ord(c) - 48) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def credit_code(first17):
    s = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return first17 + CREDIT_ALPHABET[(31 - s % 31) % 31]


assert id_check("11010519491231002") == "X" and id_check("44052418800101001") == "4"
assert credit_code("91350100M000100Y4") == "91350100M000100Y43"


def uuid7(ms, counter, rng):
    """UUIDv7 text: 48-bit unix ms, version 7, 12-bit counter (monotonic inside a ms), variant 10, 62 random bits."""
    b = rng.getrandbits(62)
    hi = f"{ms:012x}"
    return f"{hi[:8]}-{hi[8:]}-7{counter & 0xFFF:03x}-{0x8 | (b >> 60):x}{(b >> 48) & 0xFFF:03x}-{b & 0xFFFFFFFFFFFF:012x}"


def cursor_of(key):
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


EPOCH = dt.datetime(1970, 1, 1)


def ms_of(d):
    """Unix milliseconds of a naive UTC datetime (what the API stores), whatever the local time zone."""
    return int((d - EPOCH).total_seconds() * 1000)


def ts_text(ms):
    d = EPOCH + dt.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%d %H:%M:%S.%f")


# ---- vocabulary -----------------------------------------------------------------------------------

# Surnames with their approximate share of the population (per mille), after the 2020 census ranking.
SURNAMES = [
    ("王", 71), ("李", 70), ("张", 66), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 26), ("赵", 23), ("吴", 20),
    ("周", 19), ("徐", 16), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 12), ("郭", 11), ("何", 11), ("林", 10),
    ("罗", 10), ("高", 10), ("郑", 9), ("梁", 8), ("谢", 8), ("宋", 7), ("唐", 7), ("许", 7), ("韩", 6), ("冯", 6),
    ("邓", 6), ("曹", 6), ("彭", 6), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5),
    ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3),
    ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 2), ("方", 2), ("白", 2),
    ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2),
    ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 1), ("武", 2), ("戴", 1), ("莫", 1), ("孔", 1),
    ("向", 1), ("汤", 1), ("麻", 0.5), ("欧阳", 0.5), ("上官", 0.2), ("司马", 0.2), ("诸葛", 0.1), ("皇甫", 0.1),
]
# Surnames frequent where the demo's minority counties are (湘西: 苗族/土家族; 六盘水: 布依族/彝族/苗族).
LOCAL_SURNAMES = {
    "43": [("石", 40), ("龙", 35), ("麻", 30), ("吴", 30), ("杨", 25), ("田", 20), ("向", 15), ("彭", 15)],
    "52": [("王", 20), ("陈", 15), ("罗", 15), ("龙", 12), ("杨", 15), ("韦", 12), ("安", 8), ("禄", 5)],
}
# Given-name characters by gender and generation (born before 1980 / from 1980).
GIVEN = {
    ("m", "old"): (
        "伟强磊军勇刚平明辉华林峰东斌涛杰", "建国志永德文春海立振学金世少红卫长",
        "国华强军明平东林伟福生祥成荣贵德山才富忠",
    ),
    ("m", "new"): (
        "伟磊杰涛斌超鹏飞鑫波宇浩凯健俊帆帅旭宁龙阳亮", "子浩宇俊家嘉天博思泽一梓雨晓文明志俊晨",
        "轩然泽豪博睿航晨阳涵凯鹏杰宇诚瑞铭昊哲辰",
    ),
    ("f", "old"): (
        "芳娜敏静丽艳娟霞秀英玲燕萍红梅琴兰", "秀桂玉美丽春淑凤翠金小素彩红月",
        "英兰珍芳华梅玲红霞燕萍娟琴莲香云凤花荣",
    ),
    ("f", "new"): (
        "婷雪慧颖倩洁佳欣悦怡晶丹蕾莉琳娜静敏", "欣雨思梓子诗语一可若紫婉心晓佳雅梦",
        "涵萱琪妍彤悦瑶璐雯洁怡婷琳颖欣馨然菲宁",
    ),
}
TOWN_CHARS = "城关河坝山溪口桥石龙凤安兴平新和东西南北中青清白黄马高长大江水岩坪寨湾塘铺驿场庙阳华云双金"
BRANDS = ["宏达", "鑫源", "恒通", "金鑫", "华泰", "永盛", "兴旺", "天成", "瑞丰", "富民", "通达", "顺发", "德信",
          "隆昌", "万家", "博远", "盛世", "凯旋", "远航", "新宇", "汇丰", "益民", "康达", "嘉禾", "恒源", "正大",
          "利民", "宏图", "金桥", "盛达", "华兴", "鸿运", "绿源", "晨光", "东方", "三和", "中兴", "聚鑫", "福源"]
INDUSTRIES = [("煤业", "采矿"), ("矿业", "采矿"), ("建材", "建材"), ("电力", "电力"), ("食品", "食品加工"),
              ("纺织", "纺织"), ("服饰", "服装"), ("物流", "物流"), ("建筑工程", "建筑"), ("机械制造", "装备制造"),
              ("化工", "化工"), ("农业开发", "农业"), ("茶业", "茶叶加工"), ("酒业", "酿酒"), ("医药", "医药"),
              ("商贸", "批发零售"), ("运输", "道路运输"), ("电子", "电子"), ("物业管理", "物业"),
              ("餐饮管理", "餐饮"), ("冶金", "有色金属冶炼"), ("锰业", "锰业")]
FORMS = ["有限公司", "有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
ORGANS = ["财政局", "税务局", "公安局", "教育局", "人力资源和社会保障局", "住房和城乡建设局", "交通运输局",
          "农业农村局", "卫生健康局", "市场监督管理局", "自然资源局", "水务局", "民政局", "司法局", "统计局"]
INSTITUTIONS = ["人民医院", "中医院", "妇幼保健院", "疾病预防控制中心", "第一中学", "第二中学", "第三中学",
                "职业中学", "实验小学", "实验幼儿园", "广播电视台", "图书馆", "林业站", "供水公司"]
NEW_FORM_UNIONS = [("快递行业工会联合会", "courier"), ("外卖配送行业工会联合会", "delivery_rider"),
                   ("网约车行业工会联合会", "ride_hailing_driver"), ("货车司机工会联合会", "truck_driver"),
                   ("家政服务行业工会联合会", "domestic_worker")]
# Where migrant workers come from: county-level division codes of the big sending provinces.
SENDING = ["511921", "511923", "511902", "510722", "511302", "512021", "500101", "500230", "500242", "411421",
           "411522", "412721", "412726", "411721", "522121", "522227", "522425", "520422", "431221", "431002",
           "433125", "433130", "341221", "341225", "621121", "620422", "450924", "360781", "421182", "130481"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178",
                   "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"]
ETHNICITY_LABEL = {"01": "汉族", "03": "回族", "06": "苗族", "07": "彝族", "09": "布依族", "15": "土家族"}
EDUCATION_LABEL = {"primary": "小学", "junior_secondary": "初中", "senior_secondary": "高中",
                   "vocational_secondary": "中专/中职", "junior_college": "大专", "bachelor": "本科",
                   "master": "硕士研究生"}
GRASSROOTS = {"enterprise_union", "institution_union", "organ_union", "community_union", "regional_union",
              "industry_union", "joint_union"}


class Picker:
    """Weighted choice with precomputed cumulative weights (random.choices is slow per call)."""

    def __init__(self, items):
        self.values = [v for v, _ in items]
        self.cum = []
        total = 0.0
        for _, w in items:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self, rng):
        return self.values[bisect.bisect(self.cum, rng.random() * self.total)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orgs", required=True)
    ap.add_argument("--existing", required=True)
    ap.add_argument("--actor", default="", help="account id recorded as the actor of imported batches")
    ap.add_argument("--out", required=True)
    ap.add_argument("--members", type=int, default=1_000_000)
    ap.add_argument("--unions", type=int, default=800, help="extra grassroots unions")
    ap.add_argument("--fragments", type=int, default=300, help="name fragments to search for")
    ap.add_argument("--suffixes", type=int, default=200, help="ID suffixes of each length to search for")
    ap.add_argument("--import-rows", type=int, default=50_000)
    ap.add_argument("--import-union", default="四川光雾山米业有限公司工会")
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--today", default=dt.date.today().isoformat())
    a = ap.parse_args()
    rng = random.Random(a.seed)
    today = dt.date.fromisoformat(a.today)
    started = time.time()
    os.makedirs(a.out, exist_ok=True)

    # ---- the demo tree --------------------------------------------------------------------------
    orgs = []
    with open(a.orgs, encoding="utf-8") as f:
        for line in f:
            oid, parent, path, depth, kind, division, name, headcount, women = line.rstrip("\n").split("\t")
            orgs.append(dict(id=oid, parent_id=parent or None, path=path, depth=int(depth), kind=kind,
                             division=division or None, name=name, headcount=int(headcount) if headcount else None,
                             women=int(women) if women else None, new=False))
    by_id = {o["id"]: o for o in orgs}
    counties = [o for o in orgs if o["kind"] == "county_federation"]
    cities = [o for o in orgs if o["kind"] == "city_federation"]
    if not counties:
        sys.exit("gen: the demo tree has no county federations")
    names_taken = {(o["parent_id"], o["name"]) for o in orgs}
    used_ids, used_mobiles = set(), set()
    with open(a.existing, encoding="utf-8") as f:
        for line in f:
            idn, mobile = (line.rstrip("\n").split("\t") + [""])[:2]
            used_ids.add(idn[:17])
            if mobile:
                used_mobiles.add(mobile)

    def short(o):
        n = o["name"].replace("总工会", "")
        for suffix in ("特区", "县", "市", "区"):
            if n.endswith(suffix) and len(n) > len(suffix) + 1:
                return n[: -len(suffix)]
        return n

    # Organisations are created in the first half of 2019, members from mid-2019 on.
    org_t0 = ms_of(dt.datetime(2019, 1, 7, 1))
    org_t1 = ms_of(dt.datetime(2019, 6, 28, 10))
    new_orgs = []
    credit_serial = [0]

    def add_org(parent, name, kind, extra=None):
        if (parent["id"], name) in names_taken:
            return None
        names_taken.add((parent["id"], name))
        ms = rng.randint(org_t0, org_t1)
        oid = uuid7(ms, rng.getrandbits(12), rng)
        o = dict(id=oid, parent_id=parent["id"], path=f"{parent['path']}{oid}/", depth=parent["depth"] + 1,
                 kind=kind, division=parent["division"], name=name, headcount=None, women=None, new=True,
                 ms=ms, county=parent.get("county", parent["id"]), credit=None, ownership=None,
                 industry=None, founded=None, chair=None, new_form_kind=None)
        o.update(extra or {})
        new_orgs.append(o)
        by_id[oid] = o
        return o

    # Townships: 6 to 14 more per county, as 镇, 乡 or 街道.
    townships = {c["id"]: [o for o in orgs if o["parent_id"] == c["id"] and o["kind"] == "township_union"]
                 for c in counties}
    for c in counties:
        c["county"] = c["id"]
        for t in townships[c["id"]]:
            t["county"] = c["id"]
        for _ in range(rng.randint(6, 14)):
            for _attempt in range(20):
                base = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS)
                if base[0] == base[1]:
                    continue
                suffix = rng.choices(["镇", "乡", "街道"], [6, 2, 2])[0]
                t = add_org(c, f"{base}{suffix}工会", "township_union")
                if t:
                    townships[c["id"]].append(t)
                    break

    # Grassroots unions: 35% straight under a county, 62% under one of its townships, 3% under a city.
    county_weight = Picker([(c["id"], rng.uniform(0.5, 2.0)) for c in counties])
    person_names = make_name_picker(rng)

    def employer_extra(division, staff_hint):
        credit_serial[0] += 1
        body = f"91{division or '110000'}MA{credit_serial[0]:07d}"
        return dict(credit=credit_code(body), ownership=rng.choices(["non_public", "state_owned", "collective"],
                                                                    [80, 15, 5])[0],
                    founded=dt.date(rng.randint(1995, 2018), rng.randint(1, 12), rng.randint(1, 28)))

    made = 0
    guard = 0
    while made < a.unions and guard < a.unions * 20:
        guard += 1
        county = by_id[county_weight(rng)]
        cs = short(county)
        r = rng.random()
        if r < 0.03 and cities:
            parent = rng.choice(cities)
        elif r < 0.38:
            parent = county
        else:
            parent = rng.choice(townships[county["id"]]) if townships[county["id"]] else county
        at_town = parent["kind"] == "township_union"
        place = short(parent).replace("工会", "").replace("镇", "").replace("乡", "").replace("街道", "") \
            if at_town else cs
        k = rng.random()
        if parent["kind"] == "county_federation" and k < 0.18:
            name, kind = f"{cs}{rng.choice(ORGANS)}机关工会", "organ_union"
            extra = {}
        elif k < 0.30:
            inst = rng.choice(INSTITUTIONS) if not at_town else rng.choice(["中心卫生院", "中心学校", "中心幼儿园", "农业服务中心"])
            name, kind = f"{place}{inst}工会", "institution_union"
            extra = {}
        elif at_town and k < 0.55:
            village = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS)
            name, kind = f"{village}{rng.choice(['村', '村', '社区'])}工会", "community_union"
            extra = {}
        elif parent["kind"] == "county_federation" and k < 0.36:
            label, nf = rng.choice(NEW_FORM_UNIONS)
            name, kind = f"{cs}{label}", "industry_union"
            extra = dict(new_form_kind=nf)
        elif at_town and k < 0.60:
            name, kind = f"{place}个体劳动者联合工会", "joint_union"
            extra = {}
        else:
            word, industry = rng.choice(INDUSTRIES)
            name = f"{cs}{rng.choice(BRANDS)}{word}{rng.choice(FORMS)}工会"
            kind = "enterprise_union"
            extra = employer_extra(parent["division"], 0)
            extra["industry"] = industry
        extra["chair"] = person_names(rng, "m" if rng.random() < 0.6 else "f", 1975)
        if add_org(parent, name, kind, extra):
            made += 1

    holders = [o for o in orgs + new_orgs if o["kind"] in GRASSROOTS or o["kind"] == "township_union"]
    # Sizes: five big employers (8%, 6%, 5%, 4%, 3%), the rest log-normal (many small, a few thousand).
    enterprises = [o for o in holders if o["new"] and o["kind"] == "enterprise_union"
                   and by_id[o["parent_id"]]["kind"] == "county_federation"]
    rng.shuffle(enterprises)
    big = enterprises[:5]
    big_share = [0.08, 0.06, 0.05, 0.04, 0.03][: len(big)]
    for o, s in zip(big, big_share):
        # A group: "<county><brand><trade>集团有限公司工会".
        base = o["name"]
        for form in sorted(set(FORMS), key=len, reverse=True):
            if base.endswith(form + "工会"):
                base = base[: -len(form + "工会")]
                break
        o["name"] = f"{base}集团有限公司工会"
        o["weight"] = s
    rest = [o for o in holders if "weight" not in o]
    raw = []
    for o in rest:
        w = rng.lognormvariate(0.0, 1.2)
        if o["kind"] == "township_union":
            w *= 0.3  # a township holds the workers of employers too small for a union of their own
        elif o["kind"] == "community_union":
            w *= 0.2
        raw.append(w)
    rest_share = 1.0 - sum(big_share)
    total_raw = sum(raw)
    for o, w in zip(rest, raw):
        o["weight"] = rest_share * w / total_raw
    sizes = {o["id"]: max(1, int(a.members * o["weight"])) for o in holders}
    # Exactly --members: trim or pad the largest unions.
    diff = a.members - sum(sizes.values())
    order = sorted(holders, key=lambda o: -sizes[o["id"]])
    i = 0
    while diff != 0:
        o = order[i % len(order)]
        step = 1 if diff > 0 else -1
        if sizes[o["id"]] + step >= 1:
            sizes[o["id"]] += step
            diff -= step
        i += 1

    # Employer headcounts follow the membership (85-98% of the staff are members).
    for o in new_orgs:
        if o["kind"] == "enterprise_union":
            o["headcount"] = max(sizes.get(o["id"], 1), int(sizes.get(o["id"], 1) / rng.uniform(0.85, 0.98)))
            o["women"] = int(o["headcount"] * rng.uniform(0.1, 0.6))

    # ---- organisations.tsv ------------------------------------------------------------------------
    org_cols = ["id", "parent_id", "path", "depth", "name", "kind", "division_code", "credit_code", "ownership",
                "industry", "headcount", "women_headcount", "founded_on", "chair_name", "status", "version",
                "created_at", "updated_at"]
    with open(os.path.join(a.out, "organisations.tsv"), "w", encoding="utf-8") as f:
        for o in sorted(new_orgs, key=lambda o: o["id"]):
            t = ts_text(o["ms"])
            f.write("\t".join(nz(v) for v in (
                o["id"], o["parent_id"], o["path"], o["depth"], o["name"], o["kind"], o["division"], o["credit"],
                o["ownership"], o["industry"], o["headcount"], o["women"], o["founded"], o["chair"], "active", 1,
                t, t)) + "\n")

    # ---- members ---------------------------------------------------------------------------------
    # Each union's members arrive in 1 to 4 batches (an import or a run of registrations) between mid-2019
    # and yesterday; the big ones in more. Rows are written in id order, as the API would have inserted them.
    m_t0 = ms_of(dt.datetime(2019, 7, 1, 1))
    m_t1 = ms_of(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(10)))
    batches = []
    for o in holders:
        n = sizes[o["id"]]
        parts = 1 if n < 50 else rng.randint(1, 4) if n < 20000 else rng.randint(4, 8)
        cuts = sorted(rng.sample(range(1, n), parts - 1)) if parts > 1 else []
        bounds = [0] + cuts + [n]
        for j in range(parts):
            count = bounds[j + 1] - bounds[j]
            if count > 0:
                imported = count >= 20 and rng.random() < 0.8
                batches.append((rng.randint(m_t0, m_t1), o, count, imported))
    batches.sort(key=lambda b: b[0])

    ethnic = {
        "43": Picker([("01", 45), ("06", 30), ("15", 25)]),
        "52": Picker([("01", 60), ("09", 15), ("07", 10), ("06", 12), ("03", 3)]),
        "62": Picker([("01", 96), ("03", 4)]),
    }
    han = Picker([("01", 99), ("03", 1)])
    edu_old = Picker([("primary", 15), ("junior_secondary", 40), ("senior_secondary", 25),
                      ("vocational_secondary", 8), ("junior_college", 7), ("bachelor", 5)])
    edu_new = Picker([("junior_secondary", 20), ("senior_secondary", 22), ("vocational_secondary", 15),
                      ("junior_college", 20), ("bachelor", 20), ("master", 3)])
    political = Picker([("masses", 80), ("cpc_member", 9), ("cpc_probationary", 0.5), ("democratic_party", 0.3),
                        ("non_party", 1)])
    skill = Picker([(None, 40), ("none", 20), ("level5", 15), ("level4", 12), ("level3", 8), ("level2", 4),
                    ("level1", 1)])
    hukou_local = Picker([("resident", 60), ("non_agricultural", 25), ("agricultural", 15)])
    birth_year = Picker([(y, 1.0 + 2.5 * math.exp(-((y - 1985) / 11.0) ** 2)) for y in range(1966, 2007)])
    status_pick = Picker([("active", 970), ("retained", 15), ("suspended", 5), ("left", 10)])
    status_change = {"retained": ("retain", "退休保留会籍"), "suspended": ("suspend", "连续六个月未缴纳会费"),
                     "left": ("leave", "调离本单位")}
    today_ord = today.toordinal()

    def person(o, female_share, created_day, for_import=False):
        female = rng.random() < female_share
        g = "f" if female else "m"
        year = birth_year(rng)
        if year > created_day.year - 18:  # nobody joins before 18
            year = created_day.year - 18 - rng.randint(0, 6)
        birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        prov = (o["division"] or "11")[:2]
        migrant = rng.random() < (0.45 if o["kind"] in ("enterprise_union", "industry_union", "joint_union") else 0.08)
        division = rng.choice(SENDING) if migrant and rng.random() < 0.8 else (o["division"] or "110101")
        b8 = birth.strftime("%Y%m%d")
        while True:
            seq = rng.randrange(0, 1000)
            if (seq % 2 == 1) == female:  # 17th digit: odd for men
                seq = (seq + 1) % 1000
            first17 = f"{division}{b8}{seq:03d}"
            if first17 not in used_ids:
                used_ids.add(first17)
                break
        idn = first17 + id_check(first17)
        name = person_names(rng, g, year, division[:2])
        mobile = None
        if for_import or rng.random() < 0.97:
            while True:
                mobile = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"
                if mobile not in used_mobiles:
                    used_mobiles.add(mobile)
                    break
        ethnicity = (ethnic.get(division[:2]) or han)(rng)
        education = (edu_old if year < 1980 else edu_new)(rng)
        if migrant and education in ("bachelor", "master", "junior_college") and rng.random() < 0.7:
            education = "junior_secondary"
        pol = political(rng)
        if pol == "masses" and year >= 1992 and rng.random() < 0.3:
            pol = "cyl_member"
        return dict(female=female, birth=birth, idn=idn, name=name, mobile=mobile, division=division,
                    ethnicity=ethnicity, education=education, political=pol, migrant=migrant)

    mem_cols = ["id", "organisation_id", "name", "gender", "ethnicity", "birth_date", "id_number", "id_number_rev",
                "mobile", "education", "political_status", "hukou_type", "hukou_division", "employment_status",
                "skill_level", "migrant_worker", "new_form_employment", "new_form_kind", "dispatched", "joined_on",
                "card_number", "status", "version", "created_at", "updated_at"]
    chg_cols = ["id", "member_id", "change", "effective_on", "from_organisation_id", "to_organisation_id", "reason",
                "actor_id", "created_at"]
    actor = a.actor or None
    per_union = {}
    sample_names, sample_ids, cursor_ids = [], [], []
    written = 0
    last_ms = 0
    mf = open(os.path.join(a.out, "members.tsv"), "w", encoding="utf-8", buffering=1 << 20)
    cf = open(os.path.join(a.out, "membership_changes.tsv"), "w", encoding="utf-8", buffering=1 << 20)
    later_changes = []
    for start_ms, o, count, imported in batches:
        ms = max(start_ms, last_ms + 1)
        female_share = (o["women"] / o["headcount"]) if o.get("headcount") and o.get("women") is not None else 0.45
        nf_kind = o.get("new_form_kind")
        created = ts_text(ms)
        created_day = (EPOCH + dt.timedelta(milliseconds=ms)).date()
        counter = 0
        for _ in range(count):
            p = person(o, 0.12 if nf_kind in ("courier", "delivery_rider", "truck_driver", "ride_hailing_driver")
                       else female_share, created_day)
            if counter == 4096:
                ms += 1
                counter = 0
            mid = uuid7(ms, counter, rng)
            counter += 1
            # Individual registrations carry their own time; an import batch shares one `now`.
            row_created = created if imported else ts_text(ms)
            lo = max(p["birth"].toordinal() + 18 * 366, dt.date(1995, 1, 1).toordinal())
            hi = created_day.toordinal()
            joined = dt.date.fromordinal(rng.randint(min(lo, hi), hi)) if imported else created_day
            nfe = nf_kind is not None or rng.random() < 0.01
            kind = nf_kind or (rng.choice(["courier", "delivery_rider", "ride_hailing_driver", "other"]) if nfe else None)
            status = status_pick(rng)
            version = 1 if status == "active" else 2
            updated = row_created
            if status != "active":
                change_ms = rng.randint(ms, max(ms + 1, m_t1))
                updated = ts_text(change_ms)
                change, reason = status_change[status]
                eff = (EPOCH + dt.timedelta(milliseconds=change_ms)).date()
                later_changes.append((uuid7(change_ms, rng.getrandbits(12), rng), mid, change, eff, o["id"],
                                      reason, actor, updated))
            idn = p["idn"]
            mf.write("\t".join(nz(v) for v in (
                mid, o["id"], p["name"], "female" if p["female"] else "male", p["ethnicity"], p["birth"], idn,
                idn[::-1], p["mobile"], p["education"], p["political"],
                "agricultural" if p["migrant"] else hukou_local(rng), p["division"],
                "employed" if rng.random() < 0.96 else rng.choice(["flexible", "other"]), skill(rng),
                p["migrant"], nfe, kind, rng.random() < 0.05, joined, None, status, version,
                row_created, updated)) + "\n")
            cf.write("\t".join(nz(v) for v in (
                uuid7(ms, counter, rng), mid, "join", joined, None, o["id"], "会员信息采集" if imported else None,
                actor if imported else None, row_created)) + "\n")
            written += 1
            per_union[o["id"]] = per_union.get(o["id"], 0) + 1
            if rng.random() < 0.002:
                sample_names.append(p["name"])
                sample_ids.append(idn)
            if rng.random() < 2000.0 / a.members:
                cursor_ids.append(mid)
        last_ms = ms
        if written % 200000 < count:
            print(f"[gen] {written} members, {time.time() - started:.0f}s", file=sys.stderr)
    later_changes.sort(key=lambda c: c[0])
    for c in later_changes:
        cid, mid, change, eff, org, reason, act, at = c
        # As POST /members/{id}/changes records it: no organisations, the caller as the actor.
        cf.write("\t".join(nz(v) for v in (cid, mid, change, eff, None, None, reason, act, at)) + "\n")
    mf.close()
    cf.close()

    # ---- search inputs ---------------------------------------------------------------------------
    rng2 = random.Random(a.seed + 1)
    frags = []
    per = max(1, a.fragments // 10)
    while len(frags) < a.fragments and sample_names:
        n = rng2.choice(sample_names)
        r = rng2.random()
        if r < 0.3:
            frags.append(("name-1", n[0]))
        elif r < 0.4 and len(n) >= 3:
            frags.append(("name-1", n[-1]))
        elif r < 0.7:
            frags.append(("name-2", n[-2:] if len(n) >= 3 and rng2.random() < 0.5 else n[:2]))
        elif len(n) >= 3:
            frags.append(("name-3", n[:3]))
    # Fragments nobody has (a typo, a rare character): the whole registry must be read to say so.
    misses = ["龘", "靐", "王龘", "李靐龘", "齉", "张犇犇", "刘懿鑫龘", "陈㵘", "赵龖", "周靐"]
    for i in range(max(1, per // 3)):
        frags.append(("name-miss", misses[i % len(misses)]))
    rng2.shuffle(frags)
    from urllib.parse import quote
    with open(os.path.join(a.out, "name.urls"), "w", encoding="utf-8") as f:
        for tag, q in frags:
            f.write(f"{tag}\tq={quote(q)}\n")
    for length in (4, 6):
        with open(os.path.join(a.out, f"suffix{length}.urls"), "w", encoding="utf-8") as f:
            for idn in rng2.sample(sample_ids, min(a.suffixes, len(sample_ids))):
                f.write(f"suffix-{length}\tid_suffix={idn[-length:]}\n")
    rng2.shuffle(cursor_ids)
    with open(os.path.join(a.out, "cursors.txt"), "w", encoding="utf-8") as f:
        for mid in cursor_ids:
            f.write(cursor_of(mid) + "\n")

    # ---- the import sheet ------------------------------------------------------------------------
    target = next((o for o in orgs if o["name"] == a.import_union), None)
    if target is None:
        sys.exit(f"gen: no union named {a.import_union} in the demo tree")
    lines = ["姓名*,身份证号*,手机号,民族,文化程度,是否农民工,入会日期"]
    for _ in range(a.import_rows):
        p = person(target, 0.42, today, for_import=True)
        lo = max(p["birth"].toordinal() + 18 * 366, dt.date(2008, 5, 1).toordinal())
        joined = dt.date.fromordinal(rng.randint(min(lo, today_ord - 1), today_ord - 1))
        lines.append(",".join([p["name"], p["idn"], p["mobile"], ETHNICITY_LABEL.get(p["ethnicity"], "汉族"),
                               EDUCATION_LABEL[p["education"]], "是" if p["migrant"] else "否", joined.isoformat()]))
    with open(os.path.join(a.out, "import.csv"), "wb") as f:
        f.write(("\n".join(lines) + "\n").encode("gb18030"))

    # ---- manifest --------------------------------------------------------------------------------
    def union_info(o):
        lo = o["path"]
        n = sum(c for uid, c in per_union.items() if by_id[uid]["path"].startswith(lo))
        return dict(id=o["id"], name=o["name"], kind=o["kind"], members=n)

    county_sizes = sorted(counties, key=lambda c: -sum(v for k, v in per_union.items()
                                                       if by_id[k]["path"].startswith(c["path"])))
    biggest = max(holders, key=lambda o: per_union.get(o["id"], 0))
    grassroots_sizes = sorted(per_union[o["id"]] for o in holders if o["id"] in per_union)
    manifest = dict(
        members=written, extra_unions=made, new_organisations=len(new_orgs),
        later_changes=len(later_changes), batches=len(batches),
        union_sizes=dict(unions=len(grassroots_sizes), min=grassroots_sizes[0],
                         median=grassroots_sizes[len(grassroots_sizes) // 2],
                         p90=grassroots_sizes[int(len(grassroots_sizes) * 0.9)], max=grassroots_sizes[-1],
                         under_100=sum(1 for s in grassroots_sizes if s < 100),
                         over_10000=sum(1 for s in grassroots_sizes if s > 10000)),
        county=union_info(county_sizes[0]), big_union=union_info(biggest),
        import_union=dict(id=target["id"], name=target["name"], rows=a.import_rows),
        fragments={t: sum(1 for x, _ in frags if x == t) for t in sorted({x for x, _ in frags})},
        columns=dict(organisations=org_cols, members=mem_cols, membership_changes=chg_cols),
        seconds=round(time.time() - started, 1),
    )
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    print(f"[gen] {written} members in {len(batches)} batches, {len(new_orgs)} organisations, "
          f"{time.time() - started:.0f}s", file=sys.stderr)


def nz(v):
    """A COPY text field: \\N for NULL, t/f for booleans; our values hold no tab, newline or backslash."""
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    return str(v)


def make_name_picker(rng):
    surnames = Picker(SURNAMES)
    local = {k: Picker(v) for k, v in LOCAL_SURNAMES.items()}

    def pick(r, g, year, province=None):
        if province in local and r.random() < 0.4:
            s = local[province](r)
        else:
            s = surnames(r)
        single, first, second = GIVEN[(g, "old" if year < 1980 else "new")]
        if r.random() < (0.35 if year < 1980 else 0.2):
            return s + r.choice(single)
        return s + r.choice(first) + r.choice(second)

    return pick


if __name__ == "__main__":
    main()
