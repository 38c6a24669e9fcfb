//! Server functions: the only way the pages get data. Each is a public HTTP endpoint, so each checks for itself
//! what its caller may see: the registry is public; a signed-in person's data needs their session (deny by
//! default).

use leptos::prelude::*;

use crate::i18n::Lang;
use model::public::{AgencyProfile, NationalSummary, ProvincePage};
use model::types::{
    Agency, AuditFilter, AuditPage, ExplorerFilter, ExplorerPage, MeritSummary, Parameter,
    Province, ReviewPack, Scorecard, SessionUser, SubmissionSummary, UserSummary, ViolationDetail,
};
use model::types::{CaseDetail, CaseList, CaseListFilter};
use model::{PageError, Role};

mod recommendations;
pub use recommendations::*;

/// Who may read violations, their records and revisions (interfaces.md: staff).
pub const VIOLATION_READERS: &[Role] = &[Role::Analyst, Role::Commissioner, Role::Admin];
/// Who may open an agency's scorecard (issue #5: commissioners and analysts).
pub const SCORECARD_READERS: &[Role] = &[Role::Analyst, Role::Commissioner];
/// Who may read the audit log and manage users.
pub const ADMINS: &[Role] = &[Role::Admin];
/// Who may read complaint cases and work on them: the commission's analysts and commissioners. Agency clerks
/// never (the complaints are about their officials), administrators neither (they run the system, not cases).
pub const COMPLAINT_READERS: &[Role] = &[Role::Analyst, Role::Commissioner];

/// Most rows the quick search on the home page returns.
pub const QUICK_SEARCH_LIMIT: u32 = 8;

/// The national summary (`/`) with its charts in the reader's language. Public: cached aggregates only.
#[server]
pub async fn fetch_home_summary(lang: Lang) -> Result<NationalSummary, PageError> {
    use crate::backend::{backend, hide};
    let data = backend()?.public_data().await.map_err(hide)?;
    let rule_quarters = data.recent_quarters();
    let by_kind = data.kind_counts();
    Ok(NationalSummary {
        computed_at: data.computed_at.clone(),
        total: by_kind.iter().map(|k| k.count).sum(),
        by_kind,
        map_svg: crate::charts::province_map(&data.provinces, lang).map_err(chart_error)?,
        quarters_svg: crate::charts::rule_quarters(&rule_quarters, lang).map_err(chart_error)?,
        complaints_svg: crate::charts::complaints(&data.complaints, lang).map_err(chart_error)?,
        progress: data.progress.clone(),
        provinces: data.provinces.clone(),
        rule_quarters,
        complaints: data.complaints.clone(),
        complaint_stats: data.complaint_stats.clone(),
        compliance_svg: crate::charts::compliance(&public_outcomes(&data.compliance), lang)
            .map_err(chart_error)?,
        compliance: data.compliance.clone(),
        silent_agencies: data.silent_agencies,
        silent_days: data.silent_days,
    })
}

/// A province's public page; `None` for a code that is not a province. Public: cached aggregates only.
#[server]
pub async fn fetch_province_page(code: String) -> Result<Option<ProvincePage>, PageError> {
    use crate::backend::{backend, hide};
    let data = backend()?.public_data().await.map_err(hide)?;
    let Some(province) = data.provinces.iter().find(|p| p.code == code) else {
        return Ok(None);
    };
    let mut agencies: Vec<model::public::AgencyPublic> = data
        .agencies
        .iter()
        .filter(|a| a.province_code.as_deref() == Some(code.as_str()))
        .cloned()
        .collect();
    // The province's own government first, then its regencies and cities by name.
    agencies.sort_by(|a, b| (a.code != code, &a.name).cmp(&(b.code != code, &b.name)));
    Ok(Some(ProvincePage {
        computed_at: data.computed_at.clone(),
        province: province.clone(),
        agencies,
    }))
}

/// An agency's public page: its registry entry and public aggregates; `None` for a code not in the registry.
#[server]
pub async fn fetch_agency_profile(code: String) -> Result<Option<AgencyProfile>, PageError> {
    use crate::backend::{backend, hide};
    let backend = backend()?;
    let Some(agency) = backend.agency(&code).await.map_err(hide)? else {
        return Ok(None);
    };
    let data = backend.public_data().await.map_err(hide)?;
    let public = data
        .agencies
        .iter()
        .find(|a| a.code == code)
        .cloned()
        .unwrap_or_else(|| model::public::AgencyPublic {
            code: agency.code.clone(),
            name: agency.name.clone(),
            kind: agency.kind,
            province_code: agency.province_code.clone(),
            merit: Vec::new(),
            violations: Vec::new(),
        });
    let province_name = data
        .provinces
        .iter()
        .find(|p| Some(&p.code) == agency.province_code.as_ref())
        .map(|p| p.name.clone());
    Ok(Some(AgencyProfile {
        computed_at: data.computed_at.clone(),
        agency,
        province_name,
        public,
    }))
}

