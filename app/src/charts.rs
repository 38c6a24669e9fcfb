//! Charts drawn on the server with plotters into SVG text, so that they show without JavaScript, in exports and
//! in print. Pure functions of their data: no I/O.

use plotters::prelude::*;

use crate::i18n::{t, Lang};
use crate::types::{CategoryYear, MeritGroup, ProvinceCount, TimelineItem};

#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart: {0}")]
pub struct ChartError(String);

fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError(e.to_string())
}

const REGENCY_COLOUR: RGBColor = RGBColor(0x1f, 0x5f, 0x8b);
const CITY_COLOUR: RGBColor = RGBColor(0xe0, 0x8e, 0x2b);
/// Height of one province's bar row in pixels.
const ROW: u32 = 18;

/// Horizontal stacked bars: regencies and cities per province, provinces in the order given.
pub fn agencies_per_province(rows: &[ProvinceCount], lang: Lang) -> Result<String, ChartError> {
    if rows.is_empty() {
        return Ok(no_data(lang, t(lang, "chart.per_province_title")));
    }
    let n = i32::try_from(rows.len()).map_err(err)?.max(1);
    let max = rows
        .iter()
        .map(|r| r.regencies + r.cities)
        .max()
        .unwrap_or(0)
        .max(1);
    let size = (760u32, 90 + ROW * n.unsigned_abs());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(190)
            .build_cartesian_2d(0i64..max + max / 10 + 1, (0..n).into_segmented())
            .map_err(err)?;
        // Segment 0 is at the bottom; rows are drawn from the top so the chart reads in the table's order.
        let name_of = |v: &SegmentValue<i32>| {
            segment(v, n)
                .and_then(|i| rows.get(i))
                .map(|r| r.name.clone())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len())
            .y_label_formatter(&name_of)
            .x_desc(t(lang, "chart.agencies_axis"))
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        let bar = |i: usize, from: i64, to: i64, colour: RGBColor| {
            let i = n - 1 - i32::try_from(i).unwrap_or(0);
            let mut r = Rectangle::new(
                [
                    (from, SegmentValue::Exact(i)),
                    (to, SegmentValue::Exact(i + 1)),
                ],
                colour.filled(),
            );
            r.set_margin(3, 3, 0, 0);
            r
        };
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(i, r)| bar(i, 0, r.regencies, REGENCY_COLOUR)),
            )
            .map_err(err)?
            .label(t(lang, "kind.regency_plural"))
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 10, y + 5)], REGENCY_COLOUR.filled())
            });
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(i, r)| bar(i, r.regencies, r.regencies + r.cities, CITY_COLOUR)),
            )
            .map_err(err)?
            .label(t(lang, "kind.city_plural"))
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], CITY_COLOUR.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(("sans-serif", 13))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, t(lang, "chart.per_province_title")))
}

/// Vertical bars: violations per quarter (`2024-Q3`), in the order given, with the count over each bar.
pub fn per_quarter(quarters: &[(String, i64)], lang: Lang) -> Result<String, ChartError> {
    let title = t(lang, "chart.per_quarter_title");
    if quarters.is_empty() {
        return Ok(no_data(lang, title));
    }
    let n = i32::try_from(quarters.len()).map_err(err)?;
    let max = quarters.iter().map(|q| q.1).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 300)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(44)
            .build_cartesian_2d((0..n).into_segmented(), 0i64..max + max / 5 + 1)
            .map_err(err)?;
        let label_of = |v: &SegmentValue<i32>| {
            segment(v, 0)
                .and_then(|i| quarters.get(i))
                .map(|q| q.0.clone())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(quarters.len())
            .x_label_formatter(&label_of)
            .y_desc(t(lang, "chart.violations_axis"))
            .label_style(("sans-serif", 11))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(quarters.iter().enumerate().map(|(i, q)| {
                let i = i32::try_from(i).unwrap_or(0);
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0),
                        (SegmentValue::Exact(i + 1), q.1),
                    ],
                    REGENCY_COLOUR.filled(),
                );
                bar.set_margin(0, 0, 4, 4);
                bar
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, title))
}

/// The colours of the merit groups, in the order of the page.
const GROUP_COLOURS: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0x8b),
    RGBColor(0x6a, 0x3d, 0x9a),
    RGBColor(0x1b, 0x6e, 0x3a),
    RGBColor(0xe0, 0x8e, 0x2b),
];

