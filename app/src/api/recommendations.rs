//! Server functions of recommendation follow-up (issue #17): the clerk's open recommendations on `/unggah`, and
//! the staff's overview on `/rekomendasi` (figures, chart, list).

use leptos::prelude::*;

use crate::i18n::Lang;
use model::recommendation::{RecommendationFilter, RecommendationLine, RecommendationOverview};
use model::PageError;

/// Most recommendations `/rekomendasi` lists (it says so when more matched; the API has them all).
pub const OVERVIEW_LIMIT: usize = 300;

/// The signed-in clerk's own agency's recommendations not yet resolved, with the violation in words and the due
/// date: what the agency is asked to answer. Nobody else's, and nothing for anyone else.
#[server]
pub async fn my_recommendations() -> Result<Vec<RecommendationLine>, PageError> {
    use crate::backend::{backend, hide, signed_in_user};
    use model::Role;
    let user = signed_in_user().await?.ok_or(PageError::Unauthenticated)?;
    match (user.role, user.agency_code) {
        (Role::Agency, Some(code)) => backend()?
            .recommendation_lines(Some(&code), None, true)
            .await
            .map_err(hide),
        _ => Err(PageError::Forbidden),
    }
}

/// The staff's overview: the follow-up figures of all agencies (or of the filtered one) with their chart in the
/// reader's language, and the recommendations matching the filter (an unknown state matches nothing).
#[server]
pub async fn fetch_recommendations(
    filter: RecommendationFilter,
    lang: Lang,
) -> Result<RecommendationOverview, PageError> {
    use super::VIOLATION_READERS;
    use crate::backend::{backend, hide, require};
    use model::RecommendationState;
    require(VIOLATION_READERS).await?;
    let backend = backend()?;
    let agency = Some(filter.agency.trim()).filter(|a| !a.is_empty());
    let state = match filter.state.trim() {
        "" => None,
        text => match RecommendationState::parse(text) {
            Some(state) => Some(state),
            None => {
                return Ok(RecommendationOverview {
                    figures: Vec::new(),
                    chart_svg: String::new(),
                    lines: Vec::new(),
                    truncated: false,
                })
            }
        },
    };
    let figures = backend.compliance(agency).await.map_err(hide)?;
    let years: Vec<(i32, [i64; 5])> = figures.iter().map(|y| (y.year, y.outcomes)).collect();
    let chart_svg = crate::charts::compliance(&years, lang).map_err(super::chart_error)?;
    let mut lines = backend
        .recommendation_lines(agency, state, false)
        .await
        .map_err(hide)?;
    // Newest letters first: what staff follow is what was sent lately.
    lines.reverse();
    let truncated = lines.len() > OVERVIEW_LIMIT;
    lines.truncate(OVERVIEW_LIMIT);
    Ok(RecommendationOverview {
        figures,
        chart_svg,
        lines,
        truncated,
    })
}
