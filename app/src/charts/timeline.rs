//! An agency's timeline: regional-head terms, acting terms and elections along the years.

use plotters::prelude::*;

use super::*;

/// A date as a fractional year (2024-07-01 ≈ 2024.5), for time axes; `None` when it is not `YYYY-MM-DD`.
pub(super) fn fractional_year(date: &str) -> Option<f64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<f64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some(y + (m - 1.0) / 12.0 + (d - 1.0) / 365.0)
}

/// A timeline: one horizontal bar per item (a regional head's term, an election's window from the candidates'
/// determination to the vote), on a shared axis of years, the items in the order given.
pub fn timeline(items: &[TimelineItem], lang: Lang) -> Result<String, ChartError> {
    let title = t(lang, "chart.timeline_title");
    let spans: Vec<(&TimelineItem, f64, f64)> = items
        .iter()
        .filter_map(|i| Some((i, fractional_year(&i.from)?, fractional_year(&i.to)?)))
        .collect();
    if spans.is_empty() {
        return Ok(no_data(lang, title));
    }
    let first = spans.iter().map(|s| s.1).fold(f64::MAX, f64::min).floor();
    let last = spans
        .iter()
        .map(|s| s.2)
        .fold(f64::MIN, f64::max)
        .ceil()
        .max(first + 1.0);
    let n = i32::try_from(spans.len()).map_err(err)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 70 + 26 * n.unsigned_abs()))
            .into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d(first..last, (0..n).into_segmented())
            .map_err(err)?;
        let label_of = |v: &SegmentValue<i32>| {
            segment(v, n)
                .and_then(|i| spans.get(i))
                .map(|s| s.0.label.clone())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(spans.len())
            .y_label_formatter(&label_of)
            .x_labels(
                usize::try_from((last - first) as i64 + 1)
                    .unwrap_or(10)
                    .min(16),
            )
            .x_label_formatter(&|x| format!("{x:.0}"))
            .label_style(("sans-serif", 11))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(spans.iter().enumerate().map(|(i, (item, from, to))| {
                let row = n - 1 - i32::try_from(i).unwrap_or(0);
                let colour = match item.kind.as_str() {
                    "election" => CITY_COLOUR,
                    "acting_term" => RGBColor(0x8a, 0x94, 0xa3),
                    _ => REGENCY_COLOUR,
                };
                let mut bar = Rectangle::new(
                    [
                        (*from, SegmentValue::Exact(row)),
                        (to.max(from + 0.05), SegmentValue::Exact(row + 1)),
                    ],
                    colour.filled(),
                );
                bar.set_margin(4, 4, 0, 0);
                bar
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, title))
}
