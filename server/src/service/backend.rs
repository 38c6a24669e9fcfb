//! The database as the pages' [`Backend`]: failures are logged here with their detail and reach the page as a
//! generic error.

use std::sync::Arc;

use app::backend::{Backend, BackendError};
use async_trait::async_trait;
use model::public::PublicData;
use model::types::{
    Agency, AgencyFilter, AuditFilter, AuditPage, ExplorerFilter, ExplorerPage, PackViolation,
    Parameter, Province, Scorecard, SessionUser, SubmissionSummary, UserSummary, ViolationDetail,
};
use model::Role;

use super::AppState;
use crate::db::{Db, ViolationFilter};

/// Logs a data-layer or service failure with its detail; the page gets a generic error.
fn hide(err: impl std::fmt::Display) -> BackendError {
    tracing::error!(error = %err, "query for a page failed");
    BackendError(err.to_string())
}

#[async_trait]
impl Backend for AppState {
    async fn agencies(&self, filter: &AgencyFilter) -> Result<Vec<Agency>, BackendError> {
        self.db.list_agencies(filter).await.map_err(hide)
    }
    async fn agency(&self, code: &str) -> Result<Option<Agency>, BackendError> {
        Db::agency(&self.db, code).await.map_err(hide)
    }
    async fn provinces(&self) -> Result<Vec<Province>, BackendError> {
        Db::provinces(&self.db).await.map_err(hide)
    }
    async fn signed_in(&self, token: &str) -> Result<Option<SessionUser>, BackendError> {
        let now = crate::clock::now_text();
        Db::session_user(&self.db, &crate::auth::token_hash(token), &now)
            .await
            .map_err(hide)
    }
    async fn submissions(
        &self,
        agency_code: &str,
        limit: usize,
    ) -> Result<Vec<SubmissionSummary>, BackendError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.db
            .submissions_of(agency_code, limit)
            .await
            .map_err(hide)
    }
    async fn explore(&self, filter: &ExplorerFilter) -> Result<ExplorerPage, BackendError> {
        Db::explore(&self.db, filter).await.map_err(hide)
    }
    async fn violation_detail(
        &self,
        id: i64,
        role: Role,
    ) -> Result<Option<ViolationDetail>, BackendError> {
        super::violation_detail::detail(&self.db, id, role)
            .await
            .map_err(hide)
    }
    async fn audit_log(&self, filter: &AuditFilter) -> Result<AuditPage, BackendError> {
        Db::audit_log(&self.db, filter, AUDIT_PAGE)
            .await
            .map_err(hide)
    }
    async fn users(&self) -> Result<Vec<UserSummary>, BackendError> {
        Db::users(&self.db).await.map_err(hide)
    }
    async fn signals(
        &self,
        filter: &model::types::SignalFilter,
        limit: usize,
    ) -> Result<model::types::SignalPage, BackendError> {
        // An unknown kind matches nothing (the page states the filter as given).
        let mut signals = match super::signals::list(&self.db, filter, None).await {
            Err(super::signals::SignalError::UnknownKind(_)) => Vec::new(),
            other => other.map_err(hide)?,
        };
        let truncated = signals.len() > limit;
        signals.truncate(limit);
        Ok(model::types::SignalPage {
            signals,
            truncated,
            counts: self.db.signal_counts().await.map_err(hide)?,
            can_explain: false,
        })
    }
    async fn silent_agencies(&self, sort: &str) -> Result<model::types::SilentList, BackendError> {
        let sort = super::reporting::SilentSort::parse(sort);
        super::reporting::silent(&self.db, sort, crate::clock::today())
            .await
            .map_err(hide)
    }
    async fn registry(&self) -> Result<Vec<model::types::RegistryEntry>, BackendError> {
        super::registry::list(&self.db, None).await.map_err(hide)
    }
    async fn outbox(
        &self,
        state: Option<model::MailState>,
        limit: usize,
    ) -> Result<model::types::OutboxPage, BackendError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut mails = self
            .db
            .outbox(state, limit.saturating_add(1))
            .await
            .map_err(hide)?;
        let truncated = mails.len() as i64 > limit;
        mails.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(model::types::OutboxPage {
            entries: mails
                .into_iter()
                .map(|m| model::types::OutboxEntry {
                    id: m.id,
                    kind: m.kind,
                    violation_id: m.violation_id,
                    recipient: m.recipient,
                    recipient_user: m.recipient_user,
                    subject: m.subject,
                    state: m.state,
                    attempts: m.attempts,
                    next_attempt_at: m.next_attempt_at,
                    last_error: m.last_error,
                    created_at: m.created_at,
                    sent_at: m.sent_at,
                })
                .collect(),
            truncated,
            counts: self.db.outbox_counts().await.map_err(hide)?,
            sending: super::mail::smtp::url_from_env().is_some(),
        })
    }
    async fn public_data(&self) -> Result<Arc<PublicData>, BackendError> {
        super::public::current(self).await.map_err(hide)
    }
    async fn parameters(&self) -> Result<Vec<Parameter>, BackendError> {
        let params = super::parameters::describe(&self.db).await.map_err(hide)?;
        Ok(params
            .into_iter()
            .map(|p| Parameter {
                key: p.key.to_string(),
                value: p.value,
                default: p.default.to_string(),
                description: p.description.to_string(),
                description_en: p.description_en.to_string(),
                history: p.history,
            })
            .collect())
    }
    async fn agency_violations(
        &self,
        code: &str,
        rule: &str,
        status: &str,
        limit: i64,
    ) -> Result<Vec<PackViolation>, BackendError> {
        use crate::rules::{lifecycle::Status, RuleId};
        // An unknown rule or status matches nothing (the page states the filter as given).
        let rule_filter = match rule {
            "" => None,
            text => match RuleId::parse(text) {
                Some(rule) => Some(rule),
                None => return Ok(Vec::new()),
            },
        };
        let status_filter = match status {
            "" => None,
            text => match Status::parse(text) {
                Some(status) => Some(status),
                None => return Ok(Vec::new()),
            },
        };
        let filter = ViolationFilter {
            agency: Some(code.to_string()),
            rule: rule_filter,
            status: status_filter,
            limit: Some(limit),
            ..Default::default()
        };
        let rows = self.db.list_violations(&filter).await.map_err(hide)?;
        // The letters issued to the agency, by violation (one query for the whole pack).
        let letters: std::collections::HashMap<i64, String> = self
            .db
            .recommendations(Some(code))
            .await
            .map_err(hide)?
            .into_iter()
            .map(|r| (r.violation_id, r.letter_number))
            .collect();
        rows.into_iter()
            .map(|v| {
                let (rule_id, severity, status) =
                    super::violation_detail::codes(&v).map_err(hide)?;
                Ok(PackViolation {
                    id: v.id,
                    rule_id,
                    severity,
                    status,
                    event_date: v.event_date,
                    letter_number: letters.get(&v.id).cloned(),
                    message: v.message,
                    message_en: v.message_en,
                })
            })
            .collect()
    }
    async fn pack_context(&self, code: &str) -> Result<(String, Option<String>), BackendError> {
        let as_of = self.db.last_evaluation_as_of(code).await.map_err(hide)?;
        Ok((crate::clock::now_text(), as_of))
    }
    async fn cases(
        &self,
        viewer: &SessionUser,
        filter: &model::types::CaseListFilter,
    ) -> Result<model::types::CaseList, BackendError> {
        super::cases::list(self, viewer, filter).await.map_err(hide)
    }
    async fn case_detail(
        &self,
        viewer: &SessionUser,
        reference: &str,
        reveal: bool,
    ) -> Result<Option<model::types::CaseDetail>, BackendError> {
        super::cases::open(&self.db, viewer, reference, reveal)
            .await
            .map_err(hide)
    }
    async fn recommendation_lines(
        &self,
        agency: Option<&str>,
        state: Option<model::RecommendationState>,
        unsettled: bool,
    ) -> Result<Vec<model::recommendation::RecommendationLine>, BackendError> {
        let filter = super::recommendations::ListFilter {
            agency: agency.map(str::to_string),
            state,
            unsettled,
        };
        super::recommendations::lines(&self.db, &filter, crate::clock::today())
            .await
            .map_err(hide)
    }
    async fn compliance(
        &self,
        agency: Option<&str>,
    ) -> Result<Vec<model::recommendation::ComplianceYear<i64>>, BackendError> {
        super::compliance::figures(&self.db, agency, crate::clock::today())
            .await
            .map_err(hide)
    }
    async fn scorecard(&self, code: &str) -> Result<Option<Scorecard>, BackendError> {
        let Some(mut card) = super::scorecard::scorecard(&self.db, code)
            .await
            .map_err(hide)?
        else {
            return Ok(None);
        };
        card.peers = super::peers::of(self, code).await.map_err(hide)?;
        Ok(Some(card))
    }
}

/// Entries per page of the audit log.
const AUDIT_PAGE: i64 = 100;
