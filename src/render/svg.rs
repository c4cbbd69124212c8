//! Horizontal bar charts as inline SVG, written at build time: no chart library, no JavaScript.
//!
//! A chart is one `<svg role="img">` with a `<title>` and a `<desc>` (named by `aria-labelledby`
//! and `aria-describedby`), one row per item: its label on a line of its own, then its bar, then
//! its number as text. Rows with several series are stacked: each segment is separated from its
//! neighbours by a white line and carries its number when it is wide enough. Every colour given
//! here must contrast at least 3:1 with white (WCAG 2.1, 1.4.11); the page shows the same figures
//! in a table right after the chart.
//!
//! Output is a pure function of the input: coordinates are rounded to two decimals and printed
//! without trailing zeros, so two builds write the same bytes.

use std::fmt::Write;

/// Width of the drawing, in SVG user units (the page scales it down on narrow screens).
pub const WIDTH: f64 = 640.0;
const PAD: f64 = 8.0;
/// Height of the line holding a row's label, above its bar.
const LABEL_LINE: f64 = 20.0;
const BAR: f64 = 22.0;
const ROW_GAP: f64 = 12.0;
/// Room kept right of the longest bar for its number.
const VALUE_ROOM: f64 = 56.0;
const LEGEND_LINE: f64 = 22.0;
const SWATCH: f64 = 14.0;
/// A segment narrower than this shows no number inside (the table still has it).
const MIN_LABELLED_SEGMENT: f64 = 26.0;
const TEXT: &str = "#1b1b1b";
const WHITE: &str = "#ffffff";

/// How one series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Filled with a dark colour; its numbers are white.
    Solid(&'static str),
    /// White with a border of this colour; its numbers are in that colour. For "no value".
    Outline(&'static str),
}

/// One series of a chart: a single bar per row, or one segment of a stacked bar.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub paint: Paint,
}

/// One row: its label and one value per series.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub values: Vec<u64>,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique on the page: the `<title>` and `<desc>` ids are `{id}-titre` and `{id}-desc`.
    pub id: String,
    pub title: String,
    pub description: String,
    /// One series: plain bars, no legend. Several: stacked bars with a legend above them.
    pub series: Vec<Series>,
    pub rows: Vec<Row>,
}

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate, rounded to two decimals, without trailing zeros: `12`, `3.5`, `0.33`.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let rounded = (x * 100.0).round() / 100.0;
    if rounded == 0.0 {
        // Also turns -0 into 0.
        return "0".to_owned();
    }
    format!("{rounded}")
}

impl BarChart {
    fn legend_height(&self) -> f64 {
        if self.series.len() > 1 {
            self.series.len() as f64 * LEGEND_LINE + ROW_GAP / 2.0
        } else {
            0.0
        }
    }

    /// Total height of the drawing.
    pub fn height(&self) -> f64 {
        PAD * 2.0 + self.legend_height() + self.rows.len() as f64 * (LABEL_LINE + BAR + ROW_GAP)
            - if self.rows.is_empty() { 0.0 } else { ROW_GAP }
    }

