//! A small typesetter for A4 letters: paragraphs of text wrapped between the margins, onto as many pages as they
//! need. krilla writes the PDF (fonts embedded as subsets: a letter is ~25 KB, not the 740 KB of the two font
//! files); ttf-parser measures the words, so lines are broken where the glyphs really end. Pure: bytes in, bytes out.

use std::sync::{Arc, OnceLock};

use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");

/// A4 in PostScript points, with 2.5 cm margins (the usual Indonesian official letter, Permenpan RB 80/2012).
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 71.0;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// How a block is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Body text.
    Body,
    /// Bold body text (headings, the subject line).
    Bold,
    /// A smaller line (the verification line, the English gloss).
    Small,
    /// A centred bold title.
    Title,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Body | Style::Bold => 10.5,
            Style::Small => 8.5,
            Style::Title => 12.0,
        }
    }
    fn bold(self) -> bool {
        matches!(self, Style::Bold | Style::Title)
    }
}

/// One paragraph: its style, a hanging indent (points; for numbered items and labels) and the space after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub style: Style,
    pub indent: f32,
    pub text: String,
    pub space_after: f32,
}

impl Block {
    pub fn new(style: Style, text: impl Into<String>) -> Block {
        Block {
            style,
            indent: 0.0,
            text: text.into(),
            space_after: 6.0,
        }
    }
    pub fn indented(mut self, indent: f32) -> Block {
        self.indent = indent;
        self
    }
    pub fn after(mut self, space: f32) -> Block {
        self.space_after = space;
        self
    }
}

struct Face {
    font: Font,
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font)?;
        let font = Font::new(Arc::new(data.to_vec()).into(), 0).ok_or(PdfError::Font)?;
        Ok(Face { font, face })
    }

    /// The width of `text` at `size` points, by the glyphs' advances (no kerning: DejaVu needs none for this).
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(self.face.units_per_em())
    }
}

/// The two faces, parsed once per process.
fn faces() -> Result<&'static (Face, Face), PdfError> {
    static FACES: OnceLock<Result<(Face, Face), ()>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Ok((
                Face::load(REGULAR).map_err(|_| ())?,
                Face::load(BOLD).map_err(|_| ())?,
            ))
        })
        .as_ref()
        .map_err(|()| PdfError::Font)
}

/// Breaks `text` into lines no wider than `width`; explicit newlines are kept. A single word wider than the line
/// (a long URL) stands on a line of its own rather than being cut.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || face.width(&candidate, size) <= width {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        lines.push(line);
    }
    lines
}

/// One line where it goes: the page (from 0), the baseline's position, its style.
#[derive(Clone, Debug, PartialEq)]
struct Placed {
    page: usize,
    x: f32,
    y: f32,
    style: Style,
    text: String,
}

/// Where every line of `blocks` goes: lines fill a page from the top margin down and continue on the next.
fn layout(regular: &Face, bold: &Face, blocks: &[Block]) -> Vec<Placed> {
    let mut placed = Vec::new();
    let (mut page, mut y) = (0, MARGIN);
    for block in blocks {
        let face = if block.style.bold() { bold } else { regular };
        let size = block.style.size();
        let leading = size * 1.4;
        let width = PAGE_WIDTH - 2.0 * MARGIN - block.indent;
        for text in wrap(face, &block.text, size, width) {
            if y + leading > PAGE_HEIGHT - MARGIN {
                page += 1;
                y = MARGIN;
            }
            y += leading;
            let x = if block.style == Style::Title {
                (PAGE_WIDTH - face.width(&text, size)) / 2.0
            } else {
                MARGIN + block.indent
            };
            placed.push(Placed {
                page,
                x,
                y,
                style: block.style,
                text,
            });
        }
        y += block.space_after;
    }
    placed
}

/// Sets `blocks` on A4 pages and returns the PDF; `title` goes into the document's metadata.
pub fn render(title: &str, blocks: &[Block]) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = faces()?;
    let placed = layout(regular, bold, blocks);
    let pages = placed.last().map_or(1, |line| line.page + 1);
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .language("id".to_string())
            .creator("Pantau Merit".to_string()),
    );
    for number in 0..pages {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PdfError::Font)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for line in placed
            .iter()
            .filter(|l| l.page == number && !l.text.is_empty())
        {
            let face = if line.style.bold() { bold } else { regular };
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                face.font.clone(),
                line.style.size(),
                &line.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|err| PdfError::Write(format!("{err:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_within_the_width() {
        let (regular, _) = faces().expect("fonts");
        let text = "Pejabat Pembina Kepegawaian diminta membatalkan mutasi tersebut dalam empat belas hari";
        let width = regular.width("Pejabat Pembina Kepegawaian", 10.5) + 1.0;
        let lines = wrap(regular, text, 10.5, width);
        assert_eq!(lines[0], "Pejabat Pembina Kepegawaian");
        assert!(lines
            .iter()
            .all(|l| regular.width(l, 10.5) <= width || !l.contains(' ')));
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap(regular, "a\n\nb", 10.5, 100.0), ["a", "", "b"]);
    }

    #[test]
    fn a_long_text_flows_onto_a_second_page() {
        let blocks: Vec<Block> = (0..80)
            .map(|n| {
                Block::new(
                    Style::Body,
                    format!("Baris ke-{n} dari surat yang panjang."),
                )
            })
            .collect();
        let (regular, bold) = faces().expect("fonts");
        let placed = layout(regular, bold, &blocks);
        assert_eq!(placed.len(), 80);
        assert_eq!(placed[0].page, 0);
        assert!(placed[79].page >= 1);
        assert!(placed.windows(2).all(|w| w[0].page <= w[1].page));
        assert!(placed.iter().all(|l| l.y <= PAGE_HEIGHT - MARGIN));
        assert!(render("uji", &blocks).expect("pdf").starts_with(b"%PDF-"));
    }
}
