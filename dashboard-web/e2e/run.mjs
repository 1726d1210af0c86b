// End-to-end tests of the web panel: a real demo (sidecar + paper terminal over ZeroMQ + demo strategy) started on
// free ports, Debian's headless Chromium through playwright-core. Screenshots go to test-artifacts/.
// Prints one line per test and writes test-artifacts/e2e.json ({passed, failed, pending}); exits 1 on a failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { jar, repoRoot, sleep, startSidecar, until } from './demo.mjs';
import { registerCockpitTests } from './cockpit.mjs';
import { challengeTests } from './challenge.mjs';
import { truthTests } from './truth.mjs';
import { controlsTests } from './controls.mjs';

const artifacts = join(new URL('.', import.meta.url).pathname, '..', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const results = { passed: 0, failed: 0, pending: 0, tests: [] };
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
class Pending extends Error {}

/** "−1,234.50" / "12.5 %" / "7" → number; "—" → null. */
export function parseShown(text) {
  const t = text.trim();
  if (t === '—' || t === '') return null;
  const n = Number.parseFloat(t.replace(/−/g, '-').replace(/[,+ %]/g, ''));
  if (!Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

export const PAGES = ['compliance', 'overview', 'trades', 'performance', 'alphas', 'regimes', 'risk', 'learning', 'sessions'];
/** The two widths every page and control is tested at: a laptop and a phone. */
export const WIDE = { width: 1440, height: 1000 }, PHONE = { width: 390, height: 844 };

let demo, browser, page;
const consoleErrors = [];

/**
 * Leaves whatever page was open, then forgets its console errors: a page left on a sidecar that a previous test
 * stopped keeps retrying its WebSocket, and those refusals would otherwise land in the next test's errors.
 */
async function fresh() {
  await page.goto('about:blank');
  consoleErrors.length = 0;
}

async function open(id, base = demo.base) {
  await page.goto(`${base}/#/${id}`);
  await page.waitForSelector(`main[data-page="${id}"][data-loaded="true"]`, { timeout: 15_000 });
}

const text = async (sel) => (await page.textContent(sel, { timeout: 5_000 })) ?? '';

/**
 * Waits for a redraw of the page that began after this call: two completed refreshes (the panel runs one refresh at a
 * time, so the second started after the first ended). A page that refreshes rarely keeps what it shows.
 */
async function redrawAfterNow(timeout = 8_000) {
  const stampNow = async () => Number(await page.getAttribute('main', 'data-refreshed'));
  try {
    for (let i = 0; i < 2; i++) {
      const t = await stampNow();
      await page.waitForFunction((t0) => Number(document.querySelector('main')?.getAttribute('data-refreshed')) > t0, t, { timeout });
    }
  } catch {
    // no redraw within the timeout: compare what the page shows
  }
}

/**
 * Reads a number from the page and the same number from REST until they agree. The demo market keeps moving, so a
 * trade closing between the reads, or a page drawn from data fetched just before, may make them differ: then up to
 * four more attempts, each reading the page after a redraw that began after the REST read.
 */
async function matches(what, readPage, readRest, tol = 0) {
  let last = '';
  for (let i = 0; i < 5; i++) {
    const before = await readRest();
    if (i > 0) await redrawAfterNow();
    const shown = await readPage();
    const after = await readRest();
    if (shown !== null && (Math.abs(shown - before) <= tol || Math.abs(shown - after) <= tol)) return;
    last = `page shows ${shown}, REST says ${before} then ${after}`;
  }
  throw new Error(`${what}: ${last}`);
}

/**
 * Nothing wider than the window: the page itself never scrolls sideways; at 1440 px no card and no table needs to
 * either (at 390 px a wide table scrolls inside its card). Dates are ISO: nothing in US order, no locale date input.
 */
async function layoutOk(id, width) {
  const r = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth, win: window.innerWidth,
    over: [...document.querySelectorAll('main .card, main .table-scroll, main header.page')].filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${(e.closest('.card')?.querySelector('h2')?.textContent ?? e.className).slice(0, 40)} (${e.scrollWidth} > ${e.clientWidth} px)`),
    usDates: (document.querySelector('main')?.innerText.match(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g) ?? []),
    dateInputs: document.querySelectorAll('input[type=date]').length,
  }));
  assert(r.doc <= r.win, `${id} at ${width} px: the page is ${r.doc} px wide, wider than the window`);
  if (width >= 1440) assert(r.over.length === 0, `${id} at ${width} px overflows: ${r.over.join('; ')}`);
  assert(r.usDates.length === 0 && r.dateInputs === 0, `${id}: dates not in ISO form: ${r.usDates.join(', ')} (${r.dateInputs} locale date inputs)`);
}

async function pageTest(id, check) {
  test(`${id} page at 1440 px loads without console errors, shows numbers matching REST, fits, screenshot kept`, async () => {
    consoleErrors.length = 0;
    await open(id);
    await check();
    await layoutOk(id, 1440);
    await page.screenshot({ path: join(artifacts, `${id}-1440.png`), fullPage: true });
    assert(consoleErrors.length === 0, `console errors on ${id}: ${consoleErrors.join(' | ')}`);
  });
}

/** The reset countdown the compliance page shows, in ms, and how coarse it is (no seconds once it is a day or more). */
async function shownCountdown() {
  const shown = await text('[data-metric="reset.countdown"]');
  const m = /^(?:(\d+) d )?(?:(\d+) h )?(\d+) m(?: (\d+) s)?$/.exec(shown.trim());
  assert(m, `countdown "${shown}" unreadable`);
  return { ms: ((+(m[1] ?? 0) * 24 + +(m[2] ?? 0)) * 60 + +m[3]) * 60_000 + +(m[4] ?? 0) * 1000, coarse: m[4] === undefined };
}

/**
 * The compliance page's firm day, reset and countdown against the `firmDay` of GET /api/governors (the governors'
 * clock), read around the same instant; read again when a reset falls between the reads. Returns that firmDay.
 */
async function firmDayMatches(api, tolMs) {
  let last = '';
  for (let i = 0; i < 3; i++) {
    const before = (await api('/api/governors')).firmDay;
    const day = await text('[data-firm-day]');
    const reset = await text('[data-firm-reset]');
    const next = await text('[data-next-reset]');
    const countdown = await shownCountdown();
    const after = (await api('/api/governors')).firmDay;
    if (before.day !== after.day) { await sleep(1500); continue; }
    assert(day === after.day, `firm day: page shows ${day}, REST says ${after.day}`);
    assert(reset === `${after.resetTime} ${after.zone}`, `reset: page shows "${reset}", REST says ${after.resetTime} ${after.zone}`);
    assert(next.startsWith(`${after.nextResetLocal} ${after.zone}`), `next reset: page shows "${next}", REST says ${after.nextResetLocal} ${after.zone}`);
    const rest = after.nextResetMs - after.nowMs;
    if (Math.abs(countdown.ms - rest) <= (countdown.coarse ? 60_000 : tolMs)) return after;
    last = `countdown: page shows ${countdown.ms} ms, REST says ${rest} ms`;
    await sleep(1500);
  }
  throw new Error(last || 'a reset fell between every pair of reads');
}

pageTest('compliance', async () => {
  const caps = await demo.api('/api/analytics/capabilities');
  assert(caps.governors, 'GET /api/governors is not served: the panel has no firm-day clock');
  await firmDayMatches(demo.api, 2_000);
  const accounts = await page.$$('[data-account]');
  assert(accounts.length > 0, 'governor data exists but no account is shown');
  // every rule number has its unit: days as days (not "3.00"), time distances as durations (not bare minutes), money with its currency
  const days = await text('[data-rules] [data-rule-value="trading-days"]');
  assert(/^\d+ days?$/.test(days), `trading days shown as "${days}"`);
  const flat = await page.$$eval('[data-rules] [data-rule-distance^="forced-flat"]', (els) => els.map((e) => e.textContent));
  for (const f of flat) assert(/^(∞|—|−?(\d+ d )?(\d+ h )?\d+ m( \d+ s)?)$/.test(f), `forced-flat distance shown as "${f}"`);
  const ccy = (await demo.api('/api/analytics/accounts')).currency;
  assert((await text('[data-rules] [data-rule-distance="daily-loss"]')).endsWith(` ${ccy}`), 'daily-loss distance without its currency');
});

pageTest('overview', async () => {
  await matches('closed trades', async () => parseShown(await text('[data-metric="overall.trades"]')),
    async () => (await demo.api('/api/analytics/summary')).overall.trades);
  await matches('net result', async () => parseShown(await text('[data-metric="overall.net"]')),
    async () => (await demo.api('/api/analytics/summary')).overall.net, 0.005);
  // one row per account (not per terminal connection): the balance is the accounts' sum
  await matches('balance', async () => parseShown(await text('[data-metric="balance"]')),
    async () => (await demo.api('/api/analytics/accounts')).accounts.reduce((s, a) => s + a.balance, 0), 0.005);
  const rows = await page.$$eval('[data-account-row]', (els) => els.map((e) => e.textContent));
  const accounts = (await demo.api('/api/analytics/accounts')).accounts.map((a) => a.account);
  assert(JSON.stringify(rows) === JSON.stringify(accounts) && new Set(rows).size === rows.length, `account rows ${rows} vs REST ${accounts}`);
  const states = await page.$$eval('[data-terminal-state]', (els) => els.map((e) => e.getAttribute('data-terminal-state')));
  const rest = (await demo.api('/api/status')).terminals.map((t) => (t.stale ? 'stale' : 'live'));
  assert(JSON.stringify(states) === JSON.stringify(rest), `terminal states ${states} vs REST ${rest}`);
  assert(await page.$('#equity-chart canvas'), 'the equity chart has no canvas');
  // margin, free margin and margin level from the terminals' account snapshots, money in the account currency
  const acc = async () => (await demo.api('/api/analytics/accounts')).accounts;
  // margin moves with every price (the page is up to one refresh behind REST): within 0.5 % of it
  const sumOf = async (k) => (await acc()).reduce((s, a) => s + a[k], 0);
  await matches('margin', async () => parseShown(await text('[data-metric="margin"]')), () => sumOf('margin'), 0.005 * (await sumOf('margin')) + 0.01);
  await matches('free margin', async () => parseShown(await text('[data-metric="free_margin"]')), () => sumOf('free_margin'),
    0.005 * (await sumOf('free_margin')) + 0.01);
  const level = await text('[data-metric="margin_level"]');
  assert(/^\d+ %$|^no margin used$/.test(level), `margin level shown as "${level}"`);
  const ccy = (await demo.api('/api/analytics/accounts')).currency;
  assert(ccy === 'USD', `the paper terminal's account currency should be USD, REST says ${ccy}`);
  for (const k of ['balance', 'equity', 'margin', 'free_margin', 'overall.net'])
    assert((await text(`[data-metric="${k}"]`)).endsWith(' USD'), `${k} shown without its currency: "${await text(`[data-metric="${k}"]`)}"`);
});

pageTest('alphas', async () => {
  const s = await demo.api('/api/analytics/summary');
  const alphas = Object.keys(s.by_alpha);
  assert(alphas.length > 0, 'REST has no alpha yet (the demo should have closed a trade)');
  for (const a of alphas)
    await matches(`trades of alpha ${a}`, async () => parseShown(await text(`[data-alpha-trades="${a}"]`)),
      async () => (await demo.api('/api/analytics/summary')).by_alpha[a].trades);
  const caps = await demo.api('/api/analytics/alphas');
  if (caps.posteriors === null) assert((await page.$$('[data-nodata]')).length >= 1, 'missing posteriors not stated');
  // the engine's edges: the source line says what REST says (the demo runs with hand-set priors unless configured)
  const edges = await demo.api('/api/edges');
  const line = await text('[data-edges-source]');
  if (edges.source === 'handset') assert(line === edges.note, `edges source line "${line}" vs REST "${edges.note}"`);
  else assert(line.includes(edges.version) && (await page.$$('[data-edge]')).length > 0, `fitted edges ${edges.version} not shown: "${line}"`);
});

pageTest('regimes', async () => {
  const r = await demo.api('/api/analytics/regimes');
  if (!r.available) assert((await text('[data-nodata]')) === `no data yet — ${r.note}`, 'absent regimes not stated plainly');
  else for (const [sym, c] of Object.entries(r.current)) assert((await text(`[data-regime="${sym}"]`)) === c.regime, `regime of ${sym}`);
});

pageTest('risk', async () => {
  await matches('open positions', async () => parseShown(await text('[data-metric="positions"]')),
    async () => (await demo.api('/api/analytics/risk')).positions.length);
  await matches('ES 95', async () => parseShown(await text('[data-metric="es95"]')),
    async () => (await demo.api('/api/analytics/risk')).es95_per_trade, 0.005);
  // the same risk at stop as the compliance page's open risk (the governors'), not a dash while the estimate lacks data
  await matches('risk at stop (governors)', async () => parseShown(await text('[data-metric="governors_open_risk"]')),
    async () => Object.values((await demo.api('/api/governors')).accounts)[0].openRisk, 0.005);
  // risk per trade: the number and its source as REST gives them, the lab's verdict, its curve drawn (a canvas), and
  // the banner's reason for the demo strategy
  const g = await demo.api('/api/governors');
  const r = g.risk_per_trade;
  assert(parseShown(await text('[data-metric="risk_per_trade"]')) === r.pct, `risk per trade: page vs REST ${r.pct}`);
  assert((await page.getAttribute('[data-risk-source]', 'data-risk-source')) === r.source, `risk source ${r.source}`);
  if (r.lab && !r.lab.advised) assert((await text('[data-risk-verdict]')) === r.lab.verdict, "the lab's verdict is shown as written");
  if (r.lab) await page.waitForSelector('[data-risk-curve] canvas', { timeout: 10_000 });
  if (g.strategy?.reason) assert((await text('[data-banner-strategy]')) === g.strategy.reason, "the banner says why the demo strategy runs");
});

pageTest('learning', async () => {
  const m = await demo.api('/api/models');
  const tpsl = m.registries.tpsl;
  assert(tpsl.served === 1, `the demo should serve the tpsl model trained before it started, REST says ${tpsl.served}`);
  assert((await text('[data-served="tpsl"]')) === `serving v${tpsl.served}`, 'served tpsl version');
  assert((await text('[data-served="autoencoder"]')) === `serving v${m.registries.autoencoder.served}`, 'served autoencoder version');
  for (const [name, reg] of Object.entries(m.registries)) {
    const rows = await page.$$(`[data-versions="${name}"] tbody tr`);
    assert(rows.length === reg.versions.length, `${name}: ${rows.length} version rows, REST has ${reg.versions.length}`);
  }
  assert((await text('[data-versions="tpsl"] tbody tr:first-child')).includes(tpsl.versions[0].sha256.slice(0, 10)), 'sha prefix of v1');
  assert(await page.$('[data-served-marker="tpsl"]'), 'no served marker on the tpsl version');
  assert((await text('[data-registry="meta"] [data-nodata]')).includes('vprop models train-meta'), 'empty meta registry does not say how to fill it');
  assert((await text('[data-drift-level]')) === m.service.drift.report.level, 'drift level');
  const bars = await page.$$('#drift-chart svg rect[data-psi]');
  assert(bars.length === m.service.drift.report.features.length, `${bars.length} PSI bars, REST has ${m.service.drift.report.features.length} features`);
  assert((await text('[data-rollback-rule]')).includes(`${m.service.rollback_rule.min_trades} live trades`), 'rollback rule not stated');
  const caps = await demo.api('/api/analytics/capabilities');
  if (!caps.memory) assert((await text('.grid')).includes('trade memory is not open'), 'absent trade memory not stated');
});

for (const vp of [WIDE, PHONE]) test(`learning page at ${vp.width} px: Retrain now shows the result; Roll back is disabled with nothing to go back to; Serve/Roll back act`, async () => {
  consoleErrors.length = 0;
  await page.setViewportSize(vp);
  try {
    await open('learning');
    const before0 = (await demo.api('/api/models')).service.retraining.last?.started_ms ?? 0;
    await page.click('[data-retrain]');
    await until('the retraining to start or finish on the page', async () =>
      (await page.$('[data-retrain-state="running"]')) !== null || (await page.$('[data-retrain-message]')) !== null, 5_000, 100);
    await until('REST to report the retraining result', async () => ((await demo.api('/api/models')).service.retraining.last?.started_ms ?? 0) > before0, 60_000, 250);
    const last = (await demo.api('/api/models')).service.retraining.last;
    await until('the page to show the retraining result (model_retrained event)', async () =>
      (await page.$('[data-retrain-message]')) !== null && (await text('[data-retrain-message]')) === last.message, 8_000, 100);
    results.tests.push({ note: `retraining at ${vp.width} px: ${last.message} (${last.seconds?.toFixed(1)} s)` });
    await page.screenshot({ path: join(artifacts, `learning-retrained-${vp.width}.png`), fullPage: true });

    // meta has no version: nothing to roll back to, so its button is disabled and says why
    assert(await page.isDisabled('[data-rollback="meta"]'), 'Roll back is enabled on the empty meta registry');
    assert((await text('[data-rollback-why="meta"]')).includes('nothing to roll back to'), 'the disabled Roll back does not say why');

    // serve another tpsl version by its button, then roll back to where it was
    const before = (await demo.api('/api/models')).registries.tpsl;
    const other = before.versions.map((v) => v.version).find((v) => v !== before.served);
    assert(other !== undefined, 'the retraining published no second tpsl version');
    await page.click(`[data-activate="tpsl.${other}"]`);
    await until(`the page to serve v${other}`, async () => (await text('[data-served="tpsl"]')) === `serving v${other}`, 5_000, 100);
    assert((await demo.api('/api/models')).registries.tpsl.served === other, 'REST disagrees after Serve');
    assert(!(await page.isDisabled('[data-rollback="tpsl"]')), 'Roll back is disabled although there is a version to go back to');
    await page.click('[data-rollback="tpsl"]');
    await until(`the page to serve v${before.served} again`, async () => (await text('[data-served="tpsl"]')) === `serving v${before.served}`, 5_000, 100);
    assert((await text('[data-action-result="tpsl"]')).includes(`rolled back: now serving v${before.served}`), 'rollback result not shown');
    assert((await demo.api('/api/models')).registries.tpsl.served === before.served, 'REST disagrees after Roll back');
    await layoutOk('learning', vp.width);
    await page.screenshot({ path: join(artifacts, `learning-actions-${vp.width}.png`), fullPage: true });
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  } finally {
    await page.setViewportSize(WIDE);
  }
});

pageTest('sessions', async () => {
  await matches('closed trades of the day', async () => parseShown(await text('[data-metric="day.trades"]')),
    async () => (await demo.api('/api/analytics/sessions')).day_metrics.trades);
  const s = await demo.api('/api/analytics/sessions');
  for (const name of Object.keys(s.sessions))
    await matches(`${name} closed trades`, async () => parseShown(await text(`[data-metric="session.${name}.trades"]`)),
      async () => (await demo.api('/api/analytics/sessions')).sessions[name].metrics.trades);
});

registerCockpitTests({
  test, pageTest, layoutOk, open, text, matches, parseShown, assert, until, sleep, artifacts, consoleErrors, PAGES, WIDE, PHONE,
  page: () => page, demo: () => demo,
});

test('overview updates live (WebSocket) when a trade closes, without a reload', async () => {
  await open('overview');
  const shown = async () => parseShown(await text('[data-metric="overall.trades"]'));
  const start = (await demo.api('/api/analytics/summary')).overall.trades;
  await until('a trade to close in the demo', async () => (await demo.api('/api/analytics/summary')).overall.trades > start, 90_000, 200);
  const target = (await demo.api('/api/analytics/summary')).overall.trades;
  const t0 = Date.now();
  await until('the page to show the new trade count', async () => (await shown()) >= target, 5_000, 100);
  results.tests.push({ note: `page caught up ${Date.now() - t0} ms after REST` });
});

test('a governor warning provoked in the paper terminal appears on the compliance page within 2 s', async () => {
  const caps = await demo.api('/api/analytics/capabilities');
  if (!caps.governors)
    throw new Pending('GET /api/governors is not served by this build (governors integration not merged): nothing to provoke');
  // A tight custom profile (daily loss 1 % = 1,000 on 100,000; entries blocked, the WARNING state, once 20 % of it =
  // 200 is used) and a deterministic loss: no strategy, and one manual 0.1 lot order on a paper broker charging
  // 2,500 a lot a side, so the entry alone costs 250 whatever the market does (at 0.1 lot and speed 10 the price
  // moves a few units, not 50). Waiting for a strategy's first loss took 20-150 s and sometimes longer.
  const base = JSON.parse(readFileSync(join(repoRoot, 'governors/src/main/resources/io/vprop/governors/profiles/ftmo-2step.json'), 'utf8'));
  base.id = 'e2e-tight';
  base.dailyLoss.limitPct = 1;
  base.buffers.blockEntriesAtPct = 20;
  const profile = join(tmpdir(), `vprop-e2e-profile-${process.pid}.json`);
  writeFileSync(profile, JSON.stringify(base));
  const s = await startSidecar(['demo', '--strategy', 'none', '--speed', '10'],
    { env: { VPROP_FIRM_PROFILE: profile, VPROP_PAPER_COMMISSION_PER_LOT: '2500' } });
  try {
    await fresh();
    await open('compliance', s.base);
    // the daily-loss rule only: other rules (trading-days before the 4th day) sit in WARNING from the start
    const warned = async () => {
      const g = await s.api('/api/governors');
      return Object.values(g.accounts ?? {}).some((a) => (a.rules ?? []).some((r) => r.ruleId === 'daily-loss' && r.status === 'WARNING'));
    };
    const q = await until('a EURUSD quote', async () => (await s.api('/api/status')).symbols.find((x) => x.symbol === 'EURUSD' && x.bid > 0),
      30_000, 200);
    assert(!(await warned()), 'daily-loss is in WARNING before any trade: nothing would be provoked');
    assert((await page.$('[data-rule-status="daily-loss"][data-status="warning"]')) === null, 'the page shows a daily-loss warning before any trade');
    const order = await fetch(`${s.base}/api/signals`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-VProp-Token': s.token() },
      body: JSON.stringify({ symbol: 'EURUSD', side: 'buy', lots: 0.1, sl: +(q.bid - 0.005).toFixed(5), reason: 'e2e: provoke the daily-loss warning' }) });
    assert(order.status === 200, `the provoking order was refused: HTTP ${order.status} ${await order.text()}`);
    await until('REST to report the daily-loss rule in WARNING', warned, 30_000, 50);
    const t0 = Date.now();
    await until('the compliance page to show the daily-loss warning', async () =>
      (await page.$('[data-rules] [data-rule-status="daily-loss"][data-status="warning"]')) !== null, 2_000, 50);
    results.tests.push({ note: `warning shown ${Date.now() - t0} ms after REST reported it` });
    await page.screenshot({ path: join(artifacts, 'compliance-warning.png'), fullPage: true });
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  } finally {
    await s.stop();
  }
});

/** "2026-03-07" and 17 for an instant on Chicago's wall clock (node's own time-zone data, not the sidecar's). */
function chicago(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: +p.hour, minute: +p.minute };
}

