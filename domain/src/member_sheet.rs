//! The member collection sheet (会员信息采集表): its columns, reading an uploaded xlsx or csv (UTF-8, or
//! GBK/GB18030 as Chinese Excel saves csv), and turning cell text into API codes.

use calamine::Data;
use std::collections::HashMap;

use super::code_lists::{self, CodeList};
use super::workbook::{self, Refusal};

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

/// The largest upload: a 50,000-row sheet is about 4 MiB.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

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
                // Excel's day numbers; one outside chrono's calendar is an invalid date, not a panic.
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
                chrono::TimeDelta::try_days(*f as i64)
                    .and_then(|d| base.checked_add_signed(d))
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| f.to_string())
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

/// Largest uploads are refused before this module sees them (32 MiB); these bound what reading one may
/// cost beyond its bytes. A 50,000-row sheet inflates to about 40 MiB of sheet XML and a few MiB of
/// shared strings, well inside.
pub const BOUNDS: workbook::Bounds = workbook::Bounds {
    max_entries: 200,
    max_part_bytes: 128 * 1024 * 1024,
    max_shared_strings_bytes: 48 * 1024 * 1024,
    max_total_bytes: 192 * 1024 * 1024,
    max_ratio: 100,
    max_rows: MAX_ROWS as u32 + 1,
    max_columns: MAX_COLUMNS,
    max_cell_chars: MAX_CELL_CHARS,
    max_strings: 2_000_000,
};

/// Columns read from a sheet; the template has 16, extra ones further right are ignored.
pub const MAX_COLUMNS: u32 = 64;

/// Characters in one cell: no field of a member is longer than a few hundred.
pub const MAX_CELL_CHARS: usize = 2000;

/// A sheet's cells, row by row, each row's cells by column (both sparse, in reading order).
type Grid = Vec<(usize, Vec<(usize, Result<String, &'static str>)>)>;

/// Text a sheet's kept cells may hold in all, bytes: a 50,000-row sheet of the template holds a few MiB.
/// Shared strings are copied into each cell that uses them, so without this a small file of long strings
/// referenced many times costs gigabytes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// The header row as it is read: which template column each sheet column is, each template column at
/// most once; and the text kept so far, against [`MAX_TEXT_BYTES`].
#[derive(Default)]
struct Reading {
    header: Vec<Option<&'static Column>>,
    text_bytes: usize,
    grid: Grid,
}

/// `A`, `B`, … `Z`, `AA`: a column as spreadsheets name it.
fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Reading {
    /// Records a header cell; a template column named twice is refused (which one would count?).
    fn head(&mut self, col: usize, text: &str) -> Result<(), Refusal> {
        let Some(column) = column_for(text) else {
            return Ok(());
        };
        if let Some(first) = self
            .header
            .iter()
            .position(|h| h.is_some_and(|h| h.field == column.field))
        {
            return Err(Refusal::Unreadable(format!(
                "the header names {} twice (columns {} and {}); keep one",
                column.header,
                column_name(first),
                column_name(col)
            )));
        }
        if self.header.len() <= col {
            self.header.resize(col + 1, None);
        }
        self.header[col] = Some(column);
        Ok(())
    }

    /// The kind of a data column, `None` for columns the template does not have (not kept).
    fn kind(&self, col: usize) -> Option<Cell> {
        self.header.get(col).copied().flatten().map(|c| c.cell)
    }

    /// Keeps a cell of `row`, counting its text against the budget.
    fn keep(
        &mut self,
        row: usize,
        col: usize,
        value: Result<String, &'static str>,
    ) -> Result<(), Refusal> {
        self.text_bytes += value.as_ref().map(String::len).unwrap_or(0);
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(Refusal::TooLarge(format!(
                "the sheet's cells hold more than {} MiB of text in all",
                MAX_TEXT_BYTES / (1024 * 1024)
            )));
        }
        match self.grid.last_mut() {
            Some((r, cells)) if *r == row => cells.push((col, value)),
            _ => self.grid.push((row, vec![(col, value)])),
        }
        Ok(())
    }
}

/// Reads the cells of an xlsx upload within [`BOUNDS`]: the header row whole, then only the template's
/// columns, so the rows cost what the template's cells cost.
fn xlsx_grid(bytes: &[u8]) -> Result<Reading, Refusal> {
    let mut reading = Reading::default();
    workbook::read_first_sheet(bytes, &BOUNDS, |cell| {
        let (row, col) = (cell.row as usize, cell.col as usize);
        if row == 0 {
            if reading.grid.iter().any(|(r, _)| *r > 0) {
                return Err(Refusal::Unreadable(
                    "the sheet's rows are out of order; open it in Excel and save it again"
                        .to_owned(),
                ));
            }
            let text = cell.value.to_string();
            reading.head(col, &text)?;
            return reading.keep(0, col, Ok(text));
        }
        let Some(kind) = reading.kind(col) else {
            return Ok(());
        };
        let value = excel_cell(&cell.value, kind);
        reading.keep(row, col, value)
    })?;
    Ok(reading)
}

/// Reads the cells of a csv upload (UTF-8, or GBK as Chinese Excel saves it) within the same bounds.
fn csv_grid(bytes: &[u8]) -> Result<Reading, Refusal> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut reading = Reading::default();
    let mut header_read = false;
    for (row, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Refusal::Unreadable(format!("not a readable csv file: {e}")))?;
        let cells = record
            .iter()
            .take(MAX_COLUMNS as usize)
            .enumerate()
            .map(|(col, s)| (col, s.trim()))
            .filter(|(_, s)| !s.is_empty());
        let mut any = false;
        for (col, cell) in cells {
            if row > MAX_ROWS {
                return Err(Refusal::TooLarge(format!(
                    "the file has a value in row {}; at most {MAX_ROWS} data rows are read",
                    row + 1
                )));
            }
            if cell.chars().count() > MAX_CELL_CHARS {
                return Err(Refusal::TooLarge(format!(
                    "a cell in row {} holds more than {MAX_CELL_CHARS} characters",
                    row + 1
                )));
            }
            any = true;
            if !header_read {
                reading.head(col, cell)?;
            } else if reading.kind(col).is_none() {
                continue;
            }
            reading.keep(row, col, Ok(cell.to_owned()))?;
        }
        header_read |= any;
    }
    Ok(reading)
}

