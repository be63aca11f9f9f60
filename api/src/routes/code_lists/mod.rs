//! `/api/v1/code-lists`: the lists members are described with, in Chinese and English.

pub mod get;
pub mod list;

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::code_lists::CodeList;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_code_lists)
        .service(get::get_code_list);
}

/// One code.
#[derive(Debug, Serialize, ToSchema)]
pub struct Code {
    /// What the API stores and accepts.
    pub code: String,
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
}

/// A code list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeListBody {
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The codes in display order.
    pub items: Vec<Code>,
}

impl From<&CodeList> for CodeListBody {
    fn from(l: &CodeList) -> CodeListBody {
        CodeListBody {
            name: l.name.to_owned(),
            description: l.description.to_owned(),
            items: l
                .entries
                .iter()
                .map(|(c, zh, en)| Code {
                    code: (*c).to_owned(),
                    zh: (*zh).to_owned(),
                    en: (*en).to_owned(),
                })
                .collect(),
        }
    }
}
