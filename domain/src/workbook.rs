//! Reading the first sheet of an untrusted xlsx file within stated bounds.
//!
//! An xlsx file is a zip archive of XML parts. Two things make a small upload expensive: a part that
//! inflates far beyond its compressed size (a 300 KB file holding a 300 MB string), and a sheet whose
//! cells, or whose declared dimension, reach far (`XFD1048576`), which a reader that allocates the
//! sheet's whole rectangle turns into gigabytes. So before any part is parsed the archive is checked:
//! entry count, each part's real inflated size (measured by inflating it into nothing, never trusting
//! the sizes the archive declares), the total, and the compression ratio. Then the sheet is streamed cell
//! by cell: nothing is allocated by dimension, cells beyond the kept columns are skipped, and a cell past
//! the row limit stops the read. The cost of any upload is then bounded by [`Bounds`].

use std::io::{Cursor, Read};

use calamine::{Data, Reader};

/// What one workbook may cost.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Parts in the archive.
    pub max_entries: usize,
    /// Inflated bytes of one part.
    pub max_part_bytes: u64,
    /// Inflated bytes of the shared-strings part, which is held in memory whole.
    pub max_shared_strings_bytes: u64,
    /// Inflated bytes of all parts together.
    pub max_total_bytes: u64,
    /// Inflated / compressed, for parts above 1 MiB inflated.
    pub max_ratio: u64,
    /// Rows, counting the header.
    pub max_rows: u32,
    /// Columns read (0-based indexes below this); cells further right are ignored.
    pub max_columns: u32,
    /// Characters in one cell.
    pub max_cell_chars: usize,
    /// Strings the shared-strings table may announce (readers reserve room for them up front).
    pub max_strings: u64,
}

/// Why a workbook is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Beyond a bound (answered 413).
    TooLarge(String),
    /// Not a readable xlsx file (answered 422).
    Unreadable(String),
}

const MIB: u64 = 1024 * 1024;

fn mib(n: u64) -> String {
    format!("{} MiB", n / MIB)
}

/// Checks the archive's parts against the bounds by inflating each one into nothing.
pub fn check_archive(bytes: &[u8], b: &Bounds) -> Result<(), Refusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Refusal::Unreadable(format!("not a readable xlsx file: {e}")))?;
    if zip.len() > b.max_entries {
        return Err(Refusal::TooLarge(format!(
            "the xlsx file has {} parts; at most {} are read",
            zip.len(),
            b.max_entries
        )));
    }
    let mut total: u64 = 0;
    let mut sink = [0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| Refusal::Unreadable(format!("not a readable xlsx file: {e}")))?;
        if part.is_dir() {
            continue;
        }
        let name = part
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{i}"));
        let compressed = part.compressed_size().max(1);
        // Readers find parts whatever their letter case (`xl/SharedStrings.xml` too).
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let limit = if shared_strings {
            b.max_shared_strings_bytes
        } else {
            b.max_part_bytes
        };
        let mut head: Vec<u8> = Vec::new();
        // Inflate at most one byte past the limit: the archive's declared sizes may lie.
        let mut inflated: u64 = 0;
        loop {
            let n = part.read(&mut sink).map_err(|e| {
                Refusal::Unreadable(format!("the xlsx part {name} cannot be read: {e}"))
            })?;
            if n == 0 {
                break;
            }
            if shared_strings && head.len() < HEAD_BYTES {
                let take = n.min(HEAD_BYTES - head.len());
                head.extend_from_slice(&sink[..take]);
            }
            inflated += n as u64;
            if inflated > limit {
                return Err(Refusal::TooLarge(format!(
                    "the xlsx part {name} inflates to more than {}; split the sheet into smaller files",
                    mib(limit)
                )));
            }
            if total + inflated > b.max_total_bytes {
                return Err(Refusal::TooLarge(format!(
                    "the xlsx file inflates to more than {}; split the sheet into smaller files",
                    mib(b.max_total_bytes)
                )));
            }
        }
        if inflated > MIB && inflated / compressed > b.max_ratio {
            return Err(Refusal::TooLarge(format!(
                "the xlsx part {name} inflates {}-fold, more than a spreadsheet does (at most {}-fold)",
                inflated / compressed,
                b.max_ratio
            )));
        }
        if shared_strings {
            check_string_count(&head, inflated, b)?;
        }
        total += inflated;
    }
    Ok(())
}

/// How much of the shared-strings part is kept to read its root element.
const HEAD_BYTES: usize = 64 * 1024;

