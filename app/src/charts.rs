//! Charts drawn on the server with plotters into SVG text, so that they show without JavaScript, in exports and
//! in print. Pure functions of their data: no I/O.

use plotters::prelude::*;
use plotters::style::text_anchor;

use crate::i18n::{t, Lang};
use model::public::{ComplaintYear, ProvinceMerit, RuleQuarter, COMPLAINT_STATUSES};
use model::types::{CategoryYear, MeritGroup, TimelineItem};

#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart: {0}")]
pub struct ChartError(String);

fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError(e.to_string())
}

const REGENCY_COLOUR: RGBColor = RGBColor(0x1f, 0x5f, 0x8b);
const CITY_COLOUR: RGBColor = RGBColor(0xe0, 0x8e, 0x2b);

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

/// One stacked part of every bar: its colour, its legend text and a value per bar.
struct Series {
    colour: RGBColor,
    name: String,
    values: Vec<i64>,
}

/// Vertical stacked bars, one per label, the first series at the bottom, with a legend. `text` is the chart's
/// title (its text alternative) and the value axis's description.
fn stacked_bars(
    labels: &[String],
    series: &[Series],
    (title, axis): (&str, &str),
    lang: Lang,
) -> Result<String, ChartError> {
    if labels.is_empty() {
        return Ok(no_data(lang, title));
    }
    let n = i32::try_from(labels.len()).map_err(err)?;
    let total = |i: usize| -> i64 { series.iter().filter_map(|s| s.values.get(i)).sum() };
    let max = (0..labels.len()).map(total).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let width = 760u32;
        let root = SVGBackend::with_string(&mut svg, (width, 360)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        // More than four parts: the legend goes to a column on the right instead of over the bars.
        let legend_right = series.len() > 4;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(if legend_right { 190 } else { 12 })
            .x_label_area_size(30)
            .y_label_area_size(48)
            .build_cartesian_2d(
                (0..n).into_segmented(),
                0i64..max + if legend_right { max / 10 } else { max / 3 } + 1,
            )
            .map_err(err)?;
        let label_of = |v: &SegmentValue<i32>| {
            segment(v, 0)
                .and_then(|i| labels.get(i))
                .cloned()
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(labels.len())
            .x_label_formatter(&label_of)
            .y_desc(axis)
            .label_style(("sans-serif", 11))
            .draw()
            .map_err(err)?;
        for (k, s) in series.iter().enumerate() {
            let colour = s.colour;
            chart
                .draw_series(s.values.iter().enumerate().map(|(i, value)| {
                    let below: i64 = series[..k].iter().filter_map(|b| b.values.get(i)).sum();
                    let i = i32::try_from(i).unwrap_or(0);
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), below),
                            (SegmentValue::Exact(i + 1), below + value),
                        ],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, 4, 4);
                    bar
                }))
                .map_err(err)?
                .label(s.name.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        if legend_right {
            // Drawn on the whole picture: plotters clips a legend placed outside the plotting area.
            let text = ("sans-serif", 11)
                .into_font()
                .color(&BLACK)
                .pos(text_anchor::Pos::new(
                    text_anchor::HPos::Left,
                    text_anchor::VPos::Center,
                ));
            let x = i32::try_from(width).unwrap_or(0) - 180;
            for (k, s) in series.iter().enumerate() {
                let y = 20 + i32::try_from(k).unwrap_or(0) * 16;
                root.draw(&Rectangle::new(
                    [(x, y - 5), (x + 10, y + 5)],
                    s.colour.filled(),
                ))
                .map_err(err)?;
                root.draw(&Text::new(s.name.clone(), (x + 16, y), text.clone()))
                    .map_err(err)?;
            }
        } else {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK)
                .label_font(("sans-serif", 11))
                .draw()
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, title))
}

