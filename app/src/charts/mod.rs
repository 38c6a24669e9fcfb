//! Charts drawn on the server with plotters into SVG text, so that they show without JavaScript, in exports and
//! in print. Pure functions of their data: no I/O.

use plotters::prelude::*;
use plotters::style::text_anchor;

use crate::i18n::{t, tf, Lang};
use model::public::{ComplaintYear, ProvinceMerit, RuleQuarter, COMPLAINT_STATUSES};
use model::types::{CategoryYear, MeritGroup, TimelineItem};

#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart: {0}")]
pub struct ChartError(String);

pub(super) fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError(e.to_string())
}

pub(super) const REGENCY_COLOUR: RGBColor = RGBColor(0x1f, 0x5f, 0x8b);
pub(super) const CITY_COLOUR: RGBColor = RGBColor(0xe0, 0x8e, 0x2b);

mod bars;
mod map;
mod peers;
mod timeline;

pub use bars::{
    complaints, compliance, merit_categories, merit_progress, per_quarter, rule_quarters,
};
pub use map::{province_map, PROVINCE_TILES};
pub use peers::peer_box;
pub use timeline::timeline;

/// One stacked part of every bar: its colour, its legend text and a value per bar.
pub(super) struct Series {
    colour: RGBColor,
    name: String,
    values: Vec<i64>,
}

/// Vertical stacked bars, one per label, the first series at the bottom, with a legend. `text` is the chart's
/// title (its text alternative) and the value axis's description.
pub(super) fn stacked_bars(
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
    // More than four parts: the legend goes to a column on the right instead of over the bars, as wide as its
    // longest name needs (rules are named in words, issue #16: about 6 px a character at 11 px), and the picture
    // grows by that much so that the bars keep their width.
    let legend_right = series.len() > 4;
    let longest = series
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let legend_width = if legend_right {
        u32::try_from(longest * 6 + 40).unwrap_or(190).max(190)
    } else {
        12
    };
    let mut svg = String::new();
    {
        let width = if legend_right {
            570 + legend_width
        } else {
            760
        };
        let root = SVGBackend::with_string(&mut svg, (width, 360)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(legend_width)
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
            let x = i32::try_from(width - legend_width).unwrap_or(0) + 10;
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

/// A plain "no data" picture: plotters overflows laying out a one-segment axis.
pub(super) fn no_data(lang: Lang, title: &str) -> String {
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
pub(super) fn segment(v: &SegmentValue<i32>, from_top: i32) -> Option<usize> {
    let i = match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => *i,
        SegmentValue::Last => return None,
    };
    usize::try_from(if from_top > 0 { from_top - 1 - i } else { i }).ok()
}

/// Makes the SVG scale with its container and gives it a text alternative for screen readers.
pub(super) fn accessible(svg: String, title: &str) -> String {
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
    use super::map::{share_class, SHARE_CLASSES};
    use super::timeline::fractional_year;
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
        // Rules are named in words in the legend.
        assert!(
            svg.contains("2024-Q1")
                && svg.contains("Calon melewati batas usia")
                && svg.contains("Jumlah panitia seleksi tidak sesuai"),
            "{svg}"
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
