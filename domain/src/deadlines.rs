//! Statutory deadlines of rights-protection work, computed from a case's facts by rules kept as data,
//! each with its legal source, and moved off rest days as the Civil Code says.
//!
//! How a period is counted (中华人民共和国民法典):
//! - Art. 201: the day the period starts is not counted; it runs from the next day.
//! - Art. 202: a period in months or years ends on the corresponding day of the last month; without one
//!   (31 January + 1 month, 29 February + 1 year) on the last day of that month.
//! - Art. 203: when the last day is a statutory rest day, the period ends on the first day after it that
//!   is not. Rest days are weekends and public holidays, except the weekend days the State Council makes
//!   working days (调休上班), which count as working days.
//!
//! The holidays and adjusted working days change every year, so they are a [`Calendar`] of data: the
//! shipped file `domain/data/holidays.csv` (one line per day, with the notice it comes from) plus what
//! staff add. A deadline that falls in a year the calendar does not cover is computed on weekends alone
//! and says so ([`Deadline::calendar_covers`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// What kind of day an entry of the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A public holiday or a day off of one (放假).
    Holiday,
    /// A weekend day that is worked (调休上班).
    Workday,
}

/// Public holidays and adjusted working days, by date.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
    years: BTreeSet<i32>,
}

/// The calendar shipped with the platform (see the file's header for its editions).
pub const SHIPPED: &str = include_str!("../data/holidays.csv");

impl Calendar {
    /// Reads `date,kind,name` lines (`#` comments and the header skipped); refuses a malformed line.
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let mut cal = Calendar::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with("date,") {
                continue;
            }
            let mut parts = line.splitn(3, ',');
            let (date, kind) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| format!("line {}: '{}' is not a date", n + 1, date))?;
            let kind = match kind.trim() {
                "holiday" => DayKind::Holiday,
                "workday" => DayKind::Workday,
                other => {
                    return Err(format!(
                        "line {}: '{other}' is neither holiday nor workday",
                        n + 1
                    ))
                }
            };
            cal.add(date, kind);
        }
        Ok(cal)
    }

    /// The shipped calendar.
    pub fn shipped() -> Calendar {
        Calendar::parse(SHIPPED).unwrap_or_default()
    }

    /// Adds (or replaces) one day.
    pub fn add(&mut self, date: NaiveDate, kind: DayKind) {
        self.days.insert(date, kind);
        self.years.insert(date.year());
    }

    /// The years with at least one entry (a year's notice always lists some days).
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether the calendar holds the year's notice.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Whether people work on `date`: an adjusted working day, or a weekday that is not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.days.get(&date) {
            Some(DayKind::Workday) => true,
            Some(DayKind::Holiday) => false,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Civil Code Art. 203: the last day of a period, moved off rest days to the first working day.
    pub fn last_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // A run of rest days is never longer than a few weeks; the bound keeps a broken calendar finite.
        for _ in 0..60 {
            if self.is_working_day(d) {
                return d;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
        }
        d
    }
}

/// A period as the law states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Days.
    Days(u64),
    /// Months.
    Months(u32),
    /// Years.
    Years(u32),
}

impl Period {
    /// The last day of the period that starts on `start` (Civil Code Arts. 201-202), before Art. 203.
    pub fn end(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(n) => start.checked_add_days(Days::new(n)),
            Period::Months(n) => start.checked_add_months(Months::new(n)),
            Period::Years(n) => start.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }
}

/// The fact a deadline runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// When the worker knew or should have known of the infringement; for wages unpaid while the worker
    /// is still employed, the end of the employment instead.
    Infringement,
    /// The application for mediation.
    MediationApplied,
    /// The arbitration commission's acceptance of the case.
    ArbitrationAccepted,
    /// The accident of a work injury.
    Accident,
}

/// One statutory deadline rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code.
    pub code: &'static str,
    /// What ends, in Chinese.
    pub label_zh: &'static str,
    /// What ends, in English.
    pub label_en: &'static str,
    /// The fact it runs from.
    pub trigger: Trigger,
    /// How long.
    pub period: Period,
    /// The law and article.
    pub source: &'static str,
}

