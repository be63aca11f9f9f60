#!/usr/bin/env python3
"""Writes the upload files of bench-upload-memory.sh: worst cases within the upload limits.

    upload-memory-gen.py CASE OUT [ROWS [CHARS [COLUMNS]]]

Standard library only; every file is the same for the same arguments (seeded). The xlsx files are
written part by part with zipfile ([Content_Types].xml, _rels/.rels, xl/workbook.xml,
xl/_rels/workbook.xml.rels, xl/sharedStrings.xml, xl/worksheets/sheet1.xml), each sheet claiming the
whole grid (<dimension ref="A1:XFD1048576"/>). Cases (what each one is, in the results file):

  xfd               A1 姓名, B1 身份证号 and a value at XFD1048576 (~2 KB)
  sst-300m          one 300,000,000-character shared string (~300 KB compressed)
  sst-48m-one       one random-hex shared string just under 48 MiB inflated, referenced from A2
  sst-48m-many      just under 48 MiB of shared strings, millions of 2-character ones (a Vec<String> entry each)
  rows-xlsx         ROWS valid members (default 50,000), every text cell a shared string, as Excel writes it
  rows-csv          the same rows as a GBK csv, as Chinese Excel saves csv
  invalid-csv       ROWS members with all 16 template columns, every coded, yes/no and date cell an
                    unknown label (a sheet filled in with the wrong labels: ~12 errors a row), UTF-8
  blank-csv         the header, ~31 MiB of empty lines, then one valid row
  many-parts        197 parts: the workbook and one valid row, plus 191 parts of exactly 1 MiB of zeros
                    each (the ratio is checked above 1 MiB only), just under the 192 MiB total inflated
  pdf               a 10 MiB (10,485,760 bytes) PDF: header, one object holding random bytes, trailer
  sst-unique-count  a valid tiny workbook whose <sst uniqueCount="..."> claims 10^15 strings
  sst-renamed       the shared strings as xl/SharedStrings.xml (found case-insensitively by the reader),
                    ~120 MiB inflated of 2-character strings
  sst-amplified     ROWS data rows x COLUMNS columns (64: the template's 16 headers repeated; 16: each
                    once), every cell a reference to one of 100 shared strings of CHARS (2,000, the cell
                    limit) CJK characters: the reader copies the string into every cell that uses it
"""

import datetime
import os
import random
import sys
import zipfile

MIB = 1024 * 1024
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (
    XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    XML + f'<workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="会员信息采集表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = XML + f'<worksheet xmlns="{NS}"><dimension ref="A1:XFD1048576"/><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"
SST_TAIL = "</sst>"

# The template's headers (api/src/domain/member_sheet.rs COLUMNS), in order.
TEMPLATE = [
    "姓名", "身份证号", "手机号", "性别", "民族", "文化程度", "政治面貌", "户籍类型", "户籍所在地区划代码",
    "就业状态", "技能等级", "是否农民工", "是否新就业形态", "新就业形态类别", "是否劳务派遣", "入会日期",
]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强玉兰红梅海燕丹萍鹏飞晓东春梅玲俊峰"
HUKOU = ["511922", "511921", "511923", "512002", "510184", "500101", "433124", "520201"]


def col_name(i):
    """0 -> A, 63 -> BL."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_part(zf, name, chunks, level=6):
    """Writes a part from an iterable of str chunks, streaming (parts of hundreds of MB stay out of memory)."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    # The deflate level of this part (ZipInfo.compress_level from Python 3.13, _compresslevel before).
    info._compresslevel = level
    size = 0
    with zf.open(info, "w") as f:
        for chunk in chunks:
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
            size += len(data)
            f.write(data)
    return size


def write_xlsx(path, sheet_chunks, sst_chunks, extra=(), sst_name="xl/sharedStrings.xml", level=6):
    with zipfile.ZipFile(path, "w") as zf:
        write_part(zf, "[Content_Types].xml", [CONTENT_TYPES])
        write_part(zf, "_rels/.rels", [ROOT_RELS])
        write_part(zf, "xl/workbook.xml", [WORKBOOK])
        write_part(zf, "xl/_rels/workbook.xml.rels", [WORKBOOK_RELS])
        sst = write_part(zf, sst_name, sst_chunks, level)
        sheet = write_part(zf, "xl/worksheets/sheet1.xml", sheet_chunks, level)
        for name, chunks, lvl in extra:
            write_part(zf, name, chunks, lvl)
    return sst, sheet


def sst_head(count):
    return XML + f'<sst xmlns="{NS}" count="{count}" uniqueCount="{count}">'


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc(text)}</t></is></c>'