    /// The chart as one `<svg>` element, ready to be put in a page as is.
    pub fn to_svg(&self) -> String {
        let id = escape(&self.id);
        let height = self.height();
        let mut out = String::new();
        // `write!` into a String cannot fail.
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graphique\" role=\"img\" \
             aria-labelledby=\"{id}-titre\" aria-describedby=\"{id}-desc\" \
             width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
             <title id=\"{id}-titre\">{title}</title>\n\
             <desc id=\"{id}-desc\">{desc}</desc>\n",
            w = number(WIDTH),
            h = number(height),
            title = escape(&self.title),
            desc = escape(&self.description),
        );
        let mut y = PAD;
        if self.series.len() > 1 {
            for series in &self.series {
                let (fill, stroke) = paint_colours(series.paint);
                let _ = writeln!(
                    out,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{s}\" height=\"{s}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>\
                     <text x=\"{tx}\" y=\"{ty}\" font-size=\"14\" fill=\"{TEXT}\">{label}</text>",
                    x = number(PAD + 0.75),
                    y = number(y + 0.75 + (LEGEND_LINE - SWATCH) / 2.0 - 1.0),
                    s = number(SWATCH - 1.5),
                    tx = number(PAD + SWATCH + 8.0),
                    ty = number(y + LEGEND_LINE / 2.0 + 4.0),
                    label = escape(&series.label),
                );
                y += LEGEND_LINE;
            }
            y += ROW_GAP / 2.0;
        }
        let max_total = self
            .rows
            .iter()
            .map(|r| r.values.iter().sum::<u64>())
            .max()
            .unwrap_or(0);
        let room = WIDTH - 2.0 * PAD - VALUE_ROOM;
        let scale = if max_total == 0 {
            0.0
        } else {
            room / max_total as f64
        };
        for row in &self.rows {
            let _ = writeln!(
                out,
                "<text x=\"{x}\" y=\"{ty}\" font-size=\"14\" fill=\"{TEXT}\">{label}</text>",
                x = number(PAD),
                ty = number(y + LABEL_LINE - 6.0),
                label = escape(&row.label),
            );
            let bar_y = y + LABEL_LINE;
            let mut x = PAD;
            let total: u64 = row.values.iter().sum();
            for (value, series) in row.values.iter().zip(&self.series) {
                if *value == 0 {
                    continue;
                }
                let width = *value as f64 * scale;
                let (fill, stroke) = paint_colours(series.paint);
                let (stroke, stroke_width) = match series.paint {
                    // White edges keep neighbouring segments apart.
                    Paint::Solid(_) => (WHITE, 1.0),
                    Paint::Outline(_) => (stroke, 1.5),
                };
                let _ = writeln!(
                    out,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/>",
                    x = number(x),
                    y = number(bar_y),
                    w = number(width),
                    h = number(BAR),
                    sw = number(stroke_width),
                );
                if self.series.len() > 1 && width >= MIN_LABELLED_SEGMENT {
                    let ink = match series.paint {
                        Paint::Solid(_) => WHITE,
                        Paint::Outline(colour) => colour,
                    };
                    let _ = writeln!(
                        out,
                        "<text x=\"{x}\" y=\"{y}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"middle\" fill=\"{ink}\">{value}</text>",
                        x = number(x + width / 2.0),
                        y = number(bar_y + BAR / 2.0 + 4.5),
                    );
                }
                x += width;
            }
            let _ = writeln!(
                out,
                "<text class=\"valeur\" x=\"{x}\" y=\"{y}\" font-size=\"14\" font-weight=\"700\" fill=\"{TEXT}\">{total}</text>",
                x = number(x + 6.0),
                y = number(bar_y + BAR / 2.0 + 5.0),
            );
            y += LABEL_LINE + BAR + ROW_GAP;
        }
        out.push_str("</svg>");
        out
    }
}

