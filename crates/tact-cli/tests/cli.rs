//! End-to-end CLI cases, one TOML file each under the repository's
//! `tests/cmd/` (args, stdin, exit code, exact stdout and stderr). Regenerate
//! the expected output after an intended change with `TRYCMD=overwrite cargo
//! test`, and review the diff like code.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .register_bin("tact", trycmd::cargo::cargo_bin!("tact"))
        .case("../../tests/cmd/*.toml")
        .case("../../tests/cmd/*.trycmd");
}
