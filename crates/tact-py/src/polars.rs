//! The Polars expression plugin: `pl.col("body").tact.check()` and
//! `.tact.count()` run inside Polars' engine, on its threads, with no Python
//! per row or per batch (`python/tact/polars.py` registers them).
//!
//! A plugin call gets its options as keyword arguments, not a linter, so the
//! linter for each set of options is built once and kept.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use polars::prelude::*;
use polars_arrow::array::ListArray;
use polars_arrow::offset::OffsetsBuffer;
use pyo3_polars::derive::polars_expr;
use serde::Deserialize;
use tact_cli::embed::{self, Options, Setup};

use crate::arrow::{lint_rows, Row};

/// The options `register_plugin_function` passes, as `Linter` takes them.
#[derive(Deserialize, Clone, PartialEq, Eq, Hash)]
struct Linting {
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    config: Option<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default = "text")]
    format: String,
}

fn text() -> String {
    "text".into()
}

#[derive(Deserialize)]
struct Counting {
    #[serde(flatten)]
    linting: Linting,
    /// Count only this pack's findings.
    #[serde(default)]
    pack: Option<String>,
}

/// The linter for a set of options, built on first use.
fn setup(options: &Linting) -> PolarsResult<Arc<Setup>> {
    static SETUPS: Mutex<Option<HashMap<Linting, Arc<Setup>>>> = Mutex::new(None);
    let mut setups = SETUPS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let setups = setups.get_or_insert_with(HashMap::new);
    if let Some(setup) = setups.get(options) {
        return Ok(setup.clone());
    }
    let setup = Setup::new(Options {
        packs: options.packs.iter().map(PathBuf::from).collect(),
        config: options.config.as_ref().map(PathBuf::from),
        only: options.only.clone(),
        disable: options.disable.clone(),
    })
    .map_err(|e| polars_err!(ComputeError: "{e}"))?;
    let setup = Arc::new(setup);
    setups.insert(options.clone(), setup.clone());
    Ok(setup)
}

/// The findings of every row of the input column, and which rows are null.
fn lint(inputs: &[Series], options: &Linting) -> PolarsResult<(Vec<Row>, StringChunked)> {
    let setup = setup(options)?;
    let format =
        embed::input_format(&options.format).map_err(|e| polars_err!(ComputeError: "{e}"))?;
    let column = inputs[0].str()?.rechunk().into_owned();
    let mut rows = Vec::new();
    let mut first = 0;
    for chunk in column.downcast_iter() {
        let get = |i: usize| chunk.get(i);
        rows.extend(
            lint_rows(&setup, chunk.len(), get, first, format)
                .map_err(|e| polars_err!(ComputeError: "{e}"))?,
        );
        first += chunk.len();
    }
    Ok((rows, column))
}

fn finding_fields() -> Vec<Field> {
    vec![
        Field::new("rule".into(), DataType::String),
        Field::new("pack".into(), DataType::String),
        Field::new("severity".into(), DataType::String),
        Field::new("start".into(), DataType::Int64),
        Field::new("end".into(), DataType::Int64),
        Field::new("text".into(), DataType::String),
    ]
}

fn findings_type(input: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(
        input[0].name().clone(),
        DataType::List(Box::new(DataType::Struct(finding_fields()))),
    ))
}

/// Each row's findings as a list of structs (`rule`, `pack`, `severity`,
/// `start`, `end` in bytes, `text`); a null row has a null list.
#[polars_expr(output_type_func=findings_type)]
fn check(inputs: &[Series], kwargs: Linting) -> PolarsResult<Series> {
    let (rows, column) = lint(inputs, &kwargs)?;
    let int = |name: &str, f: fn(&Row) -> usize| {
        let values: Vec<i64> = rows
            .iter()
            .map(|r| i64::try_from(f(r)).unwrap_or(i64::MAX))
            .collect();
        Series::new(name.into(), values)
    };
    let string = |name: &str, f: for<'r> fn(&'r Row) -> &'r str| {
        Series::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    let fields = [
        string("rule", |r| &r.rule),
        string("pack", |r| {
            r.rule.split_once('.').map_or(&r.rule, |(p, _)| p)
        }),
        string("severity", |r| r.severity),
        int("start", |r| r.start),
        int("end", |r| r.end),
        string("text", |r| &r.text),
    ];
    let values = StructChunked::from_series("finding".into(), rows.len(), fields.iter())?
        .into_series()
        .rechunk()
        .to_arrow(0, CompatLevel::newest());
    // Each row's findings are a run of `rows`, which is in row order.
    let mut offsets = Vec::with_capacity(column.len() + 1);
    offsets.push(0i64);
    let mut at = 0;
    for i in 0..column.len() {
        while at < rows.len() && rows[at].row == i {
            at += 1;
        }
        offsets.push(i64::try_from(at).unwrap_or(i64::MAX));
    }
    let offsets = OffsetsBuffer::try_from(offsets).map_err(|e| polars_err!(ComputeError: "{e}"))?;
    let dtype = ListArray::<i64>::default_datatype(values.dtype().clone());
    let validity = column.rechunk_validity();
    let list = ListArray::<i64>::try_new(dtype, offsets, values, validity)?;
    Series::from_arrow(inputs[0].name().clone(), list.boxed())
}

/// How many findings each row has (of one pack, given `pack`); a null row
/// counts as null.
#[polars_expr(output_type=UInt32)]
fn count(inputs: &[Series], kwargs: Counting) -> PolarsResult<Series> {
    let (rows, column) = lint(inputs, &kwargs.linting)?;
    let mut counts = vec![0u32; column.len()];
    for r in &rows {
        let pack = r.rule.split_once('.').map_or(r.rule.as_str(), |(p, _)| p);
        if kwargs.pack.as_deref().is_none_or(|want| want == pack) {
            counts[r.row] += 1;
        }
    }
    let counts: UInt32Chunked = counts
        .into_iter()
        .zip(column.iter())
        .map(|(n, text)| text.map(|_| n))
        .collect();
    Ok(counts.with_name(inputs[0].name().clone()).into_series())
}
