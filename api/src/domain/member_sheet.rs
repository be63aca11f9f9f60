//! The member collection sheet (会员信息采集表): its columns, reading an uploaded xlsx or csv (UTF-8, or
//! GBK/GB18030 as Chinese Excel saves csv), and turning cell text into API codes.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader};

use super::code_lists::{self, CodeList};

/// How a column's text becomes a value.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// Free text.
    Text,
    /// A code from a list; Chinese label, English label or the code itself are accepted.
    Coded(&'static CodeList),
    /// 是/否 (also yes/no, true/false, 1/0).
    YesNo,
    /// A date: 2020-05-01, 2020/5/1, 20200501, or an Excel date.
    Date,
}

/// One column: the API field, the header in the sheet, whether it is required, how to read it.
pub struct Column {
    /// The JSON field of a member.
    pub field: &'static str,
    /// The header text in the template.
    pub header: &'static str,
    /// Required.
    pub required: bool,
    /// Kind.
    pub cell: Cell,
}

/// The template's columns, in order.
pub const COLUMNS: &[Column] = &[
    Column {
        field: "name",
        header: "姓名",
        required: true,
        cell: Cell::Text,
    },
    Column {
        field: "id_number",
        header: "身份证号",
        required: true,
        cell: Cell::Text,
    },
    Column {
        field: "mobile",
        header: "手机号",
        required: false,
        cell: Cell::Text,
    },
    Column {
        field: "gender",
        header: "性别",
        required: false,
        cell: Cell::Coded(&code_lists::GENDERS),
    },
    Column {
        field: "ethnicity",
        header: "民族",
        required: false,
        cell: Cell::Coded(&code_lists::ETHNICITIES),
    },
    Column {
        field: "education",
        header: "文化程度",
        required: false,
        cell: Cell::Coded(&code_lists::EDUCATION_LEVELS),
    },
    Column {
        field: "political_status",
        header: "政治面貌",
        required: false,
        cell: Cell::Coded(&code_lists::POLITICAL_STATUSES),
    },
    Column {
        field: "hukou_type",
        header: "户籍类型",
        required: false,
        cell: Cell::Coded(&code_lists::HUKOU_TYPES),
    },
    Column {
        field: "hukou_division",
        header: "户籍所在地区划代码",
        required: false,
        cell: Cell::Text,
    },
    Column {
        field: "employment_status",
        header: "就业状态",
        required: false,
        cell: Cell::Coded(&code_lists::EMPLOYMENT_STATUSES),
    },
    Column {
        field: "skill_level",
        header: "技能等级",
        required: false,
        cell: Cell::Coded(&code_lists::SKILL_LEVELS),
    },
    Column {
        field: "migrant_worker",
        header: "是否农民工",
        required: false,
        cell: Cell::YesNo,
    },
    Column {
        field: "new_form_employment",
        header: "是否新就业形态",
        required: false,
        cell: Cell::YesNo,
    },
    Column {
        field: "new_form_kind",
        header: "新就业形态类别",
        required: false,
        cell: Cell::Coded(&code_lists::NEW_FORM_KINDS),
    },
    Column {
        field: "dispatched",
        header: "是否劳务派遣",
        required: false,
        cell: Cell::YesNo,
    },
    Column {
        field: "joined_on",
        header: "入会日期",
        required: false,
        cell: Cell::Date,
    },
];

/// The most rows one upload may carry.
pub const MAX_ROWS: usize = 50_000;

/// A data row: its 1-based row number in the sheet and its cells by field.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// Row number as the user sees it (the header is row 1).
    pub row: usize,
    /// Cell text by field, trimmed, empty cells left out.
    pub cells: HashMap<&'static str, String>,
}

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// Row number.
    pub row: usize,
    /// The field.
    pub field: &'static str,
    /// Error code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

fn column_for(header: &str) -> Option<&'static Column> {
    let h = header.trim().trim_end_matches(['*', '＊']).trim();
    COLUMNS.iter().find(|c| c.header == h || c.field == h)
}

fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        // Chinese Excel saves csv in the ANSI code page: GBK, a subset of GB18030.
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn excel_cell(d: &Data, cell: Cell) -> Result<String, &'static str> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if matches!(cell, Cell::Date) {
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
                (base + chrono::Duration::days(*f as i64)).to_string()
            } else if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                // An 18-digit ID number typed as a number has lost its last digits.
                return Err("number_too_long");
            }
        }
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => return Err("cell_error"),
    })
}

