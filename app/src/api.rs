//! Server functions: the only way the pages get data. Each is a public HTTP endpoint, so each checks for itself
//! what its caller may see: the registry is public; a signed-in person's data needs their session (deny by
//! default).

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::types::{
    Agency, AuditFilter, AuditPage, ExplorerFilter, ExplorerPage, HomeSummary, MeritSummary,
    Parameter, Province, Scorecard, SessionUser, SubmissionSummary, UserSummary, ViolationDetail,
};

/// Who may read violations, their records and revisions (interfaces.md: staff).
pub const VIOLATION_READERS: &[&str] = &["analyst", "commissioner", "admin"];
/// Who may open an agency's scorecard (issue #5: commissioners and analysts).
pub const SCORECARD_READERS: &[&str] = &["analyst", "commissioner"];
/// Who may read the audit log and manage users.
pub const ADMINS: &[&str] = &["admin"];

/// Most rows the quick search on the home page returns.
pub const QUICK_SEARCH_LIMIT: u32 = 8;

#[server]
pub async fn fetch_home_summary(lang: Lang) -> Result<HomeSummary, ServerFnError> {
    use crate::backend::{backend, hide};
    let backend = backend()?;
    let by_kind = backend.kind_counts().await.map_err(hide)?;
    let provinces = backend.province_counts().await.map_err(hide)?;
    let chart_svg = crate::charts::agencies_per_province(&provinces, lang)
        .map_err(|e| ServerFnError::new(format!("chart: {e}")))?;
    Ok(HomeSummary {
        total: by_kind.iter().map(|k| k.count).sum(),
        by_kind,
        provinces,
        chart_svg,
    })
}

/// Agencies whose name or code contains `q`, for the as-you-type search on the home page.
#[server]
pub async fn search_agencies(q: String) -> Result<Vec<Agency>, ServerFnError> {
    use crate::backend::{backend, hide};
    use crate::types::AgencyFilter;
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
) -> Result<Vec<Agency>, ServerFnError> {
    use crate::backend::{backend, hide};
    use crate::types::{AgencyFilter, AgencyKind};
    let filter = AgencyFilter {
        q: q.trim().to_string(),
        kind: AgencyKind::parse(&kind),
        province: Some(province.trim().to_string()).filter(|p| !p.is_empty()),
        limit: None,
    };
    backend()?.agencies(&filter).await.map_err(hide)
}

#[server]
pub async fn list_provinces() -> Result<Vec<Province>, ServerFnError> {
    use crate::backend::{backend, hide};
    backend()?.provinces().await.map_err(hide)
}

#[server]
pub async fn agency_detail(code: String) -> Result<Option<Agency>, ServerFnError> {
    use crate::backend::{backend, hide};
    backend()?.agency(&code).await.map_err(hide)
}

/// The person signed in on this request, or none. (Their CSRF token is theirs to see: it goes into their forms.)
#[server]
pub async fn current_user() -> Result<Option<SessionUser>, ServerFnError> {
    crate::backend::signed_in_user().await
}

/// How many past submissions the upload page lists.
pub const SUBMISSIONS_SHOWN: usize = 20;

/// The latest submissions of the signed-in clerk's own agency; nobody else's, and nothing for anyone else.
#[server]
pub async fn my_submissions() -> Result<Vec<SubmissionSummary>, ServerFnError> {
    use crate::backend::{backend, hide, signed_in_user};
    let user = signed_in_user()
        .await?
        .ok_or_else(|| ServerFnError::new("sign in first"))?;
    match (user.role.as_str(), user.agency_code) {
        ("agency", Some(code)) => backend()?
            .submissions(&code, SUBMISSIONS_SHOWN)
            .await
            .map_err(hide),
        _ => Err(ServerFnError::new("only agency clerks have submissions")),
    }
}

/// One page of the violation explorer, as its URL states it (staff only).
#[server]
pub async fn explore_violations(filter: ExplorerFilter) -> Result<ExplorerPage, ServerFnError> {
    use crate::backend::{backend, hide, require};
    require(VIOLATION_READERS).await?;
    backend()?.explore(&filter).await.map_err(hide)
}

/// A violation with its history, its record's revisions and the steps the viewer may take (staff only).
#[server]
pub async fn open_violation(id: i64) -> Result<Option<ViolationDetail>, ServerFnError> {
    use crate::backend::{backend, hide, require};
    let user = require(VIOLATION_READERS).await?;
    backend()?
        .violation_detail(id, &user.role)
        .await
        .map_err(hide)
}

/// An agency's scorecard with its quarterly chart drawn in the reader's language (analysts and commissioners).
#[server]
pub async fn agency_scorecard(
    code: String,
    lang: Lang,
) -> Result<Option<Scorecard>, ServerFnError> {
    use crate::backend::{backend, hide, require};
    require(SCORECARD_READERS).await?;
    let Some(mut card) = backend()?.scorecard(&code).await.map_err(hide)? else {
        return Ok(None);
    };
    let chart_error = |e: crate::charts::ChartError| ServerFnError::new(format!("chart: {e}"));
    card.quarters_svg = crate::charts::per_quarter(&card.quarters, lang).map_err(chart_error)?;
    card.timeline_svg = crate::charts::timeline(&card.timeline, lang).map_err(chart_error)?;
    Ok(Some(card))
}

/// One page of the audit log (administrators only).
#[server]
pub async fn audit_entries(filter: AuditFilter) -> Result<AuditPage, ServerFnError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    backend()?.audit_log(&filter).await.map_err(hide)
}

/// Every user, for the administrators' page (administrators only).
#[server]
pub async fn list_users() -> Result<Vec<UserSummary>, ServerFnError> {
    use crate::backend::{backend, hide, require};
    require(ADMINS).await?;
    backend()?.users().await.map_err(hide)
}

/// The rule parameters (staff read them; only administrators change them, through `/auth/parameter/{key}`).
#[server]
pub async fn rule_parameters() -> Result<(Vec<Parameter>, bool), ServerFnError> {
    use crate::backend::{backend, hide, require};
    let user = require(VIOLATION_READERS).await?;
    let list = backend()?.parameters().await.map_err(hide)?;
    Ok((list, ADMINS.contains(&user.role.as_str())))
}

/// Progress toward the merit targets, with its chart in the reader's language. Public: aggregates only.
#[server]
pub async fn fetch_merit_summary(lang: Lang) -> Result<MeritSummary, ServerFnError> {
    use crate::backend::{backend, hide};
    let backend = backend()?;
    let groups = backend.merit_progress().await.map_err(hide)?;
    let categories = backend.merit_categories().await.map_err(hide)?;
    let chart_error = |e: crate::charts::ChartError| ServerFnError::new(format!("chart: {e}"));
    let chart_svg = crate::charts::merit_progress(&groups, lang).map_err(chart_error)?;
    let categories_svg = crate::charts::merit_categories(&categories, lang).map_err(chart_error)?;
    Ok(MeritSummary {
        groups,
        chart_svg,
        categories,
        categories_svg,
    })
}
