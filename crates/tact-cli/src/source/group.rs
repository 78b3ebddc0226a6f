//! `--group-by FIELD`: in a structured file, the value of a key (JSON,
//! YAML) or column (CSV) groups the replies beside it, as a macro's `team`
//! groups its `body`. The field's values are found by extracting the file
//! again for that key or column alone; a reply belongs to the group whose
//! value sits in the nearest object, mapping or row that holds the reply.

use std::collections::HashMap;

use super::{Fields, InputFormat};

/// The group values of one file, by the location of what holds them.
#[derive(Debug, Default)]
pub struct Groups {
    format: Option<InputFormat>,
    field: String,
    /// Parent location (`/macros/0`, `macros[0]`, a CSV row `3`) to value.
    values: HashMap<String, String>,
}

impl Groups {
    /// The groups of `source` by `field`; none for a format with no keys.
    pub fn read(format: InputFormat, source: &str, field: &str) -> Result<Groups, String> {
        let fields = match format {
            InputFormat::Json | InputFormat::Yaml => Fields::new(vec![field.into()], Vec::new()),
            InputFormat::Csv => Fields::new(Vec::new(), vec![field.into()]),
            _ => return Ok(Groups::default()),
        };
        let mut values = HashMap::new();
        for segment in format.extract(source, &fields)?.segments {
            let Some(location) = segment.location.as_deref() else {
                continue;
            };
            let (parent, key) = split(format, location);
            if key == field {
                values
                    .entry(parent.to_string())
                    .or_insert_with(|| segment.text.trim().to_string());
            }
        }
        Ok(Groups {
            format: Some(format),
            field: field.into(),
            values,
        })
    }

    /// Whether `location` is a value of the field itself: a label, not a
    /// reply.
    pub fn is_field(&self, location: &str) -> bool {
        self.format
            .is_some_and(|f| split(f, location).1 == self.field)
    }

    /// The group of the reply at `location`: the value beside it, or beside
    /// the nearest thing that holds it.
    pub fn of(&self, location: &str) -> Option<&str> {
        let format = self.format?;
        let mut at = location;
        loop {
            let (parent, _) = split(format, at);
            if let Some(v) = self.values.get(parent) {
                return Some(v);
            }
            if parent.is_empty() || parent == at {
                return None;
            }
            at = parent;
        }
    }
}

/// A location's parent and its last part, unescaped: `/macros/0/team` is
/// `/macros/0` and `team`; `macros[0].team` is `macros[0]` and `team`;
/// `3:team` is `3` and `team`.
fn split(format: InputFormat, location: &str) -> (&str, String) {
    match format {
        InputFormat::Json => match location.rsplit_once('/') {
            Some((parent, key)) => (parent, key.replace("~1", "/").replace("~0", "~")),
            None => ("", location.to_string()),
        },
        InputFormat::Csv => match location.split_once(':') {
            Some((row, column)) => (row, column.to_string()),
            None => (location, String::new()),
        },
        _ => {
            if location.ends_with(']') {
                if let Some(open) = location.rfind('[') {
                    let key = &location[open + 1..location.len() - 1];
                    let key = key.trim_matches('"').to_string();
                    return (&location[..open], key);
                }
            }
            match location.rfind('.') {
                Some(dot) => (&location[..dot], location[dot + 1..].to_string()),
                None => ("", location.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_takes_the_value_beside_it_or_above_it() {
        let json = r#"{"team": "all", "macros": [
            {"team": "billing", "body": "Hi."},
            {"body": "Yo.", "steps": ["One."]},
            {"team": "returns", "steps": ["Two."]}
        ]}"#;
        let g = Groups::read(InputFormat::Json, json, "team").unwrap();
        assert_eq!(g.of("/macros/0/body"), Some("billing"));
        assert_eq!(g.of("/macros/1/steps/0"), Some("all"));
        assert_eq!(g.of("/macros/2/steps/0"), Some("returns"));
        assert!(g.is_field("/macros/0/team") && !g.is_field("/macros/0/body"));

        let yaml = "macros:\n  - team: billing\n    body: Hi.\n  - body: Yo.\n";
        let g = Groups::read(InputFormat::Yaml, yaml, "team").unwrap();
        assert_eq!(g.of("macros[0].body"), Some("billing"));
        assert_eq!(g.of("macros[1].body"), None);

        let csv = "team,body\nbilling,Hi.\n,Yo.\nreturns,Hey.\n";
        let g = Groups::read(InputFormat::Csv, csv, "team").unwrap();
        assert_eq!(g.of("1:body"), Some("billing"));
        assert_eq!(g.of("2:body"), None);
        assert_eq!(g.of("3:body"), Some("returns"));
        assert!(g.is_field("3:team"));
    }
}
