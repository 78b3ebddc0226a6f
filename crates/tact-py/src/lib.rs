//! tact in Python: a `Linter` over texts, Arrow arrays and Polars columns.
//!
//! The linter is the one `tact check` builds (`tact_cli::embed`), so a
//! config, a pack or a selection behaves, and fails, as it does on the
//! command line. Linting runs with the GIL released; a linter holds no
//! state a lint changes, so threads share one.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use tact::ReplyUnit;
use tact_cli::embed::{self, Options, Setup};

mod arrow;
mod finding;

use finding::{Finding, Suggestion};

create_exception!(
    _tact,
    TactError,
    PyException,
    "A config, pack, selection or input tact cannot use; the message is the one `tact check` prints."
);

fn error(message: String) -> PyErr {
    TactError::new_err(message)
}

/// A linter: the built-in packs, plus a config's and the given packs, with
/// rules selected as `--only` and `--disable` select them.
#[pyclass(frozen, module = "tact")]
struct Linter {
    setup: Arc<Setup>,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (packs = Vec::new(), config = None, only = Vec::new(), disable = Vec::new()))]
    fn new(
        py: Python<'_>,
        packs: Vec<PathBuf>,
        config: Option<PathBuf>,
        only: Vec<String>,
        disable: Vec<String>,
    ) -> PyResult<Linter> {
        let options = Options {
            config,
            packs,
            only,
            disable,
        };
        let setup = py.detach(|| Setup::new(options)).map_err(error)?;
        Ok(Linter {
            setup: Arc::new(setup),
        })
    }

    /// The findings of one text, in order.
    #[pyo3(signature = (text, format = "text", reply_unit = None))]
    fn check(
        &self,
        py: Python<'_>,
        text: String,
        format: &str,
        reply_unit: Option<&str>,
    ) -> PyResult<Vec<Finding>> {
        let format = embed::input_format(format).map_err(error)?;
        let unit = reply_unit.map(parse_unit).transpose()?;
        let setup = &self.setup;
        py.detach(|| {
            let found = setup.lint(&text, format, unit)?;
            Ok(finding::convert(&text, found))
        })
        .map_err(error)
    }

    /// One Arrow table of the findings of every string in `array` (a
    /// PyArrow array or chunked array, or anything with the Arrow C array
    /// or stream interface): `row`, `rule`, `pack`, `severity`, `start`,
    /// `end` (byte offsets into the row's string) and `text`.
    #[pyo3(signature = (array, format = "text"))]
    fn check_arrow<'py>(
        &self,
        py: Python<'py>,
        array: pyo3_arrow::input::AnyArray,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = embed::input_format(format).map_err(error)?;
        arrow::check(py, &self.setup, array, format)
    }

    /// Each string's findings as one list of structs per row (`rule`,
    /// `pack`, `severity`, `start`, `end`, `text`), null for a null row: the
    /// column `.tact.check()` gives in Polars.
    #[pyo3(signature = (array, format = "text"))]
    fn check_lists<'py>(
        &self,
        py: Python<'py>,
        array: pyo3_arrow::input::AnyArray,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = embed::input_format(format).map_err(error)?;
        arrow::lists(py, &self.setup, array, format)
    }

    /// How many findings each string has (of `pack` alone, when given),
    /// null for a null row: the column `.tact.count()` gives in Polars.
    #[pyo3(signature = (array, pack = None, format = "text"))]
    fn count_arrow<'py>(
        &self,
        py: Python<'py>,
        array: pyo3_arrow::input::AnyArray,
        pack: Option<&str>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = embed::input_format(format).map_err(error)?;
        if let Some(pack) = pack {
            if !self.setup.linter().names().any(|n| n == pack) {
                return Err(error(format!("no pack `{pack}` in this linter")));
            }
        }
        arrow::counts(py, &self.setup, array, pack, format)
    }

    /// The enabled rules, as (id, severity, message) tuples.
    fn rules(&self) -> Vec<(String, String, String)> {
        rule_list(&self.setup)
    }

    fn __repr__(&self) -> String {
        format!("Linter({} rules)", self.setup.linter().rules().count())
    }
}

fn parse_unit(name: &str) -> PyResult<ReplyUnit> {
    name.parse::<ReplyUnit>().map_err(error)
}

fn rule_list(setup: &Setup) -> Vec<(String, String, String)> {
    setup
        .linter()
        .rules()
        .map(|(r, severity)| (r.id.clone(), severity.as_str().into(), r.message.clone()))
        .collect()
}

/// The linter of the built-in packs, built once.
fn builtin(py: Python<'_>) -> PyResult<Arc<Setup>> {
    static BUILTIN: std::sync::OnceLock<Arc<Setup>> = std::sync::OnceLock::new();
    if let Some(setup) = BUILTIN.get() {
        return Ok(setup.clone());
    }
    let setup = py
        .detach(|| Setup::new(Options::default()))
        .map_err(error)?;
    Ok(BUILTIN.get_or_init(|| Arc::new(setup)).clone())
}

/// The findings of `text` with the built-in packs.
#[pyfunction]
#[pyo3(signature = (text, format = "text"))]
fn check(py: Python<'_>, text: String, format: &str) -> PyResult<Vec<Finding>> {
    let linter = Linter {
        setup: builtin(py)?,
    };
    linter.check(py, text, format, None)
}

/// The built-in rules, as (id, severity, message) tuples.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<(String, String, String)>> {
    Ok(rule_list(builtin(py)?.as_ref()))
}

#[pymodule]
fn _tact(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Suggestion>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("TactError", m.py().get_type::<TactError>())?;
    m.add("FORMATS", embed::input_formats())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
