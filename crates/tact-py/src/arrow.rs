//! Linting a column of replies: Arrow strings in, an Arrow table of
//! findings out. The strings are read where they lie in the Arrow buffers,
//! and the rows are linted on every core with the GIL released.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::PyTable;
use rayon::prelude::*;
use tact_cli::embed::Setup;
use tact_cli::source::InputFormat;

/// Rows linted by one task: enough that a task outweighs its scheduling,
/// few enough that every core gets work on a modest batch.
const ROWS_PER_TASK: usize = 256;

/// One finding of one row, as a row of the output table.
pub struct Row {
    pub row: usize,
    pub rule: String,
    pub severity: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Row {
    fn pack(&self) -> &str {
        self.rule.split_once('.').map_or(&self.rule, |(p, _)| p)
    }
}

/// A string column of any of Arrow's three string layouts, read in place.
pub enum Strings<'a> {
    Utf8(&'a arrow_array::GenericStringArray<i32>),
    Large(&'a arrow_array::GenericStringArray<i64>),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Strings<'a> {
    pub fn of(array: &'a dyn Array) -> Result<Strings<'a>, String> {
        match array.data_type() {
            DataType::Utf8 => Ok(Strings::Utf8(array.as_string::<i32>())),
            DataType::LargeUtf8 => Ok(Strings::Large(array.as_string::<i64>())),
            DataType::Utf8View => Ok(Strings::View(array.as_string_view())),
            other => Err(format!("tact lints strings, not {other}")),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Strings::Utf8(a) => a.len(),
            Strings::Large(a) => a.len(),
            Strings::View(a) => a.len(),
        }
    }

    /// The string of row `i`, or none for a null.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// The findings of `len` rows, in row order, rows numbered from `first`;
/// `get` reads a row (none for a null). A row that cannot be read as
/// `format` is an error naming it.
pub fn lint_rows<'a>(
    setup: &Setup,
    len: usize,
    get: impl Fn(usize) -> Option<&'a str> + Sync,
    first: usize,
    format: InputFormat,
) -> Result<Vec<Row>, String> {
    let tasks: Vec<Vec<Row>> = (0..len.div_ceil(ROWS_PER_TASK))
        .into_par_iter()
        .map(|task| {
            let mut rows = Vec::new();
            let end = ((task + 1) * ROWS_PER_TASK).min(len);
            for i in task * ROWS_PER_TASK..end {
                let Some(text) = get(i) else { continue };
                let found = setup
                    .lint(text, format, None)
                    .map_err(|e| format!("row {}: {e}", first + i))?;
                rows.extend(found.into_iter().map(|f| Row {
                    row: first + i,
                    severity: f.diagnostic.severity.as_str(),
                    start: f.diagnostic.span.start,
                    end: f.diagnostic.span.end,
                    text: f.diagnostic.span.slice(text).to_string(),
                    rule: f.diagnostic.rule,
                }));
            }
            Ok(rows)
        })
        .collect::<Result<_, String>>()?;
    Ok(tasks.into_iter().flatten().collect())
}

/// The columns of the findings table.
pub fn schema() -> Arc<Schema> {
    let int = |name| Field::new(name, DataType::Int64, false);
    let string = |name| Field::new(name, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        int("row"),
        string("rule"),
        string("pack"),
        string("severity"),
        int("start"),
        int("end"),
        string("text"),
    ]))
}

/// Findings as one record batch of [`schema`].
pub fn batch(rows: &[Row]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let int = |f: fn(&Row) -> usize| -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| i64::try_from(f(r)).unwrap_or(i64::MAX)),
        ))
    };
    let string = |f: for<'r> fn(&'r Row) -> &'r str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    RecordBatch::try_new(
        schema(),
        vec![
            int(|r| r.row),
            string(|r| &r.rule),
            string(Row::pack),
            string(|r| r.severity),
            int(|r| r.start),
            int(|r| r.end),
            string(|r| &r.text),
        ],
    )
}

/// `Linter.check_arrow`: the findings table of a string array, chunked or
/// not, as a PyArrow table.
pub fn check<'py>(
    py: Python<'py>,
    setup: &Setup,
    array: AnyArray,
    format: InputFormat,
) -> PyResult<Bound<'py, PyAny>> {
    let (chunks, _) = array.into_chunked_array()?.into_inner();
    let found = py.detach(|| {
        let mut rows = Vec::new();
        let mut first = 0;
        for chunk in &chunks {
            let strings = Strings::of(chunk.as_ref())?;
            rows.extend(lint_rows(
                setup,
                strings.len(),
                |i| strings.get(i),
                first,
                format,
            )?);
            first += strings.len();
        }
        batch(&rows).map_err(|e| e.to_string())
    });
    let batch = found.map_err(crate::error)?;
    PyTable::try_new(vec![batch], schema())?.into_pyarrow(py)
}
