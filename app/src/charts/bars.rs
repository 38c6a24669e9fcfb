//! Bar charts: violations per quarter, merit progress and categories, violations per rule and quarter,
//! complaints per year.

use plotters::prelude::*;

use super::*;

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
pub(super) const GROUP_COLOURS: [RGBColor; 4] = [
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
pub(super) const CATEGORIES: [(RGBColor, &str); 4] = [
    (RGBColor(0xa4, 0x26, 0x2c), "merit.buruk"),
    (RGBColor(0xe0, 0x8e, 0x2b), "merit.kurang"),
    (RGBColor(0x5a, 0xa4, 0x69), "merit.baik"),
    (RGBColor(0x1b, 0x6e, 0x3a), "merit.sangat_baik"),
];

/// Stacked bars: verified results of each year of assessment by category, Buruk at the bottom.
pub fn merit_categories(years: &[CategoryYear], lang: Lang) -> Result<String, ChartError> {
    let labels: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    let series: Vec<Series> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(slot, (colour, key))| Series {
            colour: *colour,
            name: t(lang, key).to_string(),
            values: years.iter().map(|y| y.counts[slot]).collect(),
        })
        .collect();
    stacked_bars(
        &labels,
        &series,
        (
            t(lang, "chart.categories_title"),
            t(lang, "chart.results_axis"),
        ),
        lang,
    )
}

/// Colours for the rules, in the order of their ids (one per rule of rules.md).
pub(super) const RULE_COLOURS: [RGBColor; 13] = [
    RGBColor(0x17, 0xbe, 0xcf),
    RGBColor(0xbc, 0xbd, 0x22),
    RGBColor(0xf7, 0xb6, 0xd2),
    RGBColor(0x39, 0x3b, 0x79),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x1f, 0x5f, 0x8b),
    RGBColor(0xe0, 0x8e, 0x2b),
    RGBColor(0x1b, 0x6e, 0x3a),
    RGBColor(0xa4, 0x26, 0x2c),
    RGBColor(0x6a, 0x3d, 0x9a),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0x5f, 0x9e, 0xa0),
    RGBColor(0x7f, 0x7f, 0x7f),
];

/// Stacked bars: violations per quarter of their event, one part per rule. Suppressed counts ("< 3") are not
/// drawn; the table beside the chart shows them.
pub fn rule_quarters(rows: &[RuleQuarter], lang: Lang) -> Result<String, ChartError> {
    let (quarters, rules) = model::public::quarters_and_rules(rows);
    let series: Vec<Series> = rules
        .iter()
        .zip(RULE_COLOURS.iter().cycle())
        .map(|(rule, colour)| Series {
            colour: *colour,
            name: crate::labels::rule_phrase(lang, rule),
            values: quarters
                .iter()
                .map(|q| {
                    rows.iter()
                        .find(|r| &r.quarter == q && &r.rule == rule)
                        .map_or(0, |r| r.count.drawn())
                })
                .collect(),
        })
        .collect();
    stacked_bars(
        &quarters,
        &series,
        (
            t(lang, "chart.rule_quarters_title"),
            t(lang, "chart.violations_axis"),
        ),
        lang,
    )
}

/// The complaint statuses' colours, in the order of [`COMPLAINT_STATUSES`].
pub(super) const COMPLAINT_COLOURS: [RGBColor; 4] = [
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0xe0, 0x8e, 0x2b),
    RGBColor(0xa4, 0x26, 0x2c),
    RGBColor(0x1f, 0x5f, 0x8b),
];

/// Stacked bars: neutrality complaints per year of receipt by status.
pub fn complaints(years: &[ComplaintYear], lang: Lang) -> Result<String, ChartError> {
    let labels: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    let series: Vec<Series> = COMPLAINT_STATUSES
        .iter()
        .zip(COMPLAINT_COLOURS)
        .enumerate()
        .map(|(slot, (status, colour))| Series {
            colour,
            name: crate::labels::complaint_status_label(lang, *status).to_string(),
            values: years.iter().map(|y| y.counts[slot].drawn()).collect(),
        })
        .collect();
    stacked_bars(
        &labels,
        &series,
        (
            t(lang, "chart.complaints_title"),
            t(lang, "chart.complaints_axis"),
        ),
        lang,
    )
}

/// The colours of the compliance outcomes (`model::recommendation::Outcome::ALL` order): complied on time and
/// late in greens, objection orange, not complied red, awaiting a verdict grey.
const OUTCOME_COLOURS: [RGBColor; 5] = [
    RGBColor(0x1b, 0x6e, 0x3a),
    RGBColor(0x74, 0xb0, 0x6f),
    RGBColor(0xe0, 0x8e, 0x2b),
    RGBColor(0xa4, 0x26, 0x2c),
    RGBColor(0x7f, 0x7f, 0x7f),
];

/// Stacked bars of 100 %: how the recommendations due in each year ended up, so that the follow-up rate is the
/// height of the two green parts. `years` are `(year, counts in Outcome::ALL order)`; a suppressed public count
/// comes as 0 (the table beside the chart says "< 3").
pub fn compliance(years: &[(i32, [i64; 5])], lang: Lang) -> Result<String, ChartError> {
    let labels: Vec<String> = years.iter().map(|(y, _)| y.to_string()).collect();
    let shares: Vec<[i64; 5]> = years
        .iter()
        .map(|(_, counts)| percentages(counts))
        .collect();
    let series: Vec<Series> = model::recommendation::Outcome::ALL
        .iter()
        .zip(OUTCOME_COLOURS)
        .enumerate()
        .map(|(slot, (outcome, colour))| Series {
            colour,
            name: crate::labels::outcome_label(lang, *outcome).to_string(),
            values: shares.iter().map(|s| s[slot]).collect(),
        })
        .collect();
    stacked_bars(
        &labels,
        &series,
        (
            t(lang, "chart.compliance_title"),
            t(lang, "chart.compliance_axis"),
        ),
        lang,
    )
}

/// Whole percentages of `counts` that add up to 100 (largest remainders first); all zero for no counts.
pub fn percentages(counts: &[i64; 5]) -> [i64; 5] {
    let total: i64 = counts.iter().sum();
    if total <= 0 {
        return [0; 5];
    }
    let mut out = counts.map(|c| c * 100 / total);
    let mut rest: Vec<(i64, usize)> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| (c * 100 % total, i))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = 100 - out.iter().sum::<i64>();
    for (_, i) in rest.into_iter().take(usize::try_from(missing).unwrap_or(0)) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod compliance_tests {
    use super::percentages;

    #[test]
    fn shares_add_up_to_a_hundred() {
        assert_eq!(percentages(&[1, 1, 1, 0, 0]), [34, 33, 33, 0, 0]);
        assert_eq!(percentages(&[0; 5]), [0; 5]);
        assert_eq!(percentages(&[3, 0, 0, 0, 1]), [75, 0, 0, 0, 25]);
    }
}