/// Fill and border colours of a paint.
fn paint_colours(paint: Paint) -> (&'static str, &'static str) {
    match paint {
        Paint::Solid(colour) => (colour, colour),
        Paint::Outline(colour) => (WHITE, colour),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simple(values: &[(&str, u64)]) -> BarChart {
        BarChart {
            id: "g".to_owned(),
            title: "Titre".to_owned(),
            description: "Description".to_owned(),
            series: vec![Series {
                label: "Synergies".to_owned(),
                paint: Paint::Solid("#0b3d6b"),
            }],
            rows: values
                .iter()
                .map(|(label, value)| Row {
                    label: (*label).to_owned(),
                    values: vec![*value],
                })
                .collect(),
        }
    }

    /// Every value of `attribute` on the elements named `element`, in document order.
    fn attributes(svg: &str, element: &str, attribute: &str) -> Vec<String> {
        let open = format!("<{element} ");
        let key = format!(" {attribute}=\"");
        svg.split(&open)
            .skip(1)
            .filter_map(|rest| {
                let tag = format!(" {}", &rest[..rest.find('>')?]);
                let start = tag.find(&key)? + key.len();
                let end = tag[start..].find('"')? + start;
                Some(tag[start..end].to_owned())
            })
            .collect()
    }

    fn value_labels(svg: &str) -> Vec<String> {
        svg.split("<text class=\"valeur\"")
            .skip(1)
            .map(|rest| {
                let start = rest.find('>').unwrap() + 1;
                let end = rest.find("</text>").unwrap();
                rest[start..end].to_owned()
            })
            .collect()
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("R&D <b> \"x\" l'été"),
            "R&amp;D &lt;b&gt; &quot;x&quot; l&#39;été"
        );
    }

    #[test]
    fn numbers_are_short_rounded_and_never_negative_zero() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(2.005_f64 + 1e-9), "2.01");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(f64::NAN), "0");
        assert_eq!(number(576.0), "576");
    }

    #[test]
    fn the_svg_is_an_image_named_by_its_title_and_description() {
        let svg = simple(&[("A & B", 2)]).to_svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graphique\" role=\"img\" aria-labelledby=\"g-titre\" aria-describedby=\"g-desc\""));
        let title = svg.find("<title id=\"g-titre\">Titre</title>").unwrap();
        let desc = svg.find("<desc id=\"g-desc\">Description</desc>").unwrap();
        let first_shape = svg.find("<rect").unwrap();
        assert!(
            title < desc && desc < first_shape,
            "title, desc, then shapes"
        );
        assert!(svg.contains(">A &amp; B</text>"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn bars_are_proportional_and_the_longest_fills_the_room() {
        let svg = simple(&[("a", 4), ("b", 2), ("c", 1)]).to_svg();
        let widths = attributes(&svg, "rect", "width");
        let room = WIDTH - 2.0 * PAD - VALUE_ROOM;
        assert_eq!(
            widths,
            [number(room), number(room / 2.0), number(room / 4.0)]
        );
        assert_eq!(value_labels(&svg), ["4", "2", "1"]);
        // Each number sits just right of its bar.
        let xs = attributes(&svg, "text class=\"valeur\"", "x");
        assert_eq!(xs[0], number(PAD + room + 6.0));
    }

    #[test]
    fn zero_values_draw_no_bar_but_keep_their_number() {
        let svg = simple(&[("a", 0), ("b", 0)]).to_svg();
        assert!(!svg.contains("<rect"), "{svg}");
        assert_eq!(value_labels(&svg), ["0", "0"]);
        let empty = simple(&[]).to_svg();
        assert_eq!(empty.matches("<text").count(), 0);
        assert!(attributes(&empty, "svg", "height")[0] == number(2.0 * PAD));
    }

    #[test]
    fn stacked_rows_show_segments_legend_and_totals() {
        let chart = BarChart {
            id: "x".to_owned(),
            title: "T".to_owned(),
            description: "D".to_owned(),
            series: vec![
                Series {
                    label: "Effectif".to_owned(),
                    paint: Paint::Solid("#1d5e20"),
                },
                Series {
                    label: "Non renseigné".to_owned(),
                    paint: Paint::Outline("#4a4a4a"),
                },
            ],
            rows: vec![
                Row {
                    label: "GRH".to_owned(),
                    values: vec![3, 1],
                },
                Row {
                    label: "Social".to_owned(),
                    values: vec![0, 2],
                },
            ],
        };
        let svg = chart.to_svg();
        // Two legend swatches, then segments 3 and 1 for GRH, 2 for Social.
        let fills = attributes(&svg, "rect", "fill");
        assert_eq!(
            fills,
            ["#1d5e20", "#ffffff", "#1d5e20", "#ffffff", "#ffffff"]
        );
        assert!(svg.contains(">Effectif</text>") && svg.contains(">Non renseigné</text>"));
        assert_eq!(value_labels(&svg), ["4", "2"]);
        // Segments follow each other without gap or overlap.
        let xs = attributes(&svg, "rect", "x");
        let ws = attributes(&svg, "rect", "width");
        let room = WIDTH - 2.0 * PAD - VALUE_ROOM;
        assert_eq!(xs[2], number(PAD));
        assert_eq!(ws[2], number(room * 3.0 / 4.0));
        assert_eq!(xs[3], number(PAD + room * 3.0 / 4.0));
        // Numbers inside wide segments: white on solid, the border colour on outline.
        assert!(svg.contains("fill=\"#ffffff\">3</text>"));
        assert!(svg.contains("fill=\"#4a4a4a\">1</text>"));
        assert!(svg.contains("fill=\"#4a4a4a\">2</text>"));
    }

    #[test]
    fn height_grows_with_rows_and_legend() {
        let one = simple(&[("a", 1)]);
        let two = simple(&[("a", 1), ("b", 1)]);
        assert_eq!(two.height() - one.height(), LABEL_LINE + BAR + ROW_GAP);
        let svg = two.to_svg();
        assert_eq!(attributes(&svg, "svg", "height")[0], number(two.height()));
        assert_eq!(
            attributes(&svg, "svg", "viewBox")[0],
            format!("0 0 640 {}", number(two.height()))
        );
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        let chart = simple(&[("a", 7), ("b", 3)]);
        assert_eq!(chart.to_svg(), chart.clone().to_svg());
    }
}