def shared(ref, index):
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def header_row(names):
    return '<row r="1">' + "".join(inline(f"{col_name(i)}1", h) for i, h in enumerate(names)) + "</row>"


def id_number(i):
    """A valid, unique GB 11643 number for row i: hukou county, a birth date 1970..2004, sequence."""
    area = HUKOU[i % len(HUKOU)]
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i // 1000) * 250 + (i % 7))
    seq = f"{i % 1000:03d}"
    first17 = f"{area}{birth:%Y%m%d}{seq}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
    return first17 + check, int(seq[-1]) % 2 == 1


def member_rows(n):
    """Header and n rows of valid members: (name, id, mobile, gender, ethnicity, education, migrant, joined)."""
    header = ["姓名*", "身份证号*", "手机号", "性别", "民族", "文化程度", "是否农民工", "入会日期"]
    rng = random.Random(20261206)
    educations = ["初中", "高中", "中专/中职", "大专", "本科"]
    seen = set()
    rows = []
    for i in range(n):
        number, male = id_number(i)
        assert number not in seen, number
        seen.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        rows.append([
            name, number, f"138{i:08d}", "男" if male else "女", "汉族", educations[i % len(educations)],
            "是" if i % 3 == 0 else "否", f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        ])
    return header, rows


def rows_xlsx(path, n):
    """Every text cell a shared string, as Excel writes it (repeated labels shared once)."""
    header, rows = member_rows(n)
    index = {}
    strings = []

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    def sheet():
        yield SHEET_HEAD
        yield '<row r="1">' + "".join(shared(f"{col_name(c)}1", s(h)) for c, h in enumerate(header)) + "</row>"
        buf = []
        for r, row in enumerate(rows, start=2):
            buf.append(f'<row r="{r}">' + "".join(shared(f"{col_name(c)}{r}", s(v)) for c, v in enumerate(row)) + "</row>")
            if len(buf) == 2000:
                yield "".join(buf)
                buf = []
        yield "".join(buf) + SHEET_TAIL

    sheet_xml = list(sheet())  # fills `strings` first
    write_xlsx(path, sheet_xml, [sst_head(len(strings))] + [f"<si><t>{esc(t)}</t></si>" for t in strings] + [SST_TAIL])


def rows_csv(path, n):
    header, rows = member_rows(n)
    lines = [",".join(header)] + [",".join(r) for r in rows]
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gb18030"))


def invalid_csv(path, n):
    _, rows = member_rows(n)
    lines = [",".join(TEMPLATE)]
    for name, number, mobile, *_ in rows:
        # 手机号 valid; 户籍所在地区划代码 free text; every coded, yes/no and date column an unknown label.
        lines.append(",".join([name, number, mobile] + ["未知"] * 5 + ["511922"] + ["未知"] * 7))
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def simple_sheet(data_rows_xml=""):
    return [SHEET_HEAD, header_row(["姓名", "身份证号"]), data_rows_xml, SHEET_TAIL]


def one_valid_row_xml(r=2):
    number, _ = id_number(7)
    return f'<row r="{r}">' + inline(f"A{r}", "王芳") + inline(f"B{r}", number) + "</row>"


def xfd(path):
    far = '<row r="1048576">' + inline("XFD1048576", "x") + "</row>"
    write_xlsx(path, simple_sheet(far), [sst_head(0), SST_TAIL])


def sst_300m(path):
    n = 300_000_000
    block = "x" * MIB

    def sst():
        yield sst_head(1) + "<si><t>"
        left = n
        while left:
            k = min(left, len(block))
            yield block[:k]
            left -= k
        yield "</t></si>" + SST_TAIL

    rows = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    write_xlsx(path, simple_sheet(rows), sst(), level=9)


