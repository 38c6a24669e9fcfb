//! The province tile map: each province a square in its rough geographic place, coloured by the share of its
//! agencies in the good merit categories.

use plotters::prelude::*;
use plotters::style::text_anchor;

use super::*;

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
pub(super) const SHARE_CLASSES: [(f64, RGBColor, bool); 5] = [
    (0.0, RGBColor(0xed, 0xf8, 0xe9), false),
    (10.0, RGBColor(0xba, 0xe4, 0xb3), false),
    (20.0, RGBColor(0x74, 0xc4, 0x76), false),
    (30.0, RGBColor(0x31, 0xa3, 0x54), true),
    (50.0, RGBColor(0x00, 0x6d, 0x2c), true),
];
pub(super) const NOT_ASSESSED: RGBColor = RGBColor(0xe5, 0xe5, 0xe5);

/// The colour class of a share (0–1).
pub(super) fn share_class(share: f64) -> (RGBColor, bool) {
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