/// Reads an upload: xlsx (first sheet) when it starts like a zip file, else csv. The first row must hold
/// the template's headers (extra columns are ignored, required ones must be there).
pub fn read(bytes: &[u8]) -> Result<(Vec<SheetRow>, Vec<CellError>), String> {
    let mut grid: Vec<Vec<Result<String, &'static str>>> = Vec::new();
    if bytes.starts_with(b"PK") {
        let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes))
            .map_err(|e| format!("not a readable xlsx file: {e}"))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or("the workbook has no sheet")?
            .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
        let header: Vec<Option<&'static Column>> = range
            .rows()
            .next()
            .map(|r| r.iter().map(|d| column_for(&d.to_string())).collect())
            .unwrap_or_default();
        for row in range.rows() {
            grid.push(
                row.iter()
                    .enumerate()
                    .map(|(i, d)| {
                        excel_cell(
                            d,
                            header
                                .get(i)
                                .copied()
                                .flatten()
                                .map(|c| c.cell)
                                .unwrap_or(Cell::Text),
                        )
                    })
                    .collect(),
            );
        }
    } else {
        let text = decode_text(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| format!("not a readable csv file: {e}"))?;
            grid.push(record.iter().map(|s| Ok(s.trim().to_owned())).collect());
        }
    }
    let mut rows = grid.into_iter();
    let header: Vec<Option<&'static Column>> = rows
        .next()
        .ok_or("the file is empty")?
        .iter()
        .map(|h| h.as_ref().ok().and_then(|h| column_for(h)))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.required && !header.iter().flatten().any(|h| h.field == c.field))
        .map(|c| c.header)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header row lacks the required columns: {} (use the template)",
            missing.join(", ")
        ));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in rows.enumerate() {
        let row = i + 2;
        let mut map = HashMap::new();
        for (col, value) in header.iter().zip(cells) {
            let Some(col) = col else { continue };
            match value {
                Ok(v) if v.is_empty() => {}
                Ok(v) => {
                    map.insert(col.field, v);
                }
                Err("number_too_long") => errors.push(CellError {
                    row,
                    field: col.field,
                    code: "invalid_format",
                    message: "this number lost digits in Excel: format the column as text and type it again".to_owned(),
                }),
                Err(_) => errors.push(CellError { row, field: col.field, code: "invalid_value", message: "the cell holds an Excel error".to_owned() }),
            }
        }
        if map.is_empty() && !errors.iter().any(|e| e.row == row) {
            continue;
        }
        out.push(SheetRow { row, cells: map });
        if out.len() > MAX_ROWS {
            return Err(format!("at most {MAX_ROWS} rows per upload"));
        }
    }
    Ok((out, errors))
}

/// The code for a coded cell's text: the code, its Chinese or its English label.
pub fn code_of(list: &CodeList, text: &str) -> Option<&'static str> {
    let t = text.trim();
    list.entries
        .iter()
        .find(|(code, zh, en)| *code == t || *zh == t || en.eq_ignore_ascii_case(t))
        .map(|(code, _, _)| *code)
}

/// 是/否 as a boolean.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" => Some(true),
        "否" | "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A date in the forms Chinese spreadsheets use.
pub fn date(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(t, f).ok())
}

/// The header of a field, for error reports.
pub fn header_of(field: &str) -> &'static str {
    COLUMNS
        .iter()
        .find(|c| c.field == field)
        .map(|c| c.header)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk_read_alike() {
        let text = "姓名*,身份证号*,性别,是否农民工,入会日期\n李阳,11010519491231002X,女,是,2020/5/1\n,,,,\n王芳,440524188001010014,male,否,20210301\n";
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(text.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        for bytes in [utf8, gbk.into_owned()] {
            let (rows, errors) = read(&bytes).unwrap_or_default();
            assert!(errors.is_empty());
            assert_eq!(rows.len(), 2, "the blank line is skipped");
            assert_eq!(rows[0].row, 2);
            assert_eq!(rows[1].row, 4);
            assert_eq!(rows[0].cells.get("name").map(String::as_str), Some("李阳"));
            assert_eq!(
                rows[1].cells.get("gender").map(String::as_str),
                Some("male")
            );
        }
    }

    #[test]
    fn a_missing_required_column_is_refused() {
        let err = read("姓名,手机号\n李阳,13800138000\n".as_bytes())
            .err()
            .unwrap_or_default();
        assert!(err.contains("身份证号"), "{err}");
    }

    #[test]
    fn labels_codes_flags_and_dates() {
        assert_eq!(code_of(&code_lists::ETHNICITIES, "土家族"), Some("15"));
        assert_eq!(code_of(&code_lists::ETHNICITIES, "Tujia"), Some("15"));
        assert_eq!(code_of(&code_lists::ETHNICITIES, "15"), Some("15"));
        assert_eq!(code_of(&code_lists::ETHNICITIES, "火星族"), None);
        assert_eq!(
            (yes_no("是"), yes_no("否"), yes_no("maybe")),
            (Some(true), Some(false), None)
        );
        let d = chrono::NaiveDate::from_ymd_opt(2020, 5, 1);
        assert_eq!(
            (
                date("2020-05-01"),
                date("2020/5/1"),
                date("20200501"),
                date("2020年5月1日")
            ),
            (d, d, d, d)
        );
    }
}