/// The shared-strings table announces how many strings it holds (`<sst uniqueCount="…">`) and readers
/// reserve room for that many before reading one: a 2 KB file claiming 10^15 strings asked for 24 PB and
/// aborted the process. Every string takes at least 9 bytes of XML (`<si><t/></si>`), so a claim beyond
/// what the part's size allows, or beyond [`Bounds::max_strings`], is refused.
fn check_string_count(head: &[u8], inflated: u64, b: &Bounds) -> Result<(), Refusal> {
    let text = String::from_utf8_lossy(head);
    let Some(tag) = root_tag(&text, "sst") else {
        return Err(Refusal::Unreadable(
            "the shared-strings part has no readable root element".to_owned(),
        ));
    };
    let claimed = tag
        .match_indices("uniqueCount")
        .filter_map(|(at, _)| {
            let rest = tag[at + "uniqueCount".len()..]
                .trim_start()
                .strip_prefix('=')?;
            let rest = rest.trim_start().strip_prefix(['"', '\''])?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some(digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
        .unwrap_or(0);
    let possible = (inflated / 9).min(b.max_strings);
    if claimed > possible {
        return Err(Refusal::TooLarge(format!(
            "the shared-strings table claims {claimed} strings; at most {possible} fit in it"
        )));
    }
    Ok(())
}

/// The start tag of the first element named `local` (with or without a namespace prefix), up to its
/// closing `>`, if it is complete in `text`.
fn root_tag<'a>(text: &'a str, local: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(lt) = text[from..].find('<').map(|i| from + i) {
        let after = &text[lt + 1..];
        let name_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let name = &after[..name_len];
        if name == local || name.rsplit(':').next() == Some(local) && name.contains(':') {
            let end = after.find('>')?;
            return Some(&after[..end]);
        }
        from = lt + 1;
    }
    None
}

/// One non-empty cell of the sheet: 0-based row and column, and its value.
pub struct SheetCell {
    /// Row, 0-based (the header is row 0).
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
    /// The value.
    pub value: Data,
}

/// Streams the first sheet's non-empty cells in the columns below `max_columns` to `on_cell`, after
/// [`check_archive`]. A non-empty cell at or beyond `max_rows`, in any column, refuses the whole sheet; so
/// does a cell longer than `max_cell_chars`.
pub fn read_first_sheet(
    bytes: &[u8],
    b: &Bounds,
    mut on_cell: impl FnMut(SheetCell) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    check_archive(bytes, b)?;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Refusal::Unreadable(format!("not a readable xlsx file: {e}")))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Refusal::Unreadable("the workbook has no sheet".to_owned()))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| Refusal::Unreadable(format!("the first sheet cannot be read: {e}")))?;
    loop {
        let cell = cells
            .next_cell()
            .map_err(|e| Refusal::Unreadable(format!("the first sheet cannot be read: {e}")))?;
        let Some(cell) = cell else { break };
        let (row, col) = cell.get_position();
        let value: Data = cell.get_value().clone().into();
        if matches!(value, Data::Empty) {
            continue;
        }
        if row >= b.max_rows {
            return Err(Refusal::TooLarge(format!(
                "the sheet has a value in row {}; at most {} rows are read (one header row and {} data rows)",
                u64::from(row) + 1,
                b.max_rows,
                b.max_rows - 1
            )));
        }
        if col >= b.max_columns {
            continue;
        }
        if let Data::String(s) = &value {
            if s.chars().count() > b.max_cell_chars {
                return Err(Refusal::TooLarge(format!(
                    "the cell in row {} holds more than {} characters",
                    u64::from(row) + 1,
                    b.max_cell_chars
                )));
            }
        }
        on_cell(SheetCell { row, col, value })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const BOUNDS: Bounds = Bounds {
        max_entries: 50,
        max_part_bytes: 4 * MIB,
        max_shared_strings_bytes: 2 * MIB,
        max_total_bytes: 6 * MIB,
        max_ratio: 100,
        max_rows: 11,
        max_columns: 8,
        max_cell_chars: 100,
        max_strings: 1000,
    };

    /// A minimal xlsx archive with the given sheet XML (inline strings) and shared-strings XML.
    fn xlsx(sheet_data: &str, shared: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            let parts = [
                ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned()),
                ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
                ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
                ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned()),
                ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>"#)),
                ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#)),
            ];
            for (name, text) in parts {
                let _ = z.start_file(name, opts);
                let _ = z.write_all(text.as_bytes());
            }
            let _ = z.finish();
        }
        out.into_inner()
    }

    /// The minimal workbook whose `sst` element carries `attrs`.
    fn xlsx_with_sst(attrs: &str) -> Vec<u8> {
        xlsx_parts(
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {attrs}><si><t>王芳</t></si></sst>"#
            ),
        )
    }

    /// The minimal workbook with its shared strings stored under `name`.
    fn xlsx_parts(name: &str, shared: &str) -> Vec<u8> {
        let standard = xlsx(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, "");
        let mut zip = zip::ZipArchive::new(Cursor::new(standard.as_slice())).ok();
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            if let Some(zip) = zip.as_mut() {
                for i in 0..zip.len() {
                    let Ok(mut part) = zip.by_index(i) else {
                        continue;
                    };
                    let part_name = part.name().map(|n| n.into_owned()).unwrap_or_default();
                    if part_name == "xl/sharedStrings.xml" {
                        continue;
                    }
                    let mut text = Vec::new();
                    let _ = part.read_to_end(&mut text);
                    let _ = w.start_file(part_name, opts);
                    let _ = w.write_all(&text);
                }
            }
            let _ = w.start_file(name, opts);
            let _ = w.write_all(shared.as_bytes());
            let _ = w.finish();
        }
        out.into_inner()
    }

    fn read_all(bytes: &[u8]) -> Result<Vec<(u32, u32, String)>, Refusal> {
        let mut out = Vec::new();
        read_first_sheet(bytes, &BOUNDS, |c| {
            out.push((c.row, c.col, c.value.to_string()));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn a_sheet_declaring_the_whole_grid_reads_only_its_cells() {
        let sheet = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="s"><v>0</v></c></row>"#;
        let cells = read_all(&xlsx(sheet, "<si><t>身份证号</t></si>")).unwrap_or_default();
        assert_eq!(
            cells,
            vec![(0, 0, "姓名".to_owned()), (0, 1, "身份证号".to_owned())]
        );
    }

    #[test]
    fn a_value_far_down_refuses_the_sheet_and_far_right_is_ignored() {
        let far_down = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
        let refused = read_all(&xlsx(far_down, ""));
        assert!(
            matches!(&refused, Err(Refusal::TooLarge(m)) if m.contains("row 1048576")),
            "{:?}",
            refused.err()
        );
        let far_right = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>"#;
        assert_eq!(read_all(&xlsx(far_right, "")).map(|c| c.len()), Ok(1));
    }

    #[test]
    fn an_inflating_part_is_refused_before_it_is_parsed() {
        let huge = "x".repeat(3 * 1024 * 1024);
        let bomb = xlsx("", &format!("<si><t>{huge}</t></si>"));
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        assert!(
            matches!(read_all(&bomb), Err(Refusal::TooLarge(m)) if m.contains("sharedStrings"))
        );
    }

    #[test]
    fn a_high_ratio_part_is_refused() {
        let rows: String = (1..=10)
            .map(|r| {
                format!(
                    r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                    "y".repeat(99)
                )
            })
            .collect();
        let padding = " ".repeat(2 * 1024 * 1024);
        let bomb = xlsx(&format!("{rows}{padding}"), "");
        assert!(matches!(read_all(&bomb), Err(Refusal::TooLarge(m)) if m.contains("fold")));
    }

    #[test]
    fn a_table_claiming_more_strings_than_it_can_hold_is_refused() {
        let xlsx_claiming = xlsx_with_sst;
        assert!(matches!(
            read_all(&xlsx_claiming(r#"count="1" uniqueCount="1000000000000000""#)),
            Err(Refusal::TooLarge(m)) if m.contains("claims")
        ));
        assert!(matches!(
            read_all(&xlsx_claiming(r#"uniqueCount = '99999999999999999999999'"#)),
            Err(Refusal::TooLarge(_))
        ));
        assert_eq!(
            read_all(&xlsx_claiming(r#"count="1" uniqueCount="1""#)).map(|c| c.len()),
            Ok(1)
        );
    }

    #[test]
    fn the_shared_strings_bound_holds_whatever_the_letter_case() {
        let huge = "x".repeat(3 * 1024 * 1024);
        let bomb = xlsx_parts(
            "xl/SHAREDSTRINGS.xml",
            &format!(r#"<sst uniqueCount="1"><si><t>{huge}</t></si></sst>"#),
        );
        assert!(
            matches!(read_all(&bomb), Err(Refusal::TooLarge(m)) if m.contains("SHAREDSTRINGS"))
        );
    }

    #[test]
    fn a_long_cell_and_garbage_are_refused() {
        let long = format!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>"#,
            "z".repeat(101)
        );
        assert!(matches!(
            read_all(&xlsx(&long, "")),
            Err(Refusal::TooLarge(_))
        ));
        assert!(matches!(
            read_all(b"PK\x03\x04 not really a zip"),
            Err(Refusal::Unreadable(_))
        ));
    }
}
