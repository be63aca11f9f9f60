//! `GET /member-imports/template`.

use actix_web::{get, HttpResponse};
use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook};

use crate::auth::{AuthUser, Permission};
use crate::domain::member_sheet::{Cell, COLUMNS};
use crate::error::{ApiError, ApiResult, Problem};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ROWS: u32 = 50_000;

fn build() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    // The code lists live on a second sheet; drop-downs refer to its columns (Excel's inline lists
    // are limited to 255 characters, too short for 58 ethnic groups).
    let mut lists = Vec::new();
    for col in COLUMNS {
        if let Cell::Coded(list) = col.cell {
            lists.push((col.field, list));
        }
    }
    let header = Format::new().set_bold().set_background_color("#FDE9D9");
    let required = Format::new()
        .set_bold()
        .set_font_color("#C00000")
        .set_background_color("#FDE9D9");
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet().set_name("会员信息采集")?;
    for (i, col) in COLUMNS.iter().enumerate() {
        let c = i as u16;
        let title = if col.required {
            format!("{}*", col.header)
        } else {
            col.header.to_owned()
        };
        sheet.write_string_with_format(
            0,
            c,
            &title,
            if col.required { &required } else { &header },
        )?;
        sheet.set_column_width(
            c,
            if col.field == "id_number" || col.field == "hukou_division" {
                22
            } else {
                14
            },
        )?;
        match col.cell {
            // ID and phone numbers as text, or Excel turns 18 digits into a rounded number.
            Cell::Text => {
                sheet.set_column_format(c, &text)?;
            }
            Cell::Coded(list) => {
                let pos = lists.iter().position(|(f, _)| *f == col.field).unwrap_or(0);
                let letter = (b'A' + pos as u8) as char;
                let range = format!("='代码表'!${letter}$2:${letter}${}", list.entries.len() + 1);
                let dv = DataValidation::new().allow_list_formula(Formula::new(range));
                sheet.add_data_validation(1, c, ROWS, c, &dv)?;
            }
            Cell::YesNo => {
                let dv = DataValidation::new().allow_list_strings(&["是", "否"])?;
                sheet.add_data_validation(1, c, ROWS, c, &dv)?;
            }
            Cell::Date => {
                sheet.set_column_format(c, &text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let codes = book.add_worksheet().set_name("代码表")?;
    for (i, (_, list)) in lists.iter().enumerate() {
        let c = i as u16;
        codes.write_string_with_format(0, c, list.description, &header)?;
        for (r, (_, zh, _)) in list.entries.iter().enumerate() {
            codes.write_string(r as u32 + 1, c, *zh)?;
        }
        codes.set_column_width(c, 18)?;
    }
    book.save_to_buffer()
}

/// The member collection template (会员信息采集表.xlsx): one column per field, the required ones marked
/// `*`, drop-downs from the code lists, ID and phone columns formatted as text.
#[utoipa::path(
    tag = "member-imports",
    responses(
        (status = 200, description = "The template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = inline(crate::http::upload::Binary)),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/member-imports/template")]
pub async fn get_member_import_template(user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let bytes = build().map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(("content-disposition", "attachment; filename=\"member-template.xlsx\"; filename*=UTF-8''%E4%BC%9A%E5%91%98%E4%BF%A1%E6%81%AF%E9%87%87%E9%9B%86%E8%A1%A8.xlsx"))
        .body(bytes))
}