/// Lines: the share of good agencies per group by year (in percent), each group's targets as crosses in its
/// colour, a legend naming the groups.
pub fn merit_progress(groups: &[MeritGroup], lang: Lang) -> Result<String, ChartError> {
    let title = t(lang, "chart.merit_title");
    let years: Vec<i32> = groups
        .iter()
        .flat_map(|g| {
            g.years
                .iter()
                .map(|y| y.year)
                .chain(g.targets.iter().map(|t| t.1))
        })
        .collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Ok(no_data(lang, title));
    };
    let last = last.max(first + 1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(32)
            .y_label_area_size(48)
            .build_cartesian_2d(first..last, 0f64..100f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(usize::try_from(last - first + 1).unwrap_or(10).min(14))
            .x_label_formatter(&|y| y.to_string())
            .y_desc(t(lang, "chart.share_axis"))
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        for (g, colour) in groups.iter().zip(GROUP_COLOURS.iter().cycle()) {
            let colour = *colour;
            chart
                .draw_series(LineSeries::new(
                    g.years.iter().map(|y| (y.year, y.share * 100.0)),
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(t(lang, crate::labels::group_key(&g.group)))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
                });
            chart
                .draw_series(g.targets.iter().map(|(share, year)| {
                    Cross::new((*year, share * 100.0), 6, colour.stroke_width(2))
                }))
                .map_err(err)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, title))
}

/// The merit categories' colours, Buruk to Sangat Baik, and their translation keys.
const CATEGORIES: [(RGBColor, &str); 4] = [
    (RGBColor(0xa4, 0x26, 0x2c), "merit.buruk"),
    (RGBColor(0xe0, 0x8e, 0x2b), "merit.kurang"),
    (RGBColor(0x5a, 0xa4, 0x69), "merit.baik"),
    (RGBColor(0x1b, 0x6e, 0x3a), "merit.sangat_baik"),
];

/// Stacked bars: verified results of each year of assessment by category, Buruk at the bottom.
pub fn merit_categories(years: &[CategoryYear], lang: Lang) -> Result<String, ChartError> {
    let title = t(lang, "chart.categories_title");
    if years.is_empty() {
        return Ok(no_data(lang, title));
    }
    let n = i32::try_from(years.len()).map_err(err)?;
    let max = years
        .iter()
        .map(|y| y.counts.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 340)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(48)
            .build_cartesian_2d((0..n).into_segmented(), 0i64..max + max / 8 + 1)
            .map_err(err)?;
        let label_of = |v: &SegmentValue<i32>| {
            segment(v, 0)
                .and_then(|i| years.get(i))
                .map(|y| y.year.to_string())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(years.len())
            .x_label_formatter(&label_of)
            .y_desc(t(lang, "chart.results_axis"))
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        for (slot, (colour, key)) in CATEGORIES.iter().enumerate() {
            let colour = *colour;
            chart
                .draw_series(years.iter().enumerate().map(|(i, y)| {
                    let i = i32::try_from(i).unwrap_or(0);
                    let below: i64 = y.counts[..slot].iter().sum();
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), below),
                            (SegmentValue::Exact(i + 1), below + y.counts[slot]),
                        ],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, 6, 6);
                    bar
                }))
                .map_err(err)?
                .label(t(lang, key))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, title))
}

/// A date as a fractional year (2024-07-01 ≈ 2024.5), for time axes; `None` when it is not `YYYY-MM-DD`.
fn fractional_year(date: &str) -> Option<f64> {
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

/// A plain "no data" picture: plotters overflows laying out a one-segment axis.
fn no_data(lang: Lang, title: &str) -> String {
    let svg = format!(
        "<svg width=\"760\" height=\"60\" viewBox=\"0 0 760 60\" xmlns=\"http://www.w3.org/2000/svg\">\
         <text x=\"380\" y=\"35\" text-anchor=\"middle\" font-family=\"sans-serif\">{}</text></svg>",
        t(lang, "chart.no_data")
    );
    accessible(svg, title)
}

/// The item a segment of a segmented axis stands for: its index, or with `from_top = n` the index counted from
/// the last segment (rows drawn top-down on a vertical axis, where segment 0 is at the bottom). `None` for the
/// axis's end.
fn segment(v: &SegmentValue<i32>, from_top: i32) -> Option<usize> {
    let i = match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => *i,
        SegmentValue::Last => return None,
    };
    usize::try_from(if from_top > 0 { from_top - 1 - i } else { i }).ok()
}

