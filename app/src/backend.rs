//! The seam between the UI and the data layer. Server functions reach data only through [`Backend`]; the
//! `server` crate implements it on the database and provides it as Leptos context, so that SQL stays in one
//! layer and the UI can be rendered in tests without a database.

use std::sync::Arc;

use async_trait::async_trait;
use leptos::prelude::*;
use model::{PageError, Role};

use model::types::{
    Agency, AgencyFilter, AuditFilter, AuditPage, ExplorerFilter, ExplorerPage, Parameter,
    Province, Scorecard, SessionUser, SubmissionSummary, UserSummary, ViolationDetail,
    SESSION_COOKIE,
};

/// A failure of the data layer, already logged by whoever raised it; its text is not shown to the public.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BackendError(pub String);

#[async_trait]
pub trait Backend: Send + Sync + 'static {
    async fn agencies(&self, filter: &AgencyFilter) -> Result<Vec<Agency>, BackendError>;
    async fn agency(&self, code: &str) -> Result<Option<Agency>, BackendError>;
    async fn provinces(&self) -> Result<Vec<Province>, BackendError>;
    /// The user signed in with this session token, if the session is valid.
    async fn signed_in(&self, token: &str) -> Result<Option<SessionUser>, BackendError>;
    /// An agency's latest `limit` submissions, newest first.
    async fn submissions(
        &self,
        agency_code: &str,
        limit: usize,
    ) -> Result<Vec<SubmissionSummary>, BackendError>;
    /// One page of the violation explorer with its facets.
    async fn explore(&self, filter: &ExplorerFilter) -> Result<ExplorerPage, BackendError>;
    /// A violation with its history and record, and the steps `role` may take on it now.
    async fn violation_detail(
        &self,
        id: i64,
        role: Role,
    ) -> Result<Option<ViolationDetail>, BackendError>;
    /// One page of the audit log, newest first.
    async fn audit_log(&self, filter: &AuditFilter) -> Result<AuditPage, BackendError>;
    async fn users(&self) -> Result<Vec<UserSummary>, BackendError>;
    /// The signals matching `filter` (issue #20), at most `limit`, with the open ones counted by kind and province.
    async fn signals(
        &self,
        filter: &model::types::SignalFilter,
        limit: usize,
    ) -> Result<model::types::SignalPage, BackendError>;
    /// The agencies silent today (issue #19), ordered by `sort` (`days`, `code`, `name`, `refused`).
    async fn silent_agencies(&self, sort: &str) -> Result<model::types::SilentList, BackendError>;
    /// Every agency ever registered with its names, founding, retirement and successor (issue #19).
    async fn registry(&self) -> Result<Vec<model::types::RegistryEntry>, BackendError>;
    /// The mail outbox, newest first, in `state` or any, at most `limit` messages.
    async fn outbox(
        &self,
        state: Option<model::MailState>,
        limit: usize,
    ) -> Result<model::types::OutboxPage, BackendError>;
    /// The public aggregates (merit progress and categories, the province map, violations per rule and quarter,
    /// complaints, agency profiles): precomputed, cached, small counts already suppressed.
    async fn public_data(&self) -> Result<Arc<model::public::PublicData>, BackendError>;
    /// The rule parameters with their values and defaults.
    async fn parameters(&self) -> Result<Vec<Parameter>, BackendError>;
    /// An agency's active violations with the given rule and status (empty: any; an unknown value matches
    /// nothing), oldest id first, at most `limit`.
    async fn agency_violations(
        &self,
        code: &str,
        rule: &str,
        status: &str,
        limit: i64,
    ) -> Result<Vec<model::types::PackViolation>, BackendError>;
    /// The current time (UTC, ISO 8601) and the as-of date of the latest evaluation covering `code`.
    async fn pack_context(&self, code: &str) -> Result<(String, Option<String>), BackendError>;
    /// An agency's scorecard for staff; `None` for a code not in the registry.
    async fn scorecard(&self, code: &str) -> Result<Option<Scorecard>, BackendError>;
    /// The complaints filed through the form that match `filter`, with the statistics of all complaints.
    async fn cases(
        &self,
        viewer: &SessionUser,
        filter: &model::types::CaseListFilter,
    ) -> Result<model::types::CaseList, BackendError>;
    /// The recommendations of one agency or all (oldest letter first) as they stand today, in `state` or any,
    /// with the violation in words; `unsettled` leaves out the resolved ones.
    async fn recommendation_lines(
        &self,
        agency: Option<&str>,
        state: Option<model::RecommendationState>,
        unsettled: bool,
    ) -> Result<Vec<model::recommendation::RecommendationLine>, BackendError>;
    /// The recommendation follow-up figures of one agency or all, per year of the due date, as of today.
    async fn compliance(
        &self,
        agency: Option<&str>,
    ) -> Result<Vec<model::recommendation::ComplianceYear<i64>>, BackendError>;
    /// One case as `viewer` may see it; `reveal` asks for the complainant's identity (handlers only, audited).
    async fn case_detail(
        &self,
        viewer: &SessionUser,
        reference: &str,
        reveal: bool,
    ) -> Result<Option<model::types::CaseDetail>, BackendError>;
}

/// The session token of the request being served (page or server function), if it carries one.
pub fn session_token() -> Option<String> {
    session_token_in(&use_context::<http::request::Parts>()?.headers)
}

/// The session token among a request's cookies (also what the server's form handlers read).
pub fn session_token_in(headers: &http::HeaderMap) -> Option<String> {
    cookie_in(headers, SESSION_COOKIE)
}

/// The value of the cookie `name` in `headers`, if it is there and not empty.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// The cookie `name` of the request being served (page or server function).
pub fn request_cookie(name: &str) -> Option<String> {
    cookie_in(&use_context::<http::request::Parts>()?.headers, name)
}

/// The signed-in user of the request being served.
pub async fn signed_in_user() -> Result<Option<SessionUser>, PageError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    backend()?.signed_in(&token).await.map_err(hide)
}

/// The signed-in user if their role is one of `roles`; otherwise the error that says why not. Every server
/// function that returns non-public data starts with this (deny by default).
pub async fn require(roles: &[Role]) -> Result<SessionUser, PageError> {
    let Some(user) = signed_in_user().await? else {
        return Err(refuse(PageError::Unauthenticated));
    };
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(refuse(PageError::Forbidden))
    }
}

/// A refusal answers 401 or 403, not the 500 a server function's error gets by default (issue #14).
fn refuse(error: PageError) -> PageError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::FORBIDDEN),
        );
    }
    error
}

pub type SharedBackend = Arc<dyn Backend>;

/// The backend provided by the server for this request.
pub fn backend() -> Result<SharedBackend, PageError> {
    use_context::<SharedBackend>().ok_or_else(|| PageError::Failed("no backend in context".into()))
}

/// Turns a data-layer failure into the generic error a visitor sees. The backend logged the detail when it
/// raised the error, so nothing is logged twice here.
pub fn hide(_err: BackendError) -> PageError {
    PageError::Failed("database error".into())
}
