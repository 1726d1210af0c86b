// The Challenge page end to end, against the demo sidecar run.mjs starts: the sample MT5 account report is uploaded
// through the page's file input, the lab runs on the sidecar, and the page's P(pass) per firm must be the REST
// answer's; the three plots are drawn; a missing server time zone shows the server's own words.
import { join } from 'node:path';
import { repoRoot, until } from './demo.mjs';

export const SAMPLE_REPORT = join(repoRoot, 'challenge', 'src', 'test', 'resources', 'history', 'ReportHistory-51234567.html');
const FIRMS = ['ftmo-2step', 'e8-one'];

/**
 * @param ctx what run.mjs shares: test, open, fresh, text, assert, parseShown, artifacts, consoleErrors, and getters
 *   page() and demo() (both set once the demo is up)
 */
export function challengeTests(ctx) {
  const { test, open, fresh, text, assert, parseShown, artifacts, consoleErrors } = ctx;

  test('challenge page: upload the sample MT5 report, run two firms, P(pass) and plots match REST', async () => {
    const page = ctx.page();
    const demo = ctx.demo();
    await fresh();
    await open('challenge');
    // no research result in the demo's data dir: the page says where it looks and how to make one
    const none = await text('[data-nodata="research"]');
    assert(none.includes(join(demo.dataDir, 'research')) && none.includes('vprop walkforward'), `research hint: "${none}"`);
    for (const box of await page.$$('[data-firm]')) {
      const id = await box.getAttribute('data-firm');
      if (!FIRMS.includes(id)) await box.uncheck();
    }
    await page.fill('[data-paths]', '1000');
    await page.fill('[data-curve-from]', '0.5');
    await page.fill('[data-curve-to]', '1.5');
    await page.fill('[data-curve-step]', '0.5');
    await page.fill('[data-curve-paths]', '300');
    await page.setInputFiles('[data-challenge-file]', SAMPLE_REPORT);
    await until('the page to read the file', async () => (await page.textContent('main')).includes('ReportHistory-51234567.html, '), 5_000, 100);

    // without the server's clock the sidecar refuses, and the page shows why
    await page.fill('[data-server-tz]', '');
    await page.click('[data-run]');
    await until('the refusal to show', async () => (await page.$('[data-lab-message]')) !== null, 5_000, 100);
    const refusal = await text('[data-lab-message]');
    assert(refusal.startsWith('server_tz: required for ReportHistory-51234567.html'), `refusal shown as "${refusal}"`);

    await page.fill('[data-server-tz]', 'Broker/US-DST');
    const t0 = Date.now();
    await page.click('[data-run]');
    await page.waitForSelector('[data-run-state="done"]', { timeout: 120_000 });
    const id = await page.getAttribute('[data-run-id]', 'data-run-id');
    const rest = await demo.api(`/api/challenge/runs/${id}`);
    assert(rest.state === 'done', `REST says ${rest.state}`);
    assert(rest.done_paths === rest.total_paths && rest.total_paths > 0, `paths ${rest.done_paths} of ${rest.total_paths}`);
    assert(rest.result.firms.map((f) => f.firm).join() === FIRMS.join(), `firms run: ${rest.result.firms.map((f) => f.firm)}`);
    for (const f of rest.result.firms) {
      const boot = f.methods.find((m) => m.method === 'bootstrap');
      const shown = parseShown(await text(`[data-metric="pass.${f.firm}"]`));
      assert(Math.abs(shown - 100 * boot.passAll.p) <= 0.05, `${f.firm}: page shows P(pass) ${shown} %, REST ${100 * boot.passAll.p} %`);
      const breach = parseShown(await text(`[data-metric="breach.${f.firm}"]`));
      assert(Math.abs(breach - 100 * boot.breach.p) <= 0.05, `${f.firm}: page shows P(breach) ${breach} %, REST ${100 * boot.breach.p} %`);
      // a chart where REST has data, a plain statement where it has none (no path passed, no path failed)
      const drawn = { risk: true, days: boot.daysToPassAll.count > 0, fail: f.methods.some((m) => Object.keys(m.failByRule).length > 0) };
      for (const [kind, has] of Object.entries(drawn)) {
        const sel = `[data-chart="${kind}.${f.firm}"] ${has ? 'canvas' : '[data-nodata]'}`;
        // drawn on the animation frame after the card is attached, not with the "done" state: wait for it (a busy
        // machine once ran this check before the frame)
        const drawnEl = await page.waitForSelector(sel, { timeout: 10_000 }).catch(() => null);
        assert(drawnEl, `${f.firm}: ${kind} chart: no ${sel} within 10 s`);
      }
      const rows = await page.$$(`[data-methods="${f.firm}"] tbody tr`);
      assert(rows.length === f.methods.length, `${f.firm}: ${rows.length} method rows, REST has ${f.methods.length}`);
    }
    ctx.note(`challenge run of ${rest.trades} trades, ${rest.total_paths} paths: ${Date.now() - t0} ms from the click to the result`);
    const report = await fetch(`${demo.base}/api/challenge/runs/${id}/report.html`);
    assert(report.ok && (await report.text()).includes('<h1>Challenge lab</h1>'), 'the HTML report link does not serve the report');
    await page.screenshot({ path: join(artifacts, 'challenge.png'), fullPage: true });
    // the browser logs the refused request (400) itself; anything else is an error of the page
    const others = consoleErrors.filter((e) => !/status of 400/.test(e));
    assert(others.length === 0, `console errors: ${others.join(' | ')}`);
  });
}
