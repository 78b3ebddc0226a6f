//! Arbitrary requests to the server's handlers: LanguageTool's `/v2/check`
//! by GET (the bytes as a query string) and by POST (as a form body), and
//! `/api/v1/check` (as a JSON body). No request may panic or get a 500, and
//! every 200 is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tact_cli::serve::Harness;

fuzz_target!(|data: &[u8]| {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    let harness = HARNESS.get_or_init(Harness::default);
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let answer = match which % 3 {
        0 => {
            // A query string must be URI characters: escape the rest.
            let query: String = rest
                .iter()
                .map(|&b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'=' | b'&' | b'%' | b'-' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            harness.request(
                "GET",
                &format!("/v2/check?{query}"),
                "text/plain",
                Vec::new(),
            )
        }
        1 => harness.request(
            "POST",
            "/v2/check",
            "application/x-www-form-urlencoded",
            rest.to_vec(),
        ),
        _ => harness.request("POST", "/api/v1/check", "application/json", rest.to_vec()),
    };
    let (status, body) = answer.expect("a well-formed request is answered");
    assert_ne!(status, 500, "{}", String::from_utf8_lossy(&body));
    if status == 200 {
        serde_json::from_slice::<serde_json::Value>(&body).expect("a 200 is JSON");
    }
});
