//! CSV exports of saved replies: the first row names the columns; the columns
//! the config or `--csv-column` name are linted (every column when none is
//! named), each cell as its own segment with `row:column` for `location`
//! (`3:body`: the third record after the header, in the column `body`).
//!
//! The `csv` crate decodes the cells; each cell is then found in the record's
//! bytes, through its quotes and doubled quotes, so positions are exact.
//!
//! The delimiter is the one of `,` `;` and tab that the header uses most (a
//! spreadsheet in a locale with decimal commas exports with `;`). A record
//! with more or fewer cells than the header, or a quote that never closes,
//! is an error naming its line: read on, every later cell would be wrong.

use super::segment::{align, Builder, Escapes, Segment};

pub fn extract(source: &str, columns: &[String]) -> Result<Vec<Segment<'static>>, String> {
    let delimiter = delimiter(source);
    unclosed_quote(source, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .from_reader(source.as_bytes());
    let headers = reader.headers().map_err(invalid)?.clone();
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
        let record = record.map_err(invalid)?;
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
            if raw.as_bytes().get(at) == Some(&delimiter) {
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

/// The delimiter the header line uses most, outside quotes; `,` when it
/// uses none.
fn delimiter(source: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in source.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in &mut counts {
                    *n += usize::from(b == *d);
                }
            }
            _ => {}
        }
    }
    // The first of the most used: `,` wins a tie.
    let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    counts
        .iter()
        .find(|&&(_, n)| n == most)
        .map_or(b',', |&(d, _)| d)
}

/// An error if a quoted cell is never closed (the `csv` crate reads such a
/// cell to the end of the file), naming the line it opens on.
fn unclosed_quote(source: &str, delimiter: u8) -> Result<(), String> {
    let bytes = source.as_bytes();
    let (mut line, mut opened) = (1, None);
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            None if b == b'"' && at_cell_start => opened = Some(line),
            None => at_cell_start = b == delimiter || b == b'\n' || b == b'\r',
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => {
                opened = None;
                at_cell_start = false;
            }
            Some(_) => {}
        }
        line += usize::from(b == b'\n');
        i += 1;
    }
    match opened {
        Some(line) => Err(format!(
            "invalid CSV: line {line}: a quoted cell is never closed"
        )),
        None => Ok(()),
    }
}

fn invalid(e: csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let line = pos.as_ref().map_or(0, |p| p.line());
            format!("invalid CSV: line {line}: {len} cells where the header has {expected_len}")
        }
        _ => format!("invalid CSV: {e}"),
    }
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
    fn semicolon_and_tab_exports_are_read_by_their_delimiter() {
        for d in [";", "\t"] {
            let source = format!("id{d}body\n1{d}\"Calm down{d} please\"\n");
            let segs = extract(&source, &["body".into()]).unwrap();
            assert_eq!(segs.len(), 1, "{d:?}");
            assert_eq!(segs[0].text, format!("Calm down{d} please"));
            assert_eq!(segs[0].location.as_deref(), Some("1:body"));
            let s = segs[0].to_file(Span::new(0, 9), &source);
            assert_eq!(&source[s.start..s.end], "Calm down");
        }
        // A comma inside a quoted header cell does not count.
        assert_eq!(delimiter("\"a,b,c\";d\n"), b';');
    }

    #[test]
    fn ragged_rows_and_open_quotes_are_errors_with_their_line() {
        let e = extract("id,body\n1,ok\n2,x,extra\n", &[]).unwrap_err();
        assert_eq!(e, "invalid CSV: line 3: 3 cells where the header has 2");
        let e = extract("id,body\n1,\"fine\"\n2,\"never closed\n3,x\n", &[]).unwrap_err();
        assert_eq!(e, "invalid CSV: line 3: a quoted cell is never closed");
        assert!(extract("id,body\n1,\"a \"\"quoted\"\" word\"\n", &[]).is_ok());
    }

    #[test]
    fn an_unknown_column_is_an_error() {
        let e = extract("id,body\n1,x\n", &["reply".into()]).unwrap_err();
        assert!(e.contains("no column named `reply`"), "{e}");
    }
}
