//! The demo's recommendation follow-up (issue #17): after the batches are stored, a demo commissioner issues
//! recommendations on part of each agency's older high-severity violations, the agency answers through a normal
//! `recommendation_response` batch, and the commissioner judges the answers — so that every state (pending,
//! overdue, answered, resolved), every outcome and the national chart have data.
//!
//! The mix follows KASN's published follow-up rates (`../shared/research/domain.md`): about 90 % of
//! recommendations due in 2020 were followed up, about half of those due in 2024 (43–53 %), and three in four in
//! the other years (no published figure; between the two). What a plan holds is pure and drawn from the seed.

use serde_json::{json, Value};

use super::{letter, Rng};
use crate::auth::{Principal, Role};
use crate::db::Db;
use crate::domain::records::SCHEMA_V1;
use crate::domain::Date;
use crate::service::evaluation;
use crate::service::import::Evaluate;
use crate::service::violations::{take_steps, StepRequest};

use super::seed::DemoError;

/// The share of an agency's high-severity violations that receive a recommendation.
const ISSUED_SHARE: f64 = 0.2;

/// What the demo does with one violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Plan {
    pub letter_date: Date,
    pub answer: Option<PlannedAnswer>,
}

/// The agency's answer and the commissioner's verdict on it (`None`: still awaiting one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PlannedAnswer {
    pub responded_on: Date,
    pub complied: bool,
    pub accept: Option<bool>,
}

/// The share of recommendations due in `year` that the agencies follow up.
pub(super) fn followed_share(year: i32) -> f64 {
    match year {
        2020 => 0.9,
        2024 => 0.5,
        _ => 0.75,
    }
}

/// Whether and how the violation of `event` gets a recommendation, due `days` after its letter; nothing dated
/// after `today`. One in twenty recommendations is recent (its letter within the last ten days), so that some are
/// still pending or answered early.
pub(super) fn plan(rng: &mut Rng, event: Date, today: Date, days: i64) -> Option<Plan> {
    if !rng.chance(ISSUED_SHARE) {
        return None;
    }
    let recent = rng.chance(0.05);
    let letter_date = if recent {
        today.add_days(-rng.range(0, 10))
    } else {
        event.add_days(rng.range(20, 90))
    };
    if letter_date < event || letter_date > today {
        return None;
    }
    let due = letter_date.add_days(days);
    if !rng.chance(followed_share(due.year())) {
        return Some(Plan {
            letter_date,
            answer: None,
        });
    }
    let complied = rng.chance(0.85);
    let on_time = !complied || rng.chance(0.7);
    let responded_on = if on_time {
        letter_date.add_days(rng.range(0, days))
    } else {
        due.add_days(rng.range(1, 45))
    };
    let accept = match rng.below(20) {
        // One answer in ten awaits the commissioner's verdict.
        0 | 1 => None,
        n if complied => Some(n != 2),
        n => Some(n < 11),
    };
    Some(Plan {
        letter_date,
        answer: (responded_on <= today).then_some(PlannedAnswer {
            responded_on,
            complied,
            accept,
        }),
    })
}

/// Issues, answers and judges the demo recommendations of every agency; returns how many were issued.
pub async fn fill(db: &Db, seed: u64, today: Date) -> Result<usize, DemoError> {
    let staff = Principal {
        user: "demo".to_string(),
        role: Role::Commissioner,
        agency_code: None,
    };
    let days = i64::from(
        crate::service::parameters::in_force(db)
            .await?
            .recommendation_followup_days,
    );
    let mut issued = 0;
    let mut touched = Vec::new();
    for agency in db
        .list_agencies(&model::types::AgencyFilter::default())
        .await?
    {
        let code = agency.code;
        let mut rng = Rng::for_agency(seed, &format!("followups-{code}"));
        let filter = crate::db::ViolationFilter {
            agency: Some(code.clone()),
            ..Default::default()
        };
        let mut answers = Vec::new();
        let mut verdicts = Vec::new();
        // The agency's recommendations are issued together: one transaction, each step audited.
        let mut steps = Vec::new();
        let before = issued;
        for violation in db.list_violations(&filter).await? {
            let Ok(event) = Date::parse(&violation.event_date) else {
                continue;
            };
            if violation.severity != "high" || violation.status != "open" {
                continue;
            }
            let Some(plan) = plan(&mut rng, event, today, days) else {
                continue;
            };
            steps.extend(issue_steps(violation.id, plan.letter_date));
            issued += 1;
            if let Some(answer) = plan.answer {
                answers.push(answer_record(violation.id, &answer));
                if let Some(accept) = answer.accept {
                    verdicts.push((violation.id, accept));
                }
            }
        }
        if issued == before {
            continue;
        }
        let requests: Vec<(i64, &StepRequest)> = steps.iter().map(|(id, s)| (*id, s)).collect();
        take_steps(db, &staff, &requests)
            .await
            .map_err(|err| DemoError::Refused(code.clone(), err.to_string()))?;
        if !answers.is_empty() {
            send_answers(db, &code, answers, today).await?;
        }
        // The agency's verdicts are given together too (`judge_all`: one read of its follow-ups, one transaction).
        let reason = "Jawaban tidak disertai bukti pelaksanaan rekomendasi. / The answer gives no evidence that the recommendation was carried out.";
        let verdicts: Vec<(i64, bool, Option<&str>)> = verdicts
            .into_iter()
            .map(|(id, accept)| (id, accept, (!accept).then_some(reason)))
            .collect();
        if !verdicts.is_empty() {
            let now = crate::clock::now_text();
            crate::service::recommendations::judge_all(db, &code, &verdicts, (today, &now, "demo"))
                .await
                .map_err(|err| DemoError::Refused(code.clone(), err.to_string()))?;
        }
        touched.push(code);
    }
    for code in &touched {
        evaluation::run_agency(db, code, today, "demo").await?;
    }
    Ok(issued)
}

