// Renders `tact report` pages in headless Chromium and checks the numbers
// they show against `tact check --format json` on the same inputs: the
// canned-response library of the CLI tests, a CSV grouped by team, and a
// comparison with a baseline run.
//
//   node tests/report/report.test.mjs TACT_BINARY [SCREENSHOT_DIR]
//
// Saves report.png and report-grouped.png in SCREENSHOT_DIR (default
// target/ci-artifacts).
import { execFileSync, spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [tactArg, shots = "target/ci-artifacts"] = process.argv.slice(2);
assert.ok(tactArg, "usage: node report.test.mjs TACT_BINARY [SCREENSHOT_DIR]");
const tact = path.resolve(tactArg);
fs.mkdirSync(shots, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tact-report-"));

/** `tact check --format json` in `cwd`: its parsed output. */
function check(cwd, args) {
  const run = spawnSync(tact, ["check", "--format", "json", "--fail-on", "never", ...args], { cwd });
  assert.equal(run.status, 0, run.stderr.toString());
  return JSON.parse(run.stdout);
}

/** `tact report` in `cwd`, written to `out`. */
function report(cwd, args, out) {
  execFileSync(tact, ["report", "--output", out, ...args], { cwd });
  return pathToFileURL(out).href;
}

/** Counts of a JSON run: by severity, by pack and severity, by rule. */
function counts(run) {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byPack = {};
  const byRule = {};
  for (const f of run.files) {
    for (const d of f.diagnostics) {
      bySeverity[d.severity] += 1;
      byPack[d.pack] ??= { error: 0, warning: 0, info: 0 };
      byPack[d.pack][d.severity] += 1;
      byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
    }
  }
  return { bySeverity, byPack, byRule };
}

const n = async (page, selector) => Number(await page.locator(selector).getAttribute("data-n"));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  // No request leaves the page: it is one self-contained file.
  const requests = [];
  page.on("request", r => { if (!r.url().startsWith("file:")) requests.push(r.url()); });

  // The canned library, with its tact.toml (keys, columns, ignores).
  const canned = path.join(here, "..", "cmd", "canned.in");
  const json = check(canned, ["."]);
  const want = counts(json);
  await page.goto(report(canned, ["."], path.join(tmp, "canned.html")));
  assert.equal(await n(page, "#files"), json.summary.files);
  assert.equal(await n(page, "#errors"), json.summary.errors);
  assert.equal(await n(page, "#warnings"), json.summary.warnings);
  assert.equal(await n(page, "#infos"), json.summary.infos);
  assert.equal(await n(page, "#findings"), json.summary.errors + json.summary.warnings + json.summary.infos);
  for (const [pack, by] of Object.entries(want.byPack)) {
    const cells = page.locator(`#packs tr[data-pack="${pack}"] td[data-n]`);
    const shown = (await cells.evaluateAll(tds => tds.map(td => Number(td.dataset.n))));
    assert.deepEqual(shown, [by.error, by.warning, by.info], `pack ${pack}`);
  }
  const rows = await page.locator("#packs tr[data-pack]").count();
  assert.equal(rows, Object.keys(want.byPack).length, "one row per pack with findings");
  const rules = await page.locator("#rules tr[data-rule]").evaluateAll(trs =>
    trs.map(tr => [tr.dataset.rule, Number(tr.querySelector("td[data-n]").dataset.n)]));
  for (const [rule, count] of rules) assert.equal(count, want.byRule[rule], `rule ${rule}`);
  const top = Math.max(...Object.values(want.byRule));
  assert.equal(rules[0][1], top, "the rule that fires most comes first");
  // Each rule links to its explanation, embedded in the page.
  const first = rules[0][0];
  assert.match(await page.locator(`section[id="rule-${first}"] pre`).textContent(), new RegExp(`^${first.replace(".", "\\.")} \\(`));
  // The worst reply shows its flagged words marked, as many as it says.
  const worst = page.locator(".reply").first();
  assert.equal(await worst.locator("mark").count(), Number(await worst.getAttribute("data-findings")));
  assert.equal(await page.locator("svg.chart").count() >= 3, true, "charts for packs, rules, files");
  // The files and macros with the most findings show their flagged
  // sentences, marked as the replies are: the files in the order of the
  // files table, each with as many findings as the JSON gives it, and the
  // macros in the order of the macros table.
  const perFile = Object.fromEntries(json.files.map(f => [f.path, f.diagnostics.length]));
  const fileBlocks = await page.locator("#file-sentences .flagged").evaluateAll(ds =>
    ds.map(d => ({ path: d.dataset.file, findings: Number(d.dataset.findings), marks: d.querySelectorAll("li mark").length, items: d.querySelectorAll("li").length })));
  const fileRows = await page.locator("#files-table tr[data-file]").evaluateAll(trs => trs.map(tr => tr.dataset.file));
  assert.ok(fileBlocks.length > 0, "flagged sentences of the worst files");
  assert.deepEqual(fileBlocks.map(b => b.path), fileRows.slice(0, fileBlocks.length), "in the files table's order");
  for (const b of fileBlocks) {
    assert.equal(b.findings, perFile[b.path], `findings of ${b.path}`);
    assert.ok(b.marks >= 1 && b.marks <= b.findings && b.items >= 1, `marks of ${b.path}: ${JSON.stringify(b)}`);
  }
  const macroBlocks = await page.locator("#macro-sentences .flagged").evaluateAll(ds =>
    ds.map(d => ({ file: d.dataset.file, macro: d.dataset.macro, findings: Number(d.dataset.findings), marks: d.querySelectorAll("li mark").length })));
  const macroRows = await page.locator("#macros tr[data-macro]").evaluateAll(trs => trs.map(tr =>
    ({ file: tr.dataset.file, macro: tr.dataset.macro, findings: Number(tr.querySelector("td[data-n]").dataset.n) })));
  assert.ok(macroBlocks.length > 0, "flagged sentences of the worst macros");
  assert.deepEqual(macroBlocks.map(({ file, macro, findings }) => ({ file, macro, findings })), macroRows,
    "one block per row of the macros table, the same file and macro, in its order");
  for (const b of macroBlocks) assert.ok(b.marks >= 1 && b.marks <= b.findings, JSON.stringify(b));
  assert.deepEqual(requests, []);
  await page.screenshot({ path: path.join(shots, "report.png"), fullPage: false });

  // A CSV export grouped by team: replies and findings per team.
  const csv = path.join(here, "teams.csv");
  const grouped = check(here, ["--csv-column", "body", csv]);
  const lines = fs.readFileSync(csv, "utf8").trim().split("\n").slice(1);
  const teamOfRow = lines.map(l => l.split(",")[0]);
  const perTeam = {};
  for (const team of teamOfRow) perTeam[team] = { replies: 0, packs: {} };
  for (const team of teamOfRow) perTeam[team].replies += 1;
  for (const d of grouped.files[0].diagnostics) {
    const row = Number(d.location.split(":")[0]);
    const packs = perTeam[teamOfRow[row - 1]].packs;
    packs[d.pack] = (packs[d.pack] ?? 0) + 1;
  }
  await page.goto(report(here, ["--group-by", "team", "--csv-column", "body", csv], path.join(tmp, "teams.html")));
  for (const [team, { replies, packs }] of Object.entries(perTeam)) {
    const row = page.locator(`#groups tr[data-group="${team}"]`);
    assert.equal(Number(await row.locator("td[data-n]").first().getAttribute("data-n")), replies, `${team} replies`);
    const cells = await row.locator("td[data-pack]").evaluateAll(tds =>
      Object.fromEntries(tds.map(td => [td.dataset.pack, Number(td.dataset.n)])));
    for (const [pack, count] of Object.entries(cells)) {
      assert.equal(count, packs[pack] ?? 0, `${team} ${pack}`);
    }
  }
  assert.equal(await n(page, "#replies"), lines.length);
  // The screenshot shows the groups: their heading at the top of the
  // window, their chart and table inside it.
  const heading = page.locator("h2", { hasText: "By team" });
  await heading.evaluate(h => { h.scrollIntoView({ block: "start" }); window.scrollBy(0, -24); });
  const view = page.viewportSize();
  for (const shown of [heading, page.locator("#groups")]) {
    const box = await shown.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= view.height, `in the screenshot: ${JSON.stringify(box)}`);
  }
  await page.screenshot({ path: path.join(shots, "report-grouped.png"), fullPage: false });

  // --compare: new, fixed and unchanged against a baseline, worked out
  // here from the baseline and this run's JSON, matching findings by rule,
  // file, location and words.
  const compared = path.join(here, "..", "cmd", "report-compare.in");
  const inputs = ["reply.md", "same.md"];
  const baseline = JSON.parse(fs.readFileSync(path.join(compared, "baseline.json"), "utf8"));
  const now = check(compared, inputs);
  const key = (file, d) => JSON.stringify([d.rule, file.path, d.location ?? "", d.text]);
  const left = new Map();
  for (const f of baseline.files) for (const d of f.diagnostics) left.set(key(f, d), (left.get(key(f, d)) ?? 0) + 1);
  const expected = { all: { new: 0, fixed: 0, unchanged: 0 }, rules: {}, files: {} };
  const count = (rule, file, what) => {
    for (const [table, k] of [[expected.rules, rule], [expected.files, file]]) {
      table[k] ??= { new: 0, fixed: 0, unchanged: 0 };
      table[k][what] += 1;
    }
    expected.all[what] += 1;
  };
  for (const f of now.files) {
    for (const d of f.diagnostics) {
      const k = key(f, d);
      if ((left.get(k) ?? 0) > 0) { left.set(k, left.get(k) - 1); count(d.rule, f.path, "unchanged"); }
      else count(d.rule, f.path, "new");
    }
  }
  for (const [k, n] of left) {
    const [rule, file] = JSON.parse(k);
    for (let i = 0; i < n; i += 1) count(rule, file, "fixed");
  }
  assert.ok(expected.all.new > 0 && expected.all.fixed > 0 && expected.all.unchanged > 0, "the baseline has all three");
  await page.goto(report(compared, ["--compare", "baseline.json", ...inputs], path.join(tmp, "compare.html")));
  const totals = await page.locator("#compare b[data-n]").evaluateAll(bs => bs.map(b => Number(b.dataset.n)));
  assert.deepEqual(totals, [expected.all.new, expected.all.fixed, expected.all.unchanged], "new, fixed, unchanged");
  for (const [id, want] of [["#compare-rules", expected.rules], ["#compare-files", expected.files]]) {
    const shown = await page.locator(`${id} tr[data-key]`).evaluateAll(trs => Object.fromEntries(trs.map(tr => {
      const [n, f, u] = [...tr.querySelectorAll("td[data-n]")].map(td => Number(td.dataset.n));
      return [tr.dataset.key, { new: n, fixed: f, unchanged: u }];
    })));
    assert.deepEqual(shown, want, id);
  }
  assert.deepEqual(requests, []);
  console.log("report page: ok");
} finally {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