/// The rules, as data.
pub const RULES: &[Rule] = &[
    Rule {
        code: "arbitration_limitation",
        label_zh: "劳动争议仲裁时效",
        label_en: "Limitation period for labour arbitration",
        trigger: Trigger::Infringement,
        period: Period::Years(1),
        source: "劳动争议调解仲裁法 第二十七条",
    },
    Rule {
        code: "mediation_period",
        label_zh: "调解期限（逾期未达成协议可申请仲裁）",
        label_en: "Mediation period (no agreement: the worker may apply for arbitration)",
        trigger: Trigger::MediationApplied,
        period: Period::Days(15),
        source: "劳动争议调解仲裁法 第十四条",
    },
    Rule {
        code: "arbitration_award",
        label_zh: "仲裁裁决期限",
        label_en: "Time limit for the arbitration award",
        trigger: Trigger::ArbitrationAccepted,
        period: Period::Days(45),
        source: "劳动争议调解仲裁法 第四十三条",
    },
    Rule {
        code: "injury_recognition_employer",
        label_zh: "用人单位申请工伤认定",
        label_en: "Employer's application for work-injury recognition",
        trigger: Trigger::Accident,
        period: Period::Days(30),
        source: "工伤保险条例 第十七条第一款",
    },
    Rule {
        code: "injury_recognition_worker",
        label_zh: "职工或其近亲属申请工伤认定",
        label_en: "Worker's or family's application for work-injury recognition",
        trigger: Trigger::Accident,
        period: Period::Years(1),
        source: "工伤保险条例 第十七条第二款",
    },
];

/// The arbitration award period may be extended once by this many days (Art. 43).
pub const AWARD_EXTENSION: Period = Period::Days(15);

/// The facts of a case the deadlines run from (all optional: a deadline appears once its fact is known).
#[derive(Debug, Clone, Copy, Default)]
pub struct CaseFacts {
    /// When the worker knew or should have known of the infringement.
    pub knew_of_infringement: Option<NaiveDate>,
    /// The case is about wages unpaid during the employment.
    pub unpaid_wages: bool,
    /// The employment has ended, on this day (`None` while it lasts).
    pub employment_ended: Option<NaiveDate>,
    /// Mediation was applied for.
    pub mediation_applied: Option<NaiveDate>,
    /// Arbitration accepted the case.
    pub arbitration_accepted: Option<NaiveDate>,
    /// The award period was extended (by 15 days).
    pub award_extended: bool,
    /// The accident, for a work injury.
    pub accident: Option<NaiveDate>,
}

/// A deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The rule's code.
    pub code: &'static str,
    /// In Chinese.
    pub label_zh: &'static str,
    /// The legal source.
    pub source: &'static str,
    /// The day the period starts from (not counted).
    pub from: NaiveDate,
    /// The last day, moved off rest days.
    pub due_on: NaiveDate,
    /// Days from `today` to `due_on` (negative when overdue).
    pub days_left: i64,
    /// Whether the calendar holds the due year's holidays (else only weekends were considered).
    pub calendar_covers: bool,
}

