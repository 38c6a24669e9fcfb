//! The scorecard's peer comparison (issue #20): one small box chart per measure — the whiskers from the lowest
//! to the highest peer, the box from the first to the third quartile, the median as a bar, the agency as a dot.

use plotters::prelude::*;

use super::*;
use crate::labels::measure_text;
use model::types::{AgencyKind, PeerMeasure};

const WIDTH: u32 = 360;
const HEIGHT: u32 = 70;
const BOX_COLOUR: RGBColor = RGBColor(0xc9, 0xdc, 0xea);

/// The chart of one measure among `peers` agencies of `kind`, with its text alternative giving every number.
pub fn peer_box(m: &PeerMeasure, kind: AgencyKind, lang: Lang) -> Result<String, ChartError> {
    let name = t(lang, m.kind.label_key());
    let Some(q) = m.quartiles else {
        return Ok(no_data(lang, name));
    };
    let text = |v: f64| measure_text(lang, m.kind, v);
    let title = tf(
        lang,
        "peers.chart_title",
        &[
            ("measure", name),
            ("median", &text(q.median)),
            ("q1", &text(q.q1)),
            ("q3", &text(q.q3)),
            ("min", &text(q.min)),
            ("max", &text(q.max)),
            (
                "n",
                &crate::i18n::fmt_int(lang, i64::try_from(m.peers).unwrap_or(0)),
            ),
            ("kind", &t(lang, kind.plural_key()).to_lowercase()),
            (
                "value",
                &m.value
                    .map_or_else(|| t(lang, "peers.no_value").to_string(), text),
            ),
        ],
    );
    let low = q.min.min(m.value.unwrap_or(q.min));
    let high = q.max.max(m.value.unwrap_or(q.max));
    // All peers equal: a range around the value, so that the axis has a width.
    let pad = if high - low > f64::EPSILON {
        (high - low) * 0.06
    } else {
        low.abs().max(1.0) * 0.5
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(6)
            .margin_right(14)
            .x_label_area_size(22)
            .build_cartesian_2d((low - pad)..(high + pad), 0f64..1f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .disable_y_axis()
            .x_labels(4)
            .x_label_formatter(&|v| text(*v))
            .label_style(("sans-serif", 10))
            .draw()
            .map_err(err)?;
        let grey = RGBColor(0x55, 0x55, 0x55);
        chart
            .draw_series([
                PathElement::new(vec![(q.min, 0.5), (q.q1, 0.5)], grey.stroke_width(1)),
                PathElement::new(vec![(q.q3, 0.5), (q.max, 0.5)], grey.stroke_width(1)),
                PathElement::new(vec![(q.min, 0.35), (q.min, 0.65)], grey.stroke_width(1)),
                PathElement::new(vec![(q.max, 0.35), (q.max, 0.65)], grey.stroke_width(1)),
            ])
            .map_err(err)?;
        chart
            .draw_series([
                Rectangle::new([(q.q1, 0.2), (q.q3, 0.8)], BOX_COLOUR.filled()),
                Rectangle::new([(q.q1, 0.2), (q.q3, 0.8)], REGENCY_COLOUR.stroke_width(1)),
            ])
            .map_err(err)?;
        chart
            .draw_series([PathElement::new(
                vec![(q.median, 0.15), (q.median, 0.85)],
                REGENCY_COLOUR.stroke_width(3),
            )])
            .map_err(err)?;
        if let Some(v) = m.value {
            chart
                .draw_series([
                    Circle::new((v, 0.5), 6, CITY_COLOUR.filled()),
                    Circle::new((v, 0.5), 6, BLACK.stroke_width(1)),
                ])
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, &title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::types::{PeerMeasureKind, Quartiles};

    fn measure(value: Option<f64>, quartiles: Option<Quartiles>) -> PeerMeasure {
        PeerMeasure {
            kind: PeerMeasureKind::ViolationsPer100,
            value,
            peers: 5,
            quartiles,
            standing: None,
            svg: String::new(),
        }
    }

    const Q: Quartiles = Quartiles {
        min: 1.0,
        q1: 2.0,
        median: 3.5,
        q3: 4.0,
        max: 9.0,
    };

    #[test]
    fn the_text_alternative_gives_every_number_and_the_dot_is_drawn() {
        let svg =
            peer_box(&measure(Some(6.25), Some(Q)), AgencyKind::Regency, Lang::Id).expect("chart");
        assert!(svg.contains("role=\"img\""), "{svg}");
        assert!(
            svg.contains("median 3,5 (kuartil 2,0–4,0, rentang 1,0–9,0) di antara 5 kabupaten; instansi ini 6,2"),
            "{svg}"
        );
        assert!(svg.contains("<circle"), "the agency's dot");
        let without = peer_box(&measure(None, Some(Q)), AgencyKind::City, Lang::En).expect("chart");
        assert!(!without.contains("<circle"), "no value, no dot");
        assert!(
            without.contains("this agency nothing to measure"),
            "{without}"
        );
    }

    #[test]
    fn equal_peers_and_no_peers() {
        let flat = Quartiles {
            min: 0.0,
            q1: 0.0,
            median: 0.0,
            q3: 0.0,
            max: 0.0,
        };
        let svg =
            peer_box(&measure(Some(0.0), Some(flat)), AgencyKind::City, Lang::En).expect("chart");
        assert!(svg.contains("<circle"));
        let none = peer_box(&measure(None, None), AgencyKind::City, Lang::En).expect("chart");
        assert!(none.contains(t(Lang::En, "chart.no_data")));
    }
}