def sst_48m_one(path):
    limit = 48 * MIB
    head, tail = sst_head(2) + "<si><t>王芳</t></si><si><t>", "</t></si>" + SST_TAIL
    n = limit - len(head.encode()) - len(tail.encode()) - 4096  # just under the bound
    rng = random.Random(48)

    def sst():
        yield head
        left = n
        while left:
            k = min(left, MIB)
            yield rng.randbytes(k // 2 + 1).hex()[:k]
            left -= k
        yield tail

    number, _ = id_number(7)
    rows = '<row r="2"><c r="A2" t="s"><v>1</v></c>' + inline("B2", number) + "</row>"
    write_xlsx(path, simple_sheet(rows), sst())


def short_strings(limit, rng):
    """Distinct-enough 2-character strings (so the part passes the 100-fold ratio check) up to `limit` bytes."""
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    per = len("<si><t>ab</t></si>")
    count = 0
    budget = limit
    chunks = []
    while budget >= per * 10000:
        chunk = "".join(f"<si><t>{rng.choice(alphabet)}{rng.choice(alphabet)}</t></si>" for _ in range(10000))
        chunks.append(chunk)
        count += 10000
        budget -= per * 10000
    return count, chunks


def sst_many(path, limit, sst_name):
    rng = random.Random(4848)
    head_reserve = 200
    count, chunks = short_strings(limit - head_reserve - len(SST_TAIL), rng)
    number, _ = id_number(7)
    rows = '<row r="2"><c r="A2" t="s"><v>0</v></c>' + inline("B2", number) + "</row>"
    sst, _ = write_xlsx(path, simple_sheet(rows), [sst_head(count)] + chunks + [SST_TAIL], sst_name=sst_name)
    assert sst <= limit, sst


def blank_csv(path):
    header = "姓名*,身份证号*\r\n".encode("gb18030")
    number, _ = id_number(7)
    row = f"王芳,{number}\r\n".encode("gb18030")
    with open(path, "wb") as f:
        f.write(header)
        f.write(b"\r\n" * ((31 * MIB - len(header) - len(row)) // 2))
        f.write(row)


def many_parts(path):
    # 6 workbook parts + 191 of exactly 1 MiB: 197 parts (<= 200), 191 MiB + a few KB inflated (<= 192 MiB).
    zeros = bytes(MIB)
    extra = [(f"xl/media/image{i}.bin", [zeros], 9) for i in range(191)]
    write_xlsx(path, simple_sheet(one_valid_row_xml()), [sst_head(0), SST_TAIL], extra=extra)


def pdf(path):
    size = 10 * MIB
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /XObject /Subtype /Image /Length 0 >>\nstream\n"
    tail = b"\nendstream\nendobj\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    rng = random.Random(10)
    body = bytearray(rng.randbytes(size - len(head) - len(tail)))
    # Printable filler in the first kilobyte, where the API looks for HTML markup.
    body[:1024] = b"A" * 1024
    with open(path, "wb") as f:
        f.write(head)
        f.write(body)
        f.write(tail)
    assert os.path.getsize(path) == size


def sst_unique_count(path):
    head = XML + f'<sst xmlns="{NS}" count="1" uniqueCount="1000000000000000">'
    number, _ = id_number(7)
    rows = '<row r="2"><c r="A2" t="s"><v>0</v></c>' + inline("B2", number) + "</row>"
    write_xlsx(path, simple_sheet(rows), [head, "<si><t>王芳</t></si>", SST_TAIL])


def sst_amplified(path, n, chars, cols=64):
    rng = random.Random(2000)
    k = 100
    strings = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(chars)) for _ in range(k)]
    headers = [TEMPLATE[i % len(TEMPLATE)] for i in range(cols)]
    refs = [col_name(c) for c in range(cols)]

    def sheet():
        yield SHEET_HEAD + header_row(headers)
        buf = []
        for r in range(2, n + 2):
            buf.append(f'<row r="{r}">' + "".join(f'<c r="{refs[c]}{r}" t="s"><v>{rng.randrange(k)}</v></c>' for c in range(cols)) + "</row>")
            if len(buf) == 500:
                yield "".join(buf)
                buf = []
        yield "".join(buf) + SHEET_TAIL

    write_xlsx(path, sheet(), [sst_head(k)] + [f"<si><t>{t}</t></si>" for t in strings] + [SST_TAIL])


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    case, out = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    chars = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    cols = int(sys.argv[5]) if len(sys.argv) > 5 else 64
    if not 1 <= cols <= 64:
        sys.exit("COLUMNS must be 1..64")
    if case == "xfd":
        xfd(out)
    elif case == "sst-300m":
        sst_300m(out)
    elif case == "sst-48m-one":
        sst_48m_one(out)
    elif case == "sst-48m-many":
        sst_many(out, 48 * MIB - 4096, "xl/sharedStrings.xml")
    elif case == "rows-xlsx":
        rows_xlsx(out, rows)
    elif case == "rows-csv":
        rows_csv(out, rows)
    elif case == "invalid-csv":
        invalid_csv(out, rows)
    elif case == "blank-csv":
        blank_csv(out)
    elif case == "many-parts":
        many_parts(out)
    elif case == "pdf":
        pdf(out)
    elif case == "sst-unique-count":
        sst_unique_count(out)
    elif case == "sst-renamed":
        sst_many(out, 120 * MIB, "xl/SharedStrings.xml")
    elif case == "sst-amplified":
        sst_amplified(out, rows, chars, cols)
    else:
        sys.exit(f"unknown case {case!r}\n{__doc__}")


if __name__ == "__main__":
    main()
