// Drives tact serve's page in headless Chromium: types a draft, waits for the
// highlights and messages, checks them, and saves a screenshot.
//
//   node tests/serve/page.test.mjs TACT_BINARY [SCREENSHOT.png]
//
// Starts its own `tact serve` on a free port and stops it at the end.
import { spawn } from "node:child_process";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [tact, screenshot = "target/serve-page.png"] = process.argv.slice(2);
assert.ok(tact, "usage: node page.test.mjs TACT_BINARY [SCREENSHOT.png]");

const server = spawn(tact, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
const url = await new Promise((resolve, reject) => {
  let err = "";
  server.stderr.on("data", chunk => {
    err += chunk;
    const m = err.match(/listening on (http:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", code => reject(new Error(`tact serve exited with ${code}: ${err}`)));
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  await page.goto(url);
  assert.equal(await page.locator("#summary").textContent(), "No findings.");

  const draft = "Hi Zoë 👋,\n\nAs I already explained, your account has been suspended.\nPlease reply with your password so we can check.";
  await page.locator("#draft").pressSequentially(draft, { delay: 2 });

  // Three findings: one per pack, each highlighted in place.
  await page.waitForFunction(() => document.querySelectorAll("#highlights mark").length === 3);
  const marks = await page.locator("#highlights mark").allTextContents();
  assert.deepEqual(marks, ["As I already explained", "has been suspended", "password"]);
  const classes = await page.locator("#highlights mark").evaluateAll(ms => ms.map(m => m.className));
  assert.deepEqual(classes, ["warning", "warning", "error"]);

  const items = await page.locator("#findings li").allTextContents();
  assert.equal(items.length, 3);
  assert.match(items[0], /gotcha\.as-i-said/);
  assert.match(items[0], /Try “To recap”/);
  assert.match(items[1], /passive\.evasive/);
  assert.match(items[2], /pii\.never-ask/);
  assert.equal(await page.locator("#summary").textContent(), "1 error, 2 warnings, 0 infos.");

  // The highlight sits over the words in the textarea: same box, same text before it.
  const before = await page.locator("#highlights").evaluate(h => h.textContent.indexOf("As I already"));
  const inDraft = await page.locator("#draft").evaluate(t => t.value.indexOf("As I already"));
  assert.equal(before, inDraft);

  // Clicking a finding selects its words in the draft.
  await page.locator("#findings li").nth(2).click();
  const selected = await page.locator("#draft").evaluate(t => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "password");

  // Fixing the draft clears the finding.
  await page.locator("#draft").fill("Hi Zoë, your refund is on its way.");
  await page.waitForFunction(() => document.querySelector("#summary").textContent === "No findings.");

  await page.locator("#draft").fill(draft);
  await page.waitForFunction(() => document.querySelectorAll("#highlights mark").length === 3);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`ok: page highlights and explains findings (screenshot: ${screenshot})`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