/// Draws a scorecard's charts in the reader's language (the scorecard page and the review pack).
#[cfg(feature = "ssr")]
fn draw_scorecard(card: &mut Scorecard, lang: Lang) -> Result<(), PageError> {
    card.quarters_svg = crate::charts::per_quarter(&card.quarters, lang).map_err(chart_error)?;
    card.timeline_svg = crate::charts::timeline(&card.timeline, lang).map_err(chart_error)?;
    if let Some(peers) = card.peers.as_mut() {
        let kind = peers.kind;
        for m in &mut peers.measures {
            m.svg = crate::charts::peer_box(m, kind, lang).map_err(chart_error)?;
        }
    }
    Ok(())
}

/// The public compliance figures as the chart draws them (a suppressed count is not drawn).
#[cfg(feature = "ssr")]
fn public_outcomes(
    years: &[model::recommendation::ComplianceYear<model::public::PublicCount>],
) -> Vec<(i32, [i64; 5])> {
    years
        .iter()
        .map(|y| (y.year, y.outcomes.map(model::public::PublicCount::drawn)))
        .collect()
}

#[cfg(feature = "ssr")]
fn chart_error(e: crate::charts::ChartError) -> PageError {
    PageError::Failed(format!("chart: {e}"))
}

/// Agencies whose name or code contains `q`, for the as-you-type search on the home page (the island
/// `QuickSearch` GETs this function's URL with `?q=`). A fixed endpoint: by default the URL carries a hash of
/// where the crate was built, so a wasm and a server built from two checkouts (two app servers of one deployment,
/// or CI's clone beside a working copy) answered the search with 404.
#[server(input = leptos::server_fn::codec::GetUrl, endpoint = "search_agencies")]
pub async fn search_agencies(q: String) -> Result<Vec<Agency>, PageError> {
    use crate::backend::{backend, hide};
    use model::types::AgencyFilter;
    let q = q.trim().to_string();
    if q.chars().count() < 2 {
        return Ok(Vec::new());
    }
    let filter = AgencyFilter {
        q,
        limit: Some(QUICK_SEARCH_LIMIT),
        ..AgencyFilter::default()
    };
    backend()?.agencies(&filter).await.map_err(hide)
}

/// The registry narrowed by the agency page's filters. Unknown kinds are ignored rather than refused: the values
/// come from a bookmarked URL, and an empty list would hide that the filter was mistyped.
#[server]
pub async fn list_agencies(
    q: String,
    kind: String,
    province: String,
) -> Result<Vec<Agency>, PageError> {
    use crate::backend::{backend, hide};
    use model::types::{AgencyFilter, AgencyKind};
    let filter = AgencyFilter {
        q: q.trim().to_string(),
        kind: AgencyKind::parse(&kind),
        province: Some(province.trim().to_string()).filter(|p| !p.is_empty()),
        limit: None,
    };
    backend()?.agencies(&filter).await.map_err(hide)
}

#[server]
pub async fn list_provinces() -> Result<Vec<Province>, PageError> {
    use crate::backend::{backend, hide};
    backend()?.provinces().await.map_err(hide)
}

#[server]
pub async fn agency_detail(code: String) -> Result<Option<Agency>, PageError> {
    use crate::backend::{backend, hide};
    backend()?.agency(&code).await.map_err(hide)
}

/// The person signed in on this request, or none. (Their CSRF token is theirs to see: it goes into their forms.)
#[server]
pub async fn current_user() -> Result<Option<SessionUser>, PageError> {
    crate::backend::signed_in_user().await
}

/// How many past submissions the upload page lists.
pub const SUBMISSIONS_SHOWN: usize = 20;

/// The latest submissions of the signed-in clerk's own agency; nobody else's, and nothing for anyone else.
#[server]
pub async fn my_submissions() -> Result<Vec<SubmissionSummary>, PageError> {
    use crate::backend::{backend, hide, signed_in_user};
    let user = signed_in_user().await?.ok_or(PageError::Unauthenticated)?;
    match (user.role, user.agency_code) {
        (Role::Agency, Some(code)) => backend()?
            .submissions(&code, SUBMISSIONS_SHOWN)
            .await
            .map_err(hide),
        _ => Err(PageError::Forbidden),
    }
}

/// One page of the violation explorer, as its URL states it (staff only).
#[server]
pub async fn explore_violations(filter: ExplorerFilter) -> Result<ExplorerPage, PageError> {
    use crate::backend::{backend, hide, require};
    require(VIOLATION_READERS).await?;
    backend()?.explore(&filter).await.map_err(hide)
}

