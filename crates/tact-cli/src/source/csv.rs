//! CSV exports of saved replies: the first row names the columns; the columns
//! the config or `--csv-column` name are linted (every column when none is
//! named), each cell as its own segment with `row:column` for `location`
//! (`3:body`: the third record after the header, in the column `body`).
//!
//! The `csv` crate decodes the cells; each cell is then found in the record's
//! bytes, through its quotes and doubled quotes, so positions are exact.

use super::segment::{align, Builder, Escapes, Segment};

pub fn extract(source: &str, columns: &[String]) -> Result<Vec<Segment<'static>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(source.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("invalid CSV: {e}"))?
        .clone();
    let linted: Vec<bool> = headers
        .iter()
        .map(|h| columns.is_empty() || columns.iter().any(|c| c == h))
        .collect();
    if let Some(missing) = columns.iter().find(|c| !headers.iter().any(|h| h == *c)) {
        let names: Vec<&str> = headers.iter().collect();
        return Err(format!(
            "no column named `{missing}` (the header has: {})",
            names.join(", ")
        ));
    }
    let mut records = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("invalid CSV: {e}"))?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        records.push((row + 1, start, record));
    }
    let mut out = Vec::new();
    for (i, (row, start, record)) in records.iter().enumerate() {
        let end = records.get(i + 1).map_or(source.len(), |r| r.1);
        let raw = &source[*start..end];
        let mut at = 0;
        for (col, cell) in record.iter().enumerate() {
            let mut b = Builder::default();
            at += align(&mut b, &raw[at..], start + at, cell, Escapes::None);
            // Past the closing quote and the comma.
            at += raw[at..].bytes().take_while(|b| *b == b'"').count();
            if raw[at..].starts_with(',') {
                at += 1;
            }
            if linted.get(col) == Some(&true) && !cell.trim().is_empty() {
                let name = headers.get(col).unwrap_or_default();
                out.push(b.finish(Some(format!("{row}:{name}"))));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tact::Span;

    #[test]
    fn cells_with_rows_columns_and_exact_offsets() {
        let source =
            "id,title,body\n1,Refund,\"As I said, \"\"no\"\".\nBye\"\n2,\"Hi, you\",Calm down é\n";
        let segs = extract(source, &["body".into()]).unwrap();
        let locations: Vec<_> = segs.iter().map(|s| s.location.clone().unwrap()).collect();
        assert_eq!(locations, ["1:body", "2:body"]);
        assert_eq!(segs[0].text, "As I said, \"no\".\nBye");
        let s = segs[1].to_file(Span::new(0, "Calm down".len()), source);
        assert_eq!(&source[s.start..s.end], "Calm down");
        let s = segs[0].to_file(Span::new(11, 15), source);
        assert_eq!(&source[s.start..s.end], "\"\"no\"");
    }

    #[test]
    fn an_unknown_column_is_an_error() {
        let e = extract("id,body\n1,x\n", &["reply".into()]).unwrap_err();
        assert!(e.contains("no column named `reply`"), "{e}");
    }
}
