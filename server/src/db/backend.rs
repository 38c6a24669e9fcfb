//! The database as the pages' [`Backend`]: failures are logged here with their detail and reach the page as a
//! generic error.

use app::backend::{Backend, BackendError};
use app::types::{
    Agency, AgencyFilter, KindCount, Province, ProvinceCount, SessionUser, SubmissionSummary,
};
use async_trait::async_trait;

use super::{Db, DbError};

fn hide(err: DbError) -> BackendError {
    tracing::error!(error = %err, "query for a page failed");
    BackendError(err.to_string())
}

#[async_trait]
impl Backend for Db {
    async fn agencies(&self, filter: &AgencyFilter) -> Result<Vec<Agency>, BackendError> {
        self.list_agencies(filter).await.map_err(hide)
    }
    async fn agency(&self, code: &str) -> Result<Option<Agency>, BackendError> {
        Db::agency(self, code).await.map_err(hide)
    }
    async fn provinces(&self) -> Result<Vec<Province>, BackendError> {
        Db::provinces(self).await.map_err(hide)
    }
    async fn kind_counts(&self) -> Result<Vec<KindCount>, BackendError> {
        Db::kind_counts(self).await.map_err(hide)
    }
    async fn province_counts(&self) -> Result<Vec<ProvinceCount>, BackendError> {
        Db::province_counts(self).await.map_err(hide)
    }
    async fn signed_in(&self, token: &str) -> Result<Option<SessionUser>, BackendError> {
        let now = crate::clock::now_text();
        Db::session_user(self, &crate::auth::token_hash(token), &now)
            .await
            .map_err(hide)
    }
    async fn submissions(
        &self,
        agency_code: &str,
        limit: usize,
    ) -> Result<Vec<SubmissionSummary>, BackendError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.submissions_of(agency_code, limit).await.map_err(hide)
    }
}