/// Makes the SVG scale with its container and gives it a text alternative for screen readers.
fn accessible(svg: String, title: &str) -> String {
    let title = title.replace('&', "&amp;").replace('<', "&lt;");
    match svg.find('>') {
        Some(end) if svg.starts_with("<svg") => {
            format!(
                "{} role=\"img\" aria-label=\"{title}\"><title>{title}</title>{}",
                &svg[..end],
                &svg[end + 1..]
            )
        }
        _ => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, regencies: i64, cities: i64) -> ProvinceCount {
        ProvinceCount {
            code: name.to_string(),
            name: name.to_string(),
            regencies,
            cities,
        }
    }

    #[test]
    fn draws_one_bar_per_province_and_kind_with_labels() {
        let svg = agencies_per_province(&[row("Aceh", 18, 5), row("Bali", 8, 1)], Lang::Id)
            .expect("chart");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.contains("role=\"img\""));
        assert!(
            svg.contains("\nAceh\n") && svg.contains("\nBali\n"),
            "province labels are text in the SVG: {svg}"
        );
        assert!(
            svg.contains("Kabupaten") && svg.contains("Kota"),
            "Indonesian legend"
        );
        let english = agencies_per_province(&[row("Aceh", 18, 5)], Lang::En).expect("chart");
        assert!(english.contains("Regencies") && english.contains("Cities"));
    }

    #[test]
    fn draws_a_bar_per_quarter_with_its_label() {
        let quarters = vec![
            ("2024-Q1".to_string(), 3),
            ("2024-Q2".to_string(), 0),
            ("2024-Q3".to_string(), 7),
        ];
        let svg = per_quarter(&quarters, Lang::En).expect("chart");
        assert!(svg.contains("2024-Q1") && svg.contains("2024-Q3"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert!(per_quarter(&[], Lang::Id)
            .expect("chart")
            .contains("Belum ada data"));
    }

    #[test]
    fn a_timeline_draws_each_term_and_election_by_its_dates() {
        let item = |kind: &str, label: &str, from: &str, to: &str| TimelineItem {
            kind: kind.into(),
            label: label.into(),
            from: from.into(),
            to: to.into(),
        };
        let svg = timeline(
            &[
                item("term", "Bupati A", "2021-02-26", "2024-12-31"),
                item("election", "Pilkada 2024", "2024-09-22", "2024-11-27"),
                item("term", "broken", "2024", "x"),
            ],
            Lang::Id,
        )
        .expect("chart");
        assert!(
            svg.contains("Bupati A") && svg.contains("Pilkada 2024"),
            "{svg}"
        );
        assert!(
            !svg.contains("broken"),
            "an item without readable dates is left out"
        );
        assert!(
            svg.contains("2021") && svg.contains("2025"),
            "the axis spans the items' years"
        );
        assert_eq!(
            fractional_year("2024-07-01").map(|y| (y * 10.0).round()),
            Some(20245.0)
        );
        assert!(timeline(&[], Lang::En).expect("chart").contains("No data"));
    }

    #[test]
    fn merit_progress_draws_a_line_per_group_with_its_targets() {
        use crate::types::GroupYear;
        let year = |year: i32, good: i64| GroupYear {
            year,
            good,
            assessed: good,
            total: 10,
            share: good as f64 / 10.0,
        };
        let groups = vec![MeritGroup {
            group: "regency_city".into(),
            targets: vec![(0.2, 2022), (0.3, 2024)],
            years: vec![year(2021, 1), year(2022, 2), year(2023, 4)],
        }];
        let svg = merit_progress(&groups, Lang::Id).expect("chart");
        assert!(
            svg.contains("Kabupaten/kota otonom") && svg.contains("2024"),
            "{svg}"
        );
        assert!(svg.contains("<polyline"), "the group's line");
        assert!(merit_progress(&[], Lang::En)
            .expect("chart")
            .contains("No data"));
    }

    #[test]
    fn categories_stack_per_year_with_a_legend() {
        let years = vec![
            CategoryYear {
                year: 2023,
                counts: [1, 2, 3, 4],
            },
            CategoryYear {
                year: 2024,
                counts: [0, 1, 5, 6],
            },
        ];
        let svg = merit_categories(&years, Lang::Id).expect("chart");
        assert!(
            svg.contains("2023") && svg.contains("2024") && svg.contains("Sangat Baik (IV)"),
            "{svg}"
        );
        assert!(merit_categories(&[], Lang::En)
            .expect("chart")
            .contains("No data"));
    }

    #[test]
    fn empty_data_still_draws_a_chart() {
        let svg = agencies_per_province(&[], Lang::Id).expect("chart");
        assert!(svg.contains("</svg>") && svg.contains("Belum ada data"));
    }
}