/// Colours for the rules, in the order of their ids (one per rule of rules.md).
const RULE_COLOURS: [RGBColor; 13] = [
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
            name: rule.to_string(),
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
const COMPLAINT_COLOURS: [RGBColor; 4] = [
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
            name: crate::labels::complaint_status_key(status)
                .map_or_else(|| status.to_string(), |key| t(lang, key).to_string()),
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

/// Where each province sits on the tile map (column west to east, row north to south) and its short name.
/// Roughly the archipelago's shape: Sumatra, Java and the Lesser Sunda Islands, Kalimantan, Sulawesi, Maluku,
/// Papua.
pub const PROVINCE_TILES: [(&str, &str, i32, i32); 38] = [
    ("11", "ACEH", 0, 0),
    ("12", "SUMUT", 1, 1),
    ("13", "SUMBAR", 1, 2),
    ("14", "RIAU", 2, 2),
    ("21", "KEPRI", 3, 1),
    ("15", "JAMBI", 2, 3),
    ("19", "BABEL", 3, 3),
    ("17", "BKL", 1, 4),
    ("16", "SUMSEL", 2, 4),
    ("18", "LAMPUNG", 2, 5),
    ("31", "DKI", 4, 5),
    ("36", "BANTEN", 3, 6),
    ("32", "JABAR", 4, 6),
    ("33", "JATENG", 5, 6),
    ("34", "DIY", 5, 7),
    ("35", "JATIM", 6, 6),
    ("51", "BALI", 7, 6),
    ("52", "NTB", 8, 6),
    ("53", "NTT", 9, 6),
    ("61", "KALBAR", 4, 2),
    ("62", "KALTENG", 5, 2),
    ("63", "KALSEL", 6, 3),
    ("64", "KALTIM", 6, 2),
    ("65", "KALTARA", 6, 1),
    ("75", "GTLO", 8, 1),
    ("71", "SULUT", 9, 1),
    ("72", "SULTENG", 8, 2),
    ("76", "SULBAR", 7, 3),
    ("74", "SULTRA", 8, 3),
    ("73", "SULSEL", 7, 4),
    ("82", "MALUT", 10, 2),
    ("81", "MALUKU", 10, 4),
    ("96", "PBD", 11, 2),
    ("92", "PABAR", 12, 2),
    ("91", "PAPUA", 13, 2),
    ("94", "PAPTENG", 12, 3),
    ("95", "PAPEG", 13, 3),
    ("93", "PAPSEL", 13, 4),
];

/// The map's colour classes: the lowest share (percent) of each class, its fill, and whether its text is white.
const SHARE_CLASSES: [(f64, RGBColor, bool); 5] = [
    (0.0, RGBColor(0xed, 0xf8, 0xe9), false),
    (10.0, RGBColor(0xba, 0xe4, 0xb3), false),
    (20.0, RGBColor(0x74, 0xc4, 0x76), false),
    (30.0, RGBColor(0x31, 0xa3, 0x54), true),
    (50.0, RGBColor(0x00, 0x6d, 0x2c), true),
];
const NOT_ASSESSED: RGBColor = RGBColor(0xe5, 0xe5, 0xe5);

/// The colour class of a share (0–1).
fn share_class(share: f64) -> (RGBColor, bool) {
    let percent = share * 100.0;
    SHARE_CLASSES
        .iter()
        .rev()
        .find(|(from, _, _)| percent >= *from)
        .map_or((SHARE_CLASSES[0].1, false), |(_, colour, white)| {
            (*colour, *white)
        })
}

/// A tile grid map of Indonesia: one square per province, coloured by the share of its agencies (government,
/// regencies, cities) standing at a good merit category, grey where none is assessed, with a legend.
pub fn province_map(provinces: &[ProvinceMerit], lang: Lang) -> Result<String, ChartError> {
    const TILE: i32 = 50;
    const STEP: i32 = 54;
    let title = t(lang, "chart.map_title");
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 500)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let font = |size: i32, white: bool| {
            ("sans-serif", size)
                .into_font()
                .color(if white { &WHITE } else { &BLACK })
                .pos(text_anchor::Pos::new(
                    text_anchor::HPos::Center,
                    text_anchor::VPos::Center,
                ))
        };
        for (code, short, col, row) in PROVINCE_TILES {
            let (x, y) = (4 + col * STEP, 4 + row * STEP);
            let province = provinces.iter().find(|p| p.code == code);
            let (fill, white, label) = match province {
                Some(p) if p.assessed > 0 => {
                    let (fill, white) = share_class(p.share);
                    (fill, white, crate::i18n::fmt_percent(lang, p.share))
                }
                _ => (NOT_ASSESSED, false, "–".to_string()),
            };
            root.draw(&Rectangle::new(
                [(x, y), (x + TILE, y + TILE)],
                fill.filled(),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                short.to_string(),
                (x + TILE / 2, y + 17),
                font(10, white),
            ))
            .map_err(err)?;
            root.draw(&Text::new(label, (x + TILE / 2, y + 34), font(10, white)))
                .map_err(err)?;
        }
        // The legend: one swatch per class and one for "not assessed".
        let legend_y = 4 + 8 * STEP + 8;
        let mut entries: Vec<(RGBColor, String)> = SHARE_CLASSES
            .iter()
            .enumerate()
            .map(|(i, (from, colour, _))| {
                let text = match SHARE_CLASSES.get(i + 1) {
                    Some((to, _, _)) => format!("{from:.0}–{to:.0} %"),
                    None => format!("≥ {from:.0} %"),
                };
                (*colour, text)
            })
            .collect();
        entries.push((NOT_ASSESSED, t(lang, "chart.map_not_assessed").to_string()));
        let left = ("sans-serif", 11)
            .into_font()
            .color(&BLACK)
            .pos(text_anchor::Pos::new(
                text_anchor::HPos::Left,
                text_anchor::VPos::Center,
            ));
        for (i, (colour, text)) in entries.into_iter().enumerate() {
            let x = 4 + i32::try_from(i).unwrap_or(0) * 120;
            root.draw(&Rectangle::new(
                [(x, legend_y), (x + 14, legend_y + 14)],
                colour.filled(),
            ))
            .map_err(err)?;
            root.draw(&Text::new(text, (x + 20, legend_y + 7), left.clone()))
                .map_err(err)?;
        }
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
        use model::types::GroupYear;
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
    fn the_map_colours_each_province_by_its_share_and_greys_the_unassessed() {
        let west_java = ProvinceMerit {
            code: "32".into(),
            name: "Jawa Barat".into(),
            total: 28,
            assessed: 10,
            good: 9,
            share: 0.3214,
            violations: Vec::new(),
        };
        let svg = province_map(std::slice::from_ref(&west_java), Lang::En).expect("map");
        assert!(svg.contains("role=\"img\"") && svg.contains("JABAR") && svg.contains("PAPSEL"));
        assert!(svg.contains("32.1 %"), "the share on the tile");
        let lower = svg.to_lowercase();
        assert!(lower.contains("#31a354"), "30–50 % class");
        assert!(
            svg.contains("not assessed") && lower.contains("#e5e5e5"),
            "the other provinces are grey"
        );
        assert_eq!(
            share_class(0.0999).0,
            SHARE_CLASSES[0].1,
            "9.99 % is below 10 %"
        );
        assert_eq!(
            share_class(0.10).0,
            SHARE_CLASSES[1].1,
            "10 % starts the second class"
        );
        assert_eq!(share_class(0.2999).0, SHARE_CLASSES[2].1);
        assert_eq!(
            share_class(0.30).0,
            SHARE_CLASSES[3].1,
            "the 30 % target starts the dark classes"
        );
        assert_eq!(share_class(1.0).0, SHARE_CLASSES[4].1);
    }

    #[test]
    fn rule_quarters_and_complaints_stack_their_parts_with_a_legend() {
        use model::public::PublicCount;
        let rows = vec![
            RuleQuarter {
                quarter: "2024-Q1".into(),
                rule: "R-SEL-AGE".into(),
                count: PublicCount::Exact(4),
            },
            RuleQuarter {
                quarter: "2024-Q2".into(),
                rule: "R-PANSEL-SIZE".into(),
                count: PublicCount::Few,
            },
        ];
        let svg = rule_quarters(&rows, Lang::Id).expect("chart");
        assert!(
            svg.contains("2024-Q1") && svg.contains("R-SEL-AGE") && svg.contains("R-PANSEL-SIZE")
        );
        let years = vec![ComplaintYear {
            year: 2024,
            counts: [
                PublicCount::Exact(5),
                PublicCount::Few,
                PublicCount::Exact(3),
                PublicCount::Exact(0),
            ],
        }];
        let svg = complaints(&years, Lang::En).expect("chart");
        assert!(svg.contains("2024") && svg.contains("Proven") && svg.contains("Being verified"));
    }

    #[test]
    fn empty_data_still_draws_a_chart() {
        let svg = complaints(&[], Lang::Id).expect("chart");
        assert!(svg.contains("</svg>") && svg.contains("Belum ada data"));
    }
}