test('with --profile topstep-50k the header and countdown show the governors\' firm day: 17:00 America/Chicago', async () => {
  const s = await startSidecar(['demo', '--speed', '240', '--profile', 'topstep-50k']);
  try {
    await fresh();
    await open('compliance', s.base);
    const g = await s.api('/api/governors');
    assert(g.profile === 'topstep-50k', `profile ${g.profile}`);
    const f = await firmDayMatches(s.api, 2_000);
    assert((await text('[data-firm-reset]')) === '17:00 America/Chicago', `reset shown as "${await text('[data-firm-reset]')}"`);
    // the day and the reset are Chicago's, by node's time-zone data: before 17:00 it is still yesterday's firm day
    const now = chicago(f.nowMs);
    const expected = now.hour >= 17 ? now.date : new Date(Date.parse(`${now.date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert(f.day === expected, `firm day ${f.day}, Chicago's calendar says ${expected} (${now.date} ${now.hour}:${now.minute})`);
    const next = chicago(f.nextResetMs);
    assert(next.hour === 17 && next.minute === 0, `the next reset ${new Date(f.nextResetMs).toISOString()} is not 17:00 in Chicago`);
    assert(f.nextResetMs > f.nowMs && f.nextResetMs - f.nowMs <= 25 * 3_600_000, 'the next reset is not within the next day');
    // the compliance page of a sidecar with another profile: the panel assumes no zone of its own
    assert(!(await text('header.page')).includes('Prague'), 'the header still names Prague');
    await page.screenshot({ path: join(artifacts, 'compliance-topstep.png'), fullPage: true });
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  } finally {
    await s.stop();
  }
});

test('bound beyond loopback, reads, state changes and the WebSocket need the token; the panel works with it', async () => {
  const s = await startSidecar(['serve'], { host: '0.0.0.0' });
  try {
    const tok = s.token();
    assert(tok && tok.length >= 32, 'no token file was generated at first start');
    const bare = await fetch(`${s.base}/api/analytics/summary`);
    assert(bare.status === 401, `without the token: HTTP ${bare.status}`);
    const wrong = await fetch(`${s.base}/api/status`, { headers: { Authorization: 'Bearer nope' } });
    assert(wrong.status === 401, `with a wrong token: HTTP ${wrong.status}`);
    const ok = await fetch(`${s.base}/api/analytics/summary`, { headers: { Authorization: `Bearer ${tok}` } });
    assert(ok.status === 200, `with the token: HTTP ${ok.status}`);
    const header = await fetch(`${s.base}/api/analytics/summary`, { headers: { 'X-VProp-Token': tok } });
    assert(header.status === 200, `with the token header: HTTP ${header.status}`);
    const index = await fetch(`${s.base}/`);
    assert(index.status === 401, `the panel itself without the token: HTTP ${index.status}`);
    const indexText = await (await fetch(`${s.base}/?token=${tok}`)).text();
    assert(indexText.includes(`content="${tok}"`), 'the panel page opened with ?token= does not carry the token');
    await fresh();
    await page.goto(`${s.base}/?token=${tok}#/compliance`);
    await page.waitForSelector('main[data-page="compliance"][data-loaded="true"]', { timeout: 15_000 });
    const ws = await page.evaluate(async ({ host, tok }) => {
      const probe = (url) => new Promise((res) => {
        const w = new WebSocket(url);
        const t = setTimeout(() => res({ timeout: true }), 5000);
        w.onmessage = (m) => { clearTimeout(t); res({ message: JSON.parse(m.data).type }); w.close(); };
        w.onclose = (e) => { clearTimeout(t); res({ closed: e.code }); };
      });
      return { without: await probe(`ws://${host}/ws`), withToken: await probe(`ws://${host}/ws?token=${tok}`) };
    }, { host: new URL(s.base).host, tok });
    // refused at the upgrade (HTTP 401): the browser only sees an abnormal close
    assert(ws.without.closed === 1006, `WebSocket without the token: ${JSON.stringify(ws.without)}`);
    assert(ws.withToken.message === 'status', `WebSocket with the token: ${JSON.stringify(ws.withToken)}`);
    await page.screenshot({ path: join(artifacts, 'token-compliance.png'), fullPage: true });
    // the probe without the token was refused on purpose; the browser logs that refusal itself
    const others = consoleErrors.filter((e) => !/WebSocket connection to .* failed/.test(e));
    assert(others.length === 0, `console errors with the token: ${others.join(' | ')}`);
  } finally {
    await s.stop();
  }
});

test('the token never appears in the sidecar output (logs)', async () => {
  // Logback without a configuration logs Jetty at DEBUG, request headers included; the logging configuration
  // (logback.xml, from the ops branch) fixes that. Until the jar carries one this check is pending, not passed.
  const listing = execFileSync('unzip', ['-l', jar], { encoding: 'utf8' });
  if (!/\slogback\.xml$/m.test(listing)) throw new Pending('the sidecar jar has no logback.xml yet: Jetty DEBUG logging prints the Authorization header');
  const s = await startSidecar(['serve'], { host: '0.0.0.0' });
  try {
    const tok = s.token();
    await fetch(`${s.base}/api/status`, { headers: { Authorization: `Bearer ${tok}` } });
    await fetch(`${s.base}/api/status?token=${tok}`);
    await sleep(500);
    const out = s.log.join('');
    const shownOnce = out.split(tok).length - 1;
    assert(shownOnce <= 1, `the token appears ${shownOnce} times in the output (once, at first start, is allowed)`);
  } finally {
    await s.stop();
  }
});

controlsTests({ test, assert, until, artifacts, consoleErrors, layoutOk, fresh, WIDE, PHONE, page: () => page,
  note: (n) => results.tests.push({ note: n }) });

truthTests({ test, assert, artifacts, consoleErrors, page: () => page, fresh, note: (n) => results.tests.push({ note: n }) });

challengeTests({ test, open, fresh, text, assert, parseShown, artifacts, consoleErrors, page: () => page, demo: () => demo,
  note: (n) => results.tests.push({ note: n }) });

async function main() {
  // a served model before the demo starts (small, seconds): tpsl classifier + drift autoencoder, on real EURUSD M1 bars;
  // the same bars are what "Retrain now" learns from
  const bars = join(process.env.VPROP_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'), 'bars', 'EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz');
  const prepareModels = (dataDir) => {
    const dir = join(dataDir, 'models');
    const cli = (...args) => execFileSync('java', ['-jar', jar, 'models', ...args, '--dir', dir, '--bars', bars, '--activate'], { stdio: 'pipe' });
    cli('train', '--horizon', '4', '--tp', '1.2', '--sl', '0.8');
    cli('train-drift', '--epochs', '5', '--window', '100');
  };
  demo = await startSidecar(['demo', '--speed', '240'], { before: prepareModels, env: { VPROP_MODELS_RETRAIN_BARS: bars } });
  try {
    // a closed trade or two so every number has something behind it
    await until('the demo to close its first trades', async () => (await demo.api('/api/analytics/summary')).overall.trades >= 2, 120_000, 500);
    browser = await launch();
    page = await browser.newPage({ viewport: WIDE, acceptDownloads: true });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    // E2E_ONLY=text runs only the tests whose name contains it (while working on one; CI runs them all)
    for (const t of tests.filter((x) => !process.env.E2E_ONLY || x.name.includes(process.env.E2E_ONLY))) {
      const t0 = Date.now();
      try {
        await t.fn();
        results.passed++;
        console.log(`ok      ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        if (e instanceof Pending) {
          results.pending++;
          console.log(`PENDING ${t.name}: ${e.message}`);
        } else {
          results.failed++;
          console.log(`FAIL    ${t.name}: ${e.message}`);
          try { await page.screenshot({ path: join(artifacts, `failed-${results.failed}.png`), fullPage: true }); } catch { /* best effort */ }
        }
      }
    }
  } finally {
    await browser?.close();
    await demo.stop();
  }
}

try {
  await main();
} catch (e) {
  results.failed++;
  console.log(`FAIL    e2e setup: ${e.message}`);
}
writeFileSync(join(artifacts, 'e2e.json'), JSON.stringify(results, null, 2));
process.exit(results.failed ? 1 : 0);