/// The steps that take violation `id` to review and issue its recommendation, dated `letter_date`.
fn issue_steps(id: i64, letter_date: Date) -> [(i64, StepRequest); 2] {
    let body = if letter_date.year() >= 2025 {
        "BKN"
    } else {
        "KASN"
    };
    [
        (
            id,
            StepRequest {
                to: "in_review".to_string(),
                reason: None,
                letter_number: None,
                letter_date: None,
            },
        ),
        (
            id,
            StepRequest {
                to: "recommendation_issued".to_string(),
                reason: None,
                letter_number: Some(format!(
                    "R-{id}/{body}/{:02}/{}",
                    letter_date.month(),
                    letter_date.year()
                )),
                letter_date: Some(letter_date.to_string()),
            },
        ),
    ]
}

fn answer_record(violation_id: i64, answer: &PlannedAnswer) -> Value {
    let on = answer.responded_on;
    if answer.complied {
        json!({
            "kind": "recommendation_response", "id": format!("TL-{violation_id}"),
            "violation_id": violation_id, "responded_on": on.to_string(), "action": "complied",
            "decision_letter": letter("800/SK", u64::try_from(violation_id).unwrap_or(0), on),
        })
    } else {
        json!({
            "kind": "recommendation_response", "id": format!("TL-{violation_id}"),
            "violation_id": violation_id, "responded_on": on.to_string(), "action": "objection",
            "note": "Pengangkatan telah sesuai ketentuan; instansi memohon peninjauan kembali rekomendasi.",
        })
    }
}

async fn send_answers(
    db: &Db,
    code: &str,
    records: Vec<Value>,
    today: Date,
) -> Result<(), DemoError> {
    let batch = json!({"schema": SCHEMA_V1, "agency_code": code, "records": records});
    // Evaluated once, after the verdicts (`fill`).
    super::seed::import(db, code, &batch, today, Evaluate::Later)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn plans_stay_between_the_event_and_today_and_follow_the_published_rates() {
        let today = day("2026-12-01");
        let mut rng = Rng::for_agency(1, "test");
        let mut by_year: std::collections::BTreeMap<i32, (u32, u32)> = Default::default();
        let mut awaiting = 0;
        for n in 0..40_000 {
            let event = day("2019-01-01").add_days(n % 2_500);
            let Some(plan) = plan(&mut rng, event, today, 14) else {
                continue;
            };
            assert!(event <= plan.letter_date && plan.letter_date <= today);
            let entry = by_year
                .entry(plan.letter_date.add_days(14).year())
                .or_default();
            entry.0 += 1;
            if let Some(answer) = &plan.answer {
                assert!(plan.letter_date <= answer.responded_on && answer.responded_on <= today);
                entry.1 += 1;
                awaiting += u32::from(answer.accept.is_none());
            }
        }
        let share = |year| {
            let (due, followed) = by_year[&year];
            f64::from(followed) / f64::from(due)
        };
        assert!((0.85..0.95).contains(&share(2020)), "{}", share(2020));
        assert!((0.42..0.58).contains(&share(2024)), "{}", share(2024));
        assert!((0.68..0.82).contains(&share(2022)), "{}", share(2022));
        assert!(awaiting > 0, "some answers await a verdict");
    }

    #[test]
    fn about_a_fifth_of_the_violations_get_one() {
        let mut rng = Rng::for_agency(2, "x");
        let today = day("2026-12-01");
        let issued = (0..10_000)
            .filter(|_| plan(&mut rng, day("2022-05-01"), today, 14).is_some())
            .count();
        assert!((1_700..2_300).contains(&issued), "{issued}");
    }
}