/// A violation with its history, its record's revisions and the steps the viewer may take (staff only).
#[server]
pub async fn open_violation(id: i64) -> Result<Option<ViolationDetail>, PageError> {
    use crate::backend::{backend, hide, require};
    let user = require(VIOLATION_READERS).await?;
    backend()?
        .violation_detail(id, user.role)
        .await
        .map_err(hide)
}

/// An agency's scorecard with its quarterly chart drawn in the reader's language (analysts and commissioners).
#[server]
pub async fn agency_scorecard(code: String, lang: Lang) -> Result<Option<Scorecard>, PageError> {
    use crate::backend::{backend, hide, require};
    require(SCORECARD_READERS).await?;
    let Some(mut card) = backend()?.scorecard(&code).await.map_err(hide)? else {
        return Ok(None);
    };
    draw_scorecard(&mut card, lang)?;
    Ok(Some(card))
}

/// The public neutrality statistics (suppressed counts) and when they were computed.
#[server]
pub async fn fetch_complaint_stats() -> Result<
    (
        String,
        model::public::ComplaintStats<model::public::PublicCount>,
    ),
    PageError,
> {
    use crate::backend::{backend, hide};
    let data = backend()?.public_data().await.map_err(hide)?;
    Ok((data.computed_at.clone(), data.complaint_stats.clone()))
}

/// The staff's list of complaint cases with the neutrality statistics (analysts and commissioners).
#[server]
pub async fn list_cases(filter: CaseListFilter) -> Result<CaseList, PageError> {
    use crate::backend::{backend, hide, require};
    let user = require(COMPLAINT_READERS).await?;
    backend()?.cases(&user, &filter).await.map_err(hide)
}

/// One complaint case; `reveal` shows the complainant's identity to the case's handlers (and audits it).
#[server]
pub async fn open_case(reference: String, reveal: bool) -> Result<Option<CaseDetail>, PageError> {
    use crate::backend::{backend, hide, require};
    let user = require(COMPLAINT_READERS).await?;
    backend()?
        .case_detail(&user, &reference, reveal)
        .await
        .map_err(hide)
}

/// Most violations a review pack lists (it says so when more matched).
pub const PACK_LIMIT: i64 = 500;

/// An agency's printable review pack (commissioners and analysts): the scorecard with its charts and the
/// violations selected by `rule` and `status` (empty: all active ones).
#[server]
pub async fn fetch_review_pack(
    code: String,
    rule: String,
    status: String,
    lang: Lang,
) -> Result<Option<ReviewPack>, PageError> {
    use crate::backend::{backend, hide, require};
    require(SCORECARD_READERS).await?;
    let backend = backend()?;
    let Some(mut card) = backend.scorecard(&code).await.map_err(hide)? else {
        return Ok(None);
    };
    draw_scorecard(&mut card, lang)?;
    let mut violations = backend
        .agency_violations(&code, &rule, &status, PACK_LIMIT + 1)
        .await
        .map_err(hide)?;
    let truncated = violations.len() > PACK_LIMIT as usize;
    violations.truncate(PACK_LIMIT as usize);
    let (made_at, evaluated_as_of) = backend.pack_context(&code).await.map_err(hide)?;
    Ok(Some(ReviewPack {
        card,
        rule,
        status,
        made_at,
        evaluated_as_of,
        violations,
        truncated,
    }))
}

/// One page of the audit log (administrators only).
#[server]
pub async fn audit_entries(filter: AuditFilter) -> Result<AuditPage, PageError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    backend()?.audit_log(&filter).await.map_err(hide)
}

/// Every user, for the administrators' page (administrators only).
#[server]
pub async fn list_users() -> Result<Vec<UserSummary>, PageError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    backend()?.users().await.map_err(hide)
}

/// Most signals `/sinyal` lists (the CSV and the API have them all).
pub const SIGNALS_LIMIT: usize = 500;

/// The signals matching `filter` with the open ones counted by kind and province (analysts and commissioners).
#[server]
pub async fn fetch_signals(
    filter: model::types::SignalFilter,
) -> Result<model::types::SignalPage, PageError> {
    use crate::backend::{backend, hide, require};
    let user = require(SCORECARD_READERS).await?;
    let mut page = backend()?
        .signals(&filter, SIGNALS_LIMIT)
        .await
        .map_err(hide)?;
    page.can_explain = matches!(user.role, model::Role::Analyst | model::Role::Commissioner);
    Ok(page)
}

