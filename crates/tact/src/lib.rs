//! `tact` lints draft customer-support replies for tone: phrasing that argues
//! with the customer, requests for personal data that do not say why, and
//! passives that hide who acted.
//!
//! The library does no I/O: hand it text, get [`Diagnostic`]s with byte spans.
//!
//! ```
//! use tact::{builtin, Linter, Selection};
//!
//! let linter = Linter::new(builtin(), &Selection::default()).unwrap();
//! let text = "As I already explained, the link expires after an hour.";
//! let found = linter.lint(text);
//! assert_eq!(found[0].rule, "gotcha.as-i-said");
//! assert_eq!(found[0].span.slice(text), "As I already explained");
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod diagnostic;
mod did_you_mean;
mod document;
mod examples;
mod fold;
mod lexicon;
mod linter;
pub mod pack;
mod placeholder;
mod primitive;
mod reply;
mod search;
mod sentence;
mod span;
mod tables;
mod time;
mod window;

pub use diagnostic::{Applicability, Diagnostic, Severity, Suggestion};
pub use did_you_mean::did_you_mean;
pub use document::Document;
pub use examples::{check_examples, ExampleFailure};
pub use linter::{Linter, Selection, SelectionError};
pub use pack::{builtin, Pack, PackError, Rule};
pub use reply::ReplyUnit;
pub use span::{LineIndex, Position, Span};