/// Reads an upload: xlsx (first sheet) when it starts like a zip file, else csv. The first row must hold
/// the template's headers (extra columns are ignored, required ones must be there). What a file may cost
/// to read is bounded ([`BOUNDS`]); beyond that it is refused as [`Refusal::TooLarge`].
pub fn read(bytes: &[u8]) -> Result<(Vec<SheetRow>, Vec<CellError>), Refusal> {
    let Reading { header, grid, .. } = if bytes.starts_with(b"PK") {
        xlsx_grid(bytes)?
    } else {
        csv_grid(bytes)?
    };
    let mut rows = grid.into_iter();
    // The header row was mapped while it was read.
    if !matches!(rows.next(), Some((0, _))) {
        return Err(Refusal::Unreadable(
            "the first row must be the header row (use the template)".to_owned(),
        ));
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.required && !header.iter().flatten().any(|h| h.field == c.field))
        .map(|c| c.header)
        .collect();
    if !missing.is_empty() {
        return Err(Refusal::Unreadable(format!(
            "the header row lacks the required columns: {} (use the template)",
            missing.join(", ")
        )));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in rows {
        let row = i + 1;
        let errors_before = errors.len();
        let mut map = HashMap::new();
        for (col, value) in cells {
            let Some(col) = header.get(col).copied().flatten() else {
                continue;
            };
            match value {
                Ok(v) if v.is_empty() => {}
                Ok(v) => match super::first_forbidden(&v) {
                    Some(c) => errors.push(CellError {
                        row,
                        field: col.field,
                        code: "invalid_format",
                        message: format!(
                            "the cell contains the control character {}",
                            super::codepoint(c)
                        ),
                    }),
                    None => {
                        map.insert(col.field, v);
                    }
                },
                Err("number_too_long") => errors.push(CellError {
                    row,
                    field: col.field,
                    code: "invalid_format",
                    message: "this number lost digits in Excel: format the column as text and type it again".to_owned(),
                }),
                Err(_) => errors.push(CellError { row, field: col.field, code: "invalid_value", message: "the cell holds an Excel error".to_owned() }),
            }
        }
        if map.is_empty() && errors.len() == errors_before {
            continue;
        }
        out.push(SheetRow { row, cells: map });
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
    fn a_control_character_in_a_cell_is_that_cell_s_error() {
        let (rows, errors) =
            read("姓名,身份证号\n李\u{0}阳,11010519491231002X\n".as_bytes()).unwrap_or_default();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            errors.first().map(|e| (e.row, e.field, e.code)),
            Some((2, "name", "invalid_format"))
        );
    }

    #[test]
    fn a_column_named_twice_is_refused_and_columns_are_named_as_in_excel() {
        let err = read("姓名,身份证号,姓名\n李阳,11010519491231002X,王芳\n".as_bytes()).err();
        assert!(
            matches!(&err, Some(Refusal::Unreadable(m)) if m.contains("姓名 twice (columns A and C)")),
            "{err:?}"
        );
        assert_eq!(
            [0, 25, 26, 63].map(column_name),
            [
                "A".to_owned(),
                "Z".to_owned(),
                "AA".to_owned(),
                "BL".to_owned()
            ]
        );
    }

    #[test]
    fn a_missing_required_column_is_refused() {
        let err = read("姓名,手机号\n李阳,13800138000\n".as_bytes()).err();
        assert!(
            matches!(&err, Some(Refusal::Unreadable(m)) if m.contains("身份证号")),
            "{err:?}"
        );
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

crate::text_enum! {
    /// Where a member import stands.
    ImportStatus {
        /// Read and checked; nothing written yet.
        Previewed = "previewed",
        /// Its valid rows were registered.
        Committed = "committed",
    }
}