/// The deadlines that follow from `facts`, in due order. Wages unpaid while the worker is still employed
/// have no arbitration limitation yet: it starts when the employment ends (Art. 27, fourth paragraph).
pub fn compute(facts: &CaseFacts, today: NaiveDate, calendar: &Calendar) -> Vec<Deadline> {
    let mut out = Vec::new();
    for rule in RULES {
        let from = match rule.trigger {
            Trigger::Infringement if facts.unpaid_wages => facts.employment_ended,
            Trigger::Infringement => facts.knew_of_infringement,
            Trigger::MediationApplied => facts.mediation_applied,
            Trigger::ArbitrationAccepted => facts.arbitration_accepted,
            Trigger::Accident => facts.accident,
        };
        let Some(from) = from else { continue };
        let Some(mut end) = rule.period.end(from) else {
            continue;
        };
        if rule.trigger == Trigger::ArbitrationAccepted && facts.award_extended {
            let Some(extended) = AWARD_EXTENSION.end(end) else {
                continue;
            };
            end = extended;
        }
        let due_on = calendar.last_day(end);
        out.push(Deadline {
            code: rule.code,
            label_zh: rule.label_zh,
            source: rule.source,
            from,
            due_on,
            days_left: (due_on - today).num_days(),
            calendar_covers: calendar.covers(due_on.year()),
        });
    }
    out.sort_by_key(|d| d.due_on);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn the_shipped_calendar_reads_and_knows_its_years() {
        let cal = Calendar::shipped();
        assert!(cal.covers(2025) && cal.covers(2026) && !cal.covers(2030));
        assert!(!cal.is_working_day(d("2026-10-05")), "国庆节");
        assert!(
            cal.is_working_day(d("2026-10-10")),
            "a Saturday worked (调休)"
        );
        assert!(!cal.is_working_day(d("2026-10-11")), "an ordinary Sunday");
        assert!(cal.is_working_day(d("2026-10-09")), "an ordinary Friday");
        assert!(Calendar::parse("2026-13-01,holiday,x").is_err());
        assert!(Calendar::parse("2026-10-01,feast,x").is_err());
    }

    #[test]
    fn days_start_counting_the_next_day() {
        // Art. 201: applied on 1 June, 15 days end on 16 June (a Tuesday in 2026).
        assert_eq!(Period::Days(15).end(d("2026-06-01")), Some(d("2026-06-16")));
    }

    #[test]
    fn months_and_years_end_on_the_corresponding_day_or_the_month_end() {
        assert_eq!(
            Period::Months(1).end(d("2026-01-31")),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            Period::Months(1).end(d("2028-01-31")),
            Some(d("2028-02-29")),
            "leap year"
        );
        assert_eq!(
            Period::Years(1).end(d("2024-02-29")),
            Some(d("2025-02-28")),
            "no 29 February"
        );
        assert_eq!(Period::Years(1).end(d("2026-03-15")), Some(d("2027-03-15")));
    }

    #[test]
    fn a_last_day_on_a_holiday_moves_to_the_first_working_day() {
        let cal = Calendar::shipped();
        // 15 days from 18 September 2026 end on 3 October (国庆节): the period ends on 8 October.
        assert_eq!(cal.last_day(d("2026-10-03")), d("2026-10-08"));
        // An ordinary Sunday moves to Monday.
        assert_eq!(cal.last_day(d("2026-11-15")), d("2026-11-16"));
        // A working day stays.
        assert_eq!(cal.last_day(d("2026-11-16")), d("2026-11-16"));
    }

    #[test]
    fn a_last_day_on_an_adjusted_working_weekend_day_stays() {
        let cal = Calendar::shipped();
        // Saturday 10 October 2026 is worked (国庆节调休上班): a period ending then ends then.
        assert_eq!(cal.last_day(d("2026-10-10")), d("2026-10-10"));
        // So does Saturday 14 February 2026 (春节调休上班) ...
        assert_eq!(cal.last_day(d("2026-02-14")), d("2026-02-14"));
        // ... while the next day begins nine days off: Sunday 15 to Monday 23 February, then Tuesday.
        assert_eq!(cal.last_day(d("2026-02-15")), d("2026-02-24"));
    }

    #[test]
    fn unpaid_wages_run_from_the_end_of_the_employment() {
        let cal = Calendar::shipped();
        let today = d("2026-03-01");
        let still_employed = CaseFacts {
            knew_of_infringement: Some(d("2025-06-01")),
            unpaid_wages: true,
            ..CaseFacts::default()
        };
        assert!(
            compute(&still_employed, today, &cal).is_empty(),
            "no limitation runs while the worker is employed"
        );
        let ended = CaseFacts {
            employment_ended: Some(d("2026-01-20")),
            ..still_employed
        };
        let due = compute(&ended, today, &cal);
        assert_eq!(due.len(), 1);
        assert_eq!(
            (due[0].code, due[0].due_on),
            ("arbitration_limitation", d("2027-01-20"))
        );
        assert!(
            !due[0].calendar_covers,
            "2027's holidays are not in the shipped calendar"
        );
        // Another claim: from when the worker knew.
        let dismissal = CaseFacts {
            knew_of_infringement: Some(d("2025-10-08")),
            ..CaseFacts::default()
        };
        let due = compute(&dismissal, today, &cal);
        // A year from 8 October 2025 ends on Thursday 8 October 2026, the first day back after 国庆节.
        assert_eq!(due[0].due_on, d("2026-10-08"));
        assert_eq!(due[0].days_left, (d("2026-10-08") - today).num_days());
    }

    #[test]
    fn a_work_injury_has_two_recognition_deadlines_and_awards_can_be_extended() {
        let cal = Calendar::shipped();
        let facts = CaseFacts {
            accident: Some(d("2026-04-20")),
            arbitration_accepted: Some(d("2026-08-20")),
            ..CaseFacts::default()
        };
        let due = compute(&facts, d("2026-05-01"), &cal);
        let by = |code: &str| due.iter().find(|x| x.code == code).map(|x| x.due_on);
        // 30 days from 20 April end on 20 May (a Wednesday).
        assert_eq!(by("injury_recognition_employer"), Some(d("2026-05-20")));
        assert_eq!(by("injury_recognition_worker"), Some(d("2027-04-20")));
        // 45 days from 20 August end on 4 October (国庆节) and move to 8 October.
        assert_eq!(by("arbitration_award"), Some(d("2026-10-08")));
        let extended = compute(
            &CaseFacts {
                award_extended: true,
                ..facts
            },
            d("2026-05-01"),
            &cal,
        );
        let award = extended
            .iter()
            .find(|x| x.code == "arbitration_award")
            .map(|x| x.due_on);
        // 4 October + 15 days = 19 October (a Monday).
        assert_eq!(award, Some(d("2026-10-19")));
        assert!(
            due.windows(2).all(|w| w[0].due_on <= w[1].due_on),
            "in due order"
        );
    }

    #[test]
    fn overdue_deadlines_count_negative_days() {
        let cal = Calendar::shipped();
        let facts = CaseFacts {
            mediation_applied: Some(d("2026-03-02")),
            ..CaseFacts::default()
        };
        let due = compute(&facts, d("2026-03-20"), &cal);
        assert_eq!(due[0].due_on, d("2026-03-17"));
        assert_eq!(due[0].days_left, -3);
    }
}
