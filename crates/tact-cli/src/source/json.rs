//! JSON exports of canned responses: every string value is linted, or only
//! those under the keys the config names (`body`, `value`, …), each as its own
//! segment with a JSON pointer (`/macros/3/actions/0/value`) for `location`.
//!
//! `serde_json` does the parsing. Each container is read as borrowed raw
//! values, so every string's position in the file is known and its escapes
//! can be mapped back byte for byte. The whole file is first parsed once on
//! its own, which rejects bad JSON with a line and column; the walk stops at
//! a nesting depth of 128, so it cannot overflow the stack however hostile
//! the file.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::segment::{align, Builder, Escapes, Segment};

/// Deeper than this, a file is refused (`serde_json`'s own limit).
const MAX_DEPTH: usize = 128;

pub fn extract(source: &str, keys: &[String]) -> Result<Vec<Segment<'static>>, String> {
    let invalid = |e: serde_json::Error| format!("invalid JSON: {e}");
    serde_json::from_str::<IgnoredAny>(source).map_err(invalid)?;
    let root: &RawValue = serde_json::from_str(source).map_err(invalid)?;
    let mut out = Vec::new();
    let mut walk = Walk {
        source,
        keys,
        pointer: String::new(),
        out: &mut out,
    };
    walk.value(root, None, 0)?;
    Ok(out)
}

struct Walk<'s, 'o> {
    source: &'s str,
    keys: &'o [String],
    pointer: String,
    out: &'o mut Vec<Segment<'static>>,
}

impl<'s> Walk<'s, '_> {
    /// Lint the strings in `raw`; `key` is the nearest object key above it.
    fn value(&mut self, raw: &'s RawValue, key: Option<&str>, depth: usize) -> Result<(), String> {
        let text = raw.get();
        if depth > MAX_DEPTH {
            return Err(format!(
                "invalid JSON: nested deeper than {MAX_DEPTH} levels at {}",
                self.pointer
            ));
        }
        let invalid = |e: serde_json::Error| format!("invalid JSON: {e}");
        match text.as_bytes().first() {
            Some(b'{') => {
                let Entries(entries) = serde_json::from_str(text).map_err(invalid)?;
                for (k, v) in entries {
                    let len = self.pointer.len();
                    self.pointer.push('/');
                    self.pointer
                        .push_str(&k.replace('~', "~0").replace('/', "~1"));
                    self.value(v, Some(&k), depth + 1)?;
                    self.pointer.truncate(len);
                }
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text).map_err(invalid)?;
                for (i, v) in items.into_iter().enumerate() {
                    let len = self.pointer.len();
                    self.pointer.push_str(&format!("/{i}"));
                    self.value(v, key, depth + 1)?;
                    self.pointer.truncate(len);
                }
            }
            Some(b'"') if self.wanted(key) => {
                let decoded: String = serde_json::from_str(text).map_err(invalid)?;
                // `text` borrows from `source`, so its place in the file is
                // the distance between the two.
                let at = text.as_ptr() as usize - self.source.as_ptr() as usize;
                let mut b = Builder::default();
                align(&mut b, text, at, &decoded, Escapes::Backslash);
                self.out.push(b.finish(Some(self.pointer.clone())));
            }
            _ => {}
        }
        Ok(())
    }

    fn wanted(&self, key: Option<&str>) -> bool {
        self.keys.is_empty() || key.is_some_and(|k| self.keys.iter().any(|w| w == k))
    }
}

/// An object's members in file order, values left unparsed.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tact::Span;

    #[test]
    fn strings_with_pointers_and_exact_offsets() {
        let source = r#"{"macros": [{"title": "Refund", "actions": [{"field": "comment_value", "value": "Hi {{name}},\nAs I said, it\u2019s done."}]}], "a/b": "x"}"#;
        let segs = extract(source, &[]).unwrap();
        let locations: Vec<_> = segs
            .iter()
            .map(|s| s.location.as_deref().unwrap())
            .collect();
        assert_eq!(
            locations,
            [
                "/macros/0/title",
                "/macros/0/actions/0/field",
                "/macros/0/actions/0/value",
                "/a~1b"
            ]
        );
        let value = &segs[2];
        assert_eq!(value.text, "Hi {{name}},\nAs I said, it\u{2019}s done.");
        let at = value.text.find("it\u{2019}s").unwrap();
        let s = value.to_file(Span::new(at, at + "it\u{2019}s".len()), source);
        assert_eq!(&source[s.start..s.end], r"it\u2019s");
    }

    #[test]
    fn only_the_keys_asked_for() {
        let source = r#"{"title": "As I said", "body": ["Calm down", {"body": "x"}]}"#;
        let segs = extract(source, &["body".to_string()]).unwrap();
        let texts: Vec<_> = segs.iter().map(|s| s.text.as_ref()).collect();
        assert_eq!(texts, ["Calm down", "x"]);
    }

    #[test]
    fn bad_and_deep_json_are_errors() {
        assert!(extract("{\"a\": }", &[])
            .unwrap_err()
            .contains("line 1 column 7"));
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(extract(&deep, &[])
            .unwrap_err()
            .contains("nested deeper than 128"));
    }
}
