//! The report's charts, as inline SVG: no script, no fonts to fetch, and
//! each number written beside its bar, so a chart still reads in print and
//! in grey. Colours are Okabe and Ito's, told apart with any colour vision.

/// Severity colours: error, warning, info.
pub const ERROR: &str = "#D55E00";
pub const WARNING: &str = "#E69F00";
pub const INFO: &str = "#56B4E9";

/// Light to dark, for a scale of how bad: Okabe–Ito's yellow, sky blue,
/// blue, and a near-black.
const SCALE: [&str; 5] = ["#F5F5F5", "#F0E442", "#56B4E9", "#0072B2", "#1B1B3A"];

/// One bar: its label and its parts (value, colour, what the part is).
pub struct Bar<'a> {
    pub label: String,
    pub parts: Vec<(f64, &'a str, &'a str)>,
    /// What is written after the bar.
    pub note: String,
}

const LABEL: f64 = 220.0;
const WIDTH: f64 = 680.0;
const ROW: f64 = 24.0;

/// Horizontal bars, one per row, each split into its parts.
pub fn bars(title: &str, rows: &[Bar]) -> String {
    let max = rows
        .iter()
        .map(|r| r.parts.iter().map(|p| p.0).sum::<f64>())
        .fold(0.0, f64::max);
    let room = WIDTH - LABEL - 90.0;
    let height = ROW * rows.len() as f64 + 8.0;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\"><title>{}</title>",
        escape(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        s.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LABEL - 8.0,
            y + 16.0,
            escape(&row.label)
        ));
        let mut x = LABEL;
        for &(value, colour, name) in &row.parts {
            if value <= 0.0 || max <= 0.0 {
                continue;
            }
            let w = (value / max * room).max(1.0);
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.0}\" fill=\"{colour}\"><title>{}: {}</title></rect>",
                y + 3.0,
                ROW - 6.0,
                escape(name),
                trim(value)
            ));
            x += w;
        }
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 6.0,
            y + 16.0,
            escape(&row.note)
        ));
    }
    s.push_str("</svg>");
    s
}

/// A strip of cells, one per file, darker the more findings per reply; the
/// table beside it gives the numbers.
pub fn heat_strip(title: &str, cells: &[(String, Option<f64>)]) -> String {
    let max = cells.iter().filter_map(|c| c.1).fold(0.0, f64::max);
    let n = cells.len().max(1) as f64;
    let w = (WIDTH / n).clamp(2.0, 40.0);
    let width = w * n;
    let mut s = format!(
        "<svg class=\"chart heat\" role=\"img\" viewBox=\"0 0 {width:.0} 30\" width=\"{width:.0}\" height=\"30\"><title>{}</title>",
        escape(title)
    );
    for (i, (label, rate)) in cells.iter().enumerate() {
        let step = match rate {
            Some(r) if max > 0.0 && *r > 0.0 => 1 + ((r / max) * 3.999) as usize,
            _ => 0,
        };
        s.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"0\" width=\"{:.1}\" height=\"30\" fill=\"{}\" stroke=\"#fff\"><title>{}: {}</title></rect>",
            w * i as f64,
            w,
            SCALE[step.min(SCALE.len() - 1)],
            escape(label),
            rate.map_or("no replies".into(), |r| format!("{r:.1} per 1,000 replies"))
        ));
    }
    s.push_str("</svg>");
    s
}

/// A number as short as it can be written.
fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Text safe inside an element or a quoted attribute, of SVG or HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