/// The open signals counted by kind and province for the explorer's staff summary: `None` for a reader who may
/// not see signals (an administrator reads the explorer but not signals). It does not refuse, so that the page
/// it is part of keeps its own status.
#[server]
pub async fn open_signal_counts() -> Result<Option<Vec<(String, String, i64)>>, PageError> {
    use crate::backend::{backend, hide, signed_in_user};
    let Some(user) = signed_in_user().await? else {
        return Ok(None);
    };
    if !SCORECARD_READERS.contains(&user.role) {
        return Ok(None);
    }
    let filter = model::types::SignalFilter::default();
    Ok(Some(
        backend()?.signals(&filter, 0).await.map_err(hide)?.counts,
    ))
}

/// The agencies silent for more than `reporting.silent_days` or that never reported (analysts and commissioners),
/// ordered by `sort` (`days`, the default, `code`, `name`, `refused`).
#[server]
pub async fn silent_agencies(sort: String) -> Result<model::types::SilentList, PageError> {
    use crate::backend::{backend, hide, require};
    require(SCORECARD_READERS).await?;
    backend()?.silent_agencies(&sort).await.map_err(hide)
}

/// The registry as its administrators see it (administrators only): retired agencies too, with their names.
#[server]
pub async fn registry_entries() -> Result<Vec<model::types::RegistryEntry>, PageError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    backend()?.registry().await.map_err(hide)
}

/// Most messages the outbox page lists (`pantau outbox --limit` lists more).
pub const OUTBOX_LIMIT: usize = 200;

/// The mail outbox (administrators only): what was sent, what waits and why. `state` is a [`model::MailState`]
/// code or empty; an unknown one matches nothing.
#[server]
pub async fn outbox_mail(state: String) -> Result<model::types::OutboxPage, PageError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    let backend = backend()?;
    match state.trim() {
        "" => backend.outbox(None, OUTBOX_LIMIT).await.map_err(hide),
        text => match model::MailState::parse(text) {
            Some(state) => backend
                .outbox(Some(state), OUTBOX_LIMIT)
                .await
                .map_err(hide),
            None => {
                let mut page = backend.outbox(None, 0).await.map_err(hide)?;
                page.truncated = false;
                Ok(page)
            }
        },
    }
}

/// The rule parameters (staff read them; only administrators change them, through `/auth/parameter/{key}`).
#[server]
pub async fn rule_parameters() -> Result<(Vec<Parameter>, bool), PageError> {
    use crate::backend::{backend, hide, require};
    let user = require(VIOLATION_READERS).await?;
    let list = backend()?.parameters().await.map_err(hide)?;
    Ok((list, ADMINS.contains(&user.role)))
}

/// Progress toward the merit targets, with its chart in the reader's language. Public: aggregates only.
#[server]
pub async fn fetch_merit_summary(lang: Lang) -> Result<MeritSummary, PageError> {
    use crate::backend::{backend, hide};
    let backend = backend()?;
    let data = backend.public_data().await.map_err(hide)?;
    let (groups, categories) = (data.progress.clone(), data.categories.clone());
    let chart_svg = crate::charts::merit_progress(&groups, lang).map_err(chart_error)?;
    let categories_svg = crate::charts::merit_categories(&categories, lang).map_err(chart_error)?;
    Ok(MeritSummary {
        groups,
        chart_svg,
        categories,
        categories_svg,
    })
}

/// The receipt of the complaint just filed through the form, taken from its cookie and cleared, so that it is
/// shown once. `None` when there is none (page reloaded, opened later).
#[server]
pub async fn take_receipt() -> Result<Option<model::public::Receipt>, PageError> {
    use model::public::RECEIPT_COOKIE;
    let Some(value) = crate::backend::request_cookie(RECEIPT_COOKIE) else {
        return Ok(None);
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(clear) = http::HeaderValue::from_str(&format!(
            "{RECEIPT_COOKIE}=; Path=/netralitas/tanda-terima; Max-Age=0; HttpOnly; SameSite=Strict; Secure"
        )) {
            response.insert_header(http::header::SET_COOKIE, clear);
        }
    }
    Ok(value
        .split_once('.')
        .map(|(reference, code)| model::public::Receipt {
            reference: reference.to_string(),
            receipt_code: code.to_string(),
        }))
}

/// The result of the status check just made through the form (from its cookie).
#[server]
pub async fn complaint_status_result() -> Result<Option<model::public::StatusCheck>, PageError> {
    let value = crate::backend::request_cookie(model::public::STATUS_COOKIE);
    Ok(value.and_then(|v| {
        let mut parts = v.split('.');
        Some(model::public::StatusCheck {
            reference: parts.next()?.to_string(),
            status: model::ComplaintStatus::parse(parts.next()?)?,
            received_on: parts.next()?.to_string(),
            updated_on: parts.next()?.to_string(),
        })
    }))
}
