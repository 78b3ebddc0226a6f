//! Linting a column of replies: Arrow strings in, an Arrow table of
//! findings out. The strings are read where they lie in the Arrow buffers,
//! and the rows are linted on every core with the GIL released.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, Int64Array, ListArray, RecordBatch, StringArray, StructArray, UInt32Array,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields, Schema};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyTable};
use rayon::prelude::*;
use tact_cli::embed::Setup;
use tact_cli::source::InputFormat;

/// Rows linted by one task: enough that a task outweighs its scheduling,
/// few enough that every core gets work on a modest batch.
const ROWS_PER_TASK: usize = 256;

/// One finding of one row, as a row of the output table.
struct Row {
    row: usize,
    rule: String,
    severity: &'static str,
    start: usize,
    end: usize,
    text: String,
}

impl Row {
    fn pack(&self) -> &str {
        self.rule.split_once('.').map_or(&self.rule, |(p, _)| p)
    }
}

/// A string column of any of Arrow's three string layouts, read in place.
enum Strings<'a> {
    Utf8(&'a arrow_array::GenericStringArray<i32>),
    Large(&'a arrow_array::GenericStringArray<i64>),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Strings<'a> {
    fn of(array: &'a dyn Array) -> Result<Strings<'a>, String> {
        match array.data_type() {
            DataType::Utf8 => Ok(Strings::Utf8(array.as_string::<i32>())),
            DataType::LargeUtf8 => Ok(Strings::Large(array.as_string::<i64>())),
            DataType::Utf8View => Ok(Strings::View(array.as_string_view())),
            other => Err(format!("tact lints strings, not {other}")),
        }
    }

    fn len(&self) -> usize {
        match self {
            Strings::Utf8(a) => a.len(),
            Strings::Large(a) => a.len(),
            Strings::View(a) => a.len(),
        }
    }

    /// The string of row `i`, or none for a null.
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// The findings of every row of `strings`, in row order, rows numbered from
/// `first`. A row that cannot be read as `format` is an error naming it.
fn lint_rows(
    setup: &Setup,
    strings: &Strings<'_>,
    first: usize,
    format: InputFormat,
) -> Result<Vec<Row>, String> {
    let len = strings.len();
    let tasks: Vec<Vec<Row>> = (0..len.div_ceil(ROWS_PER_TASK))
        .into_par_iter()
        .map(|task| {
            let mut rows = Vec::new();
            let end = ((task + 1) * ROWS_PER_TASK).min(len);
            for i in task * ROWS_PER_TASK..end {
                let Some(text) = strings.get(i) else { continue };
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
fn schema() -> Arc<Schema> {
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
fn batch(rows: &[Row]) -> Result<RecordBatch, arrow_schema::ArrowError> {
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
    let (_, rows) = lint_all(py, setup, array, format)?;
    let batch = batch(&rows).map_err(|e| crate::error(e.to_string()))?;
    PyTable::try_new(vec![batch], schema())?.into_pyarrow(py)
}

/// The rows of every chunk of `array`, as one column, and their findings.
fn lint_all(
    py: Python<'_>,
    setup: &Setup,
    array: AnyArray,
    format: InputFormat,
) -> PyResult<(Vec<ArrayRef>, Vec<Row>)> {
    let (chunks, _) = array.into_chunked_array()?.into_inner();
    let rows = py.detach(|| {
        let mut rows = Vec::new();
        let mut first = 0;
        for chunk in &chunks {
            let strings = Strings::of(chunk.as_ref())?;
            rows.extend(lint_rows(setup, &strings, first, format)?);
            first += strings.len();
        }
        Ok::<_, String>(rows)
    });
    Ok((chunks, rows.map_err(crate::error)?))
}

/// Which rows of the chunks are null, as one buffer.
fn nulls(chunks: &[ArrayRef]) -> Option<NullBuffer> {
    let valid: Vec<bool> = chunks
        .iter()
        .flat_map(|c| (0..c.len()).map(move |i| c.is_valid(i)))
        .collect();
    let nulls = NullBuffer::from(valid);
    (nulls.null_count() > 0).then_some(nulls)
}

/// `Linter.check_lists`: one list of finding structs per row.
pub fn lists<'py>(
    py: Python<'py>,
    setup: &Setup,
    array: AnyArray,
    format: InputFormat,
) -> PyResult<Bound<'py, PyAny>> {
    let (chunks, rows) = lint_all(py, setup, array, format)?;
    let len: usize = chunks.iter().map(|c| c.len()).sum();
    let found = batch(&rows).map_err(|e| crate::error(e.to_string()))?;
    // The struct holds every column of the findings table but the row.
    let fields: Fields = found.schema().fields().iter().skip(1).cloned().collect();
    let values = StructArray::try_new(fields.clone(), found.columns()[1..].to_vec(), None)
        .map_err(|e| crate::error(e.to_string()))?;
    // Each row's findings are a run of `rows`, which is in row order.
    let mut lengths = vec![0usize; len];
    for r in &rows {
        lengths[r.row] += 1;
    }
    let item = Arc::new(Field::new("item", DataType::Struct(fields), true));
    let list = ListArray::try_new(
        item,
        OffsetBuffer::from_lengths(lengths),
        Arc::new(values),
        nulls(&chunks),
    )
    .map_err(|e| crate::error(e.to_string()))?;
    to_pyarrow(py, Arc::new(list))
}

/// `Linter.count_arrow`: how many findings (of one pack) each row has.
pub fn counts<'py>(
    py: Python<'py>,
    setup: &Setup,
    array: AnyArray,
    pack: Option<&str>,
    format: InputFormat,
) -> PyResult<Bound<'py, PyAny>> {
    let (chunks, rows) = lint_all(py, setup, array, format)?;
    let len: usize = chunks.iter().map(|c| c.len()).sum();
    let mut counts = vec![0u32; len];
    for r in rows.iter().filter(|r| pack.is_none_or(|p| r.pack() == p)) {
        counts[r.row] += 1;
    }
    let counts = UInt32Array::new(counts.into(), nulls(&chunks));
    to_pyarrow(py, Arc::new(counts))
}

/// An array as a `pyarrow.Array`, through the Arrow C data interface.
fn to_pyarrow(py: Python<'_>, array: ArrayRef) -> PyResult<Bound<'_, PyAny>> {
    py.import("pyarrow")?
        .getattr("array")?
        .call1((PyArray::from_array_ref(array),))
}
