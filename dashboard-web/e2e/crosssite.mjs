// Issue 18 item 6 in a real browser (Debian's headless Chromium): pages of other origins try everything a web page
// can do against the sidecar on loopback — a text/plain fetch, a sendBeacon and a text/plain form carrying a valid
// signal, a text/plain fetch and form carrying a trader's control (flatten all, POST /api/controls), form and fetch
// POSTs to the model actions (retrain, rollback, activate), preflighted requests, the
// WebSocket, reading the panel page (which carries the token) — and a page reaching the sidecar under a name of its
// own (DNS rebinding, simulated with Chromium's host resolver rules). Afterwards: no signal journaled or sent, the
// served model unchanged, no retraining, and the sidecar's refusal counters show it saw and refused the requests.
// Then the real panel, at 127.0.0.1 and at localhost, still reads, streams and acts; the same signal sent by the
// panel's page is journaled.
// Writes test-artifacts/e2e-crosssite.json ({passed, failed, pending}); exits 1 on a failure.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { freePort, jar, repoRoot, sleep, startSidecar, until } from './demo.mjs';

const artifacts = join(new URL('.', import.meta.url).pathname, '..', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const results = { passed: 0, failed: 0, pending: 0, tests: [] };
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/**
 * The attacker's page. It knows the sidecar's address and a valid signal (anyone can guess both), not the token.
 * Every attempt is recorded as the attacker sees it: "sent" (the browser let it go, the answer unreadable),
 * "READ …" (the attacker got an answer: a failure of the test) or "blocked: …".
 */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>a page of another site</title><body>
<script>
const q = new URLSearchParams(location.search);
const T = q.get('target'), SIGNAL = q.get('signal');
const CONTROL = JSON.stringify({ action: 'flatten_all', reason: 'a page of another site' });
const results = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function attempt(name, fn) {
  try { results[name] = await fn(); } catch (e) { results[name] = 'blocked: ' + e.name + ' ' + e.message; }
}
function form(action, enctype, fields) {
  const frame = document.createElement('iframe');
  frame.name = 'sink' + Math.random().toString(36).slice(2);
  document.body.append(frame);
  const f = document.createElement('form');
  f.method = 'POST'; f.action = action; f.enctype = enctype; f.target = frame.name;
  for (const [n, v] of fields) { const i = document.createElement('input'); i.name = n; i.value = v; f.append(i); }
  document.body.append(f);
  f.submit();
  return sleep(1500).then(() => 'sent');
}
function socket(url) {
  return new Promise((res) => {
    const w = new WebSocket(url);
    const t = setTimeout(() => res('open, no message'), 5000);
    w.onmessage = (m) => { clearTimeout(t); res('READ ' + String(m.data).slice(0, 60)); w.close(); };
    w.onclose = (e) => { clearTimeout(t); res('blocked: closed ' + e.code); };
  });
}
(async () => {
  const post = { method: 'POST', mode: 'no-cors' };
  await attempt('fetch text/plain signal', async () => { await fetch(T + '/api/signals', { ...post, headers: { 'Content-Type': 'text/plain' }, body: SIGNAL }); return 'sent'; });
  await attempt('sendBeacon signal', async () => (navigator.sendBeacon(T + '/api/signals', new Blob([SIGNAL], { type: 'text/plain' })) ? 'sent' : 'blocked: not queued'));
  // a text/plain form sends name=value: the name closes the JSON, the value ends it ({..., "pad":"="})
  await attempt('form text/plain signal', () => form(T + '/api/signals', 'text/plain', [[SIGNAL.slice(0, -1) + ',"pad":"', '"}']]));
  await attempt('fetch text/plain control', async () => { await fetch(T + '/api/controls', { ...post, headers: { 'Content-Type': 'text/plain' }, body: CONTROL }); return 'sent'; });
  await attempt('form text/plain control', () => form(T + '/api/controls', 'text/plain', [[CONTROL.slice(0, -1) + ',"pad":"', '"}']]));
  await attempt('fetch JSON control (preflighted)', async () => 'READ ' + (await fetch(T + '/api/controls', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: CONTROL })).status);
  await attempt('form retrain', () => form(T + '/api/models/retrain', 'application/x-www-form-urlencoded', [['now', '1']]));
  for (const a of ['/api/models/retrain', '/api/models/rollback', '/api/models/tpsl/rollback', '/api/models/tpsl/activate/1'])
    await attempt('fetch ' + a, async () => { await fetch(T + a, post); return 'sent'; });
  await attempt('fetch JSON signal (preflighted)', async () => 'READ ' + (await fetch(T + '/api/signals', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: SIGNAL })).status);
  await attempt('fetch with a guessed token (preflighted)', async () => 'READ ' + (await fetch(T + '/api/models/rollback', { method: 'POST', headers: { 'X-VProp-Token': '0'.repeat(64) } })).status);
  await attempt('WebSocket', () => socket(T.replace(/^http/, 'ws') + '/ws'));
  await attempt('WebSocket with a guessed token', () => socket(T.replace(/^http/, 'ws') + '/ws?token=' + '0'.repeat(64)));
  await attempt('read the panel page', async () => 'READ ' + (await (await fetch(T + '/')).text()).slice(0, 60));
  await attempt('read /api/status', async () => 'READ ' + (await (await fetch(T + '/api/status')).text()).slice(0, 60));
  await attempt('frame the panel page', () => new Promise((res) => {
    const f = document.createElement('iframe');
    f.src = T + '/';
    f.onload = () => { try { const d = f.contentDocument; res(d && d.documentElement.innerHTML.includes('vprop-token') ? 'READ the framed page' : 'blocked: no access'); } catch (e) { res('blocked: ' + e.name); } };
    document.body.append(f);
    setTimeout(() => res('blocked: no load'), 5000);
  }));
  await sleep(1000); // let a queued beacon leave
  window.__results = results;
})();
</script>`;

/** The sidecar's refusal counters by rule, from /metrics. */
async function refusals(s) {
  const text = await (await fetch(`${s.base}/metrics`)).text();
  const out = {};
  for (const m of text.matchAll(/^vprop_http_refused_total\{rule="([^"]+)",?\} ([0-9.]+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

const total = (r) => Object.values(r).reduce((a, b) => a + b, 0);

/** What a cross-site page must never have changed: journaled and sent signals, the served model, retraining. */
async function state(s) {
  const m = await s.api('/api/models');
  return {
    signals: (await s.api('/api/signals?limit=10000')).length,
    controls: (await s.api('/api/controls?limit=1000')).controls.length,
    sent: (await s.api('/api/status')).signals_sent,
    served: m.registries.tpsl.served,
    history: JSON.stringify(m.registries.tpsl.history),
    retraining: JSON.stringify({ running: m.service.retraining.running, last: m.service.retraining.last }),
  };
}

/** A buy the risk engine lets through (0.01 lot, stop 50 pips under the bid), as JSON. */
async function validSignal(s) {
  const q = await until('a EURUSD quote from the paper terminal', async () =>
    (await s.api('/api/status')).symbols.find((x) => x.symbol === 'EURUSD' && x.bid > 0), 30_000, 200);
  return JSON.stringify({ symbol: 'EURUSD', side: 'buy', lots: 0.01, sl: +(q.bid - 0.005).toFixed(5), tp1: +(q.ask + 0.003).toFixed(5), reason: 'crosssite e2e' });
}

let s, hostile, hostilePort, browser, before, signal;

/** Opens the attack page at `pageOrigin`, aimed at `target`, and returns what the attacker got. */
async function attack(pageOrigin, target) {
  const page = await browser.newPage();
  try {
    await page.goto(`${pageOrigin}/attack.html?target=${encodeURIComponent(target)}&signal=${encodeURIComponent(signal)}`);
    return await page.waitForFunction(() => window.__results, null, { timeout: 60_000 }).then((h) => h.jsonValue());
  } finally {
    await page.close();
  }
}

/** What the attacker got that it should not have, as sentences (empty: nothing). */
function leaks(got) {
  const out = [];
  for (const [what, outcome] of Object.entries(got)) if (String(outcome).startsWith('READ')) out.push(`${what} → ${outcome}`);
  // a blocked fetch is refused by the browser itself (no CORS); the plain POSTs left it and reached the sidecar
  for (const what of ['fetch text/plain signal', 'form text/plain signal', 'fetch text/plain control', 'form text/plain control',
    'fetch /api/models/retrain'])
    if (got[what] !== 'sent') out.push(`${what} → ${got[what]} (the attack never left the browser: the test proves nothing)`);
  return out;
}

/** Refusals by rule that one attack page causes: Chromium sends Sec-Fetch-Site on fetch, beacon and forms, not on WebSockets. */
const EXPECTED = { 'cross-site': 10, origin: 2, preflight: 3 };

for (const [name, pageHost, targetHost] of [
  ['another port of 127.0.0.1 (same site, another origin)', '127.0.0.1', '127.0.0.1'],
  ['localhost attacking 127.0.0.1 (another site)', 'localhost', '127.0.0.1'],
  ['127.0.0.1 attacking localhost', '127.0.0.1', 'localhost'],
]) {
  test(`a page on ${name} can neither send a signal or a control nor act on the models nor open the WebSocket nor read the token`, async () => {
    const r0 = await refusals(s);
    const got = await attack(`http://${pageHost}:${hostilePort}`, `http://${targetHost}:${s.http}`);
    results.tests.push({ note: `${name}: ${JSON.stringify(got)}` });
    await sleep(500);
    const problems = [];
    const after = await state(s);
    if (JSON.stringify(after) !== JSON.stringify(before))
      problems.push(`the kernel or the models changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    problems.push(...leaks(got));
    const r1 = await refusals(s);
    const delta = Object.fromEntries(Object.keys({ ...r0, ...r1 }).sort().map((k) => [k, (r1[k] ?? 0) - (r0[k] ?? 0)]).filter(([, v]) => v));
    // the sidecar saw each request the browser let go and refused it: the browser alone did not stop them
    if (JSON.stringify(delta) !== JSON.stringify(EXPECTED)) problems.push(`refusals by rule ${JSON.stringify(delta)}, expected ${JSON.stringify(EXPECTED)}`);
    assert(problems.length === 0, problems.join('; '));
  });
}

test('a page reaching the sidecar under a name of its own (DNS rebinding) gets 421 and never the token', async () => {
  // rebind.test resolves to 127.0.0.1 in this browser only: to it, the page and the sidecar are one origin
  const rebinding = await launch(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
  try {
    const page = await rebinding.newPage();
    const r = await page.goto(`http://rebind.test:${s.http}/`);
    assert(r.status() === 421, `the panel page under rebind.test: HTTP ${r.status()}`);
    const body = await r.text();
    assert(!body.includes(s.token()), 'the 421 answer carries the token');
    assert(body.includes('DNS-rebinding'), `the refusal does not say why: ${body}`);
    const got = await page.evaluate(async (signal) => {
      const post = await fetch('/api/signals', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: signal });
      const status = await fetch('/api/status');
      const ws = await new Promise((res) => {
        const w = new WebSocket(`ws://${location.host}/ws`);
        w.onmessage = () => res('message');
        w.onclose = (e) => res(`closed ${e.code}`);
      });
      return { post: post.status, status: status.status, statusBody: (await status.text()).slice(0, 80), ws };
    }, signal);
    assert(got.post === 421 && got.status === 421, `same-origin requests under rebind.test: ${JSON.stringify(got)}`);
    assert(!got.statusBody.includes('"terminals"'), 'account data was readable under rebind.test');
    assert(got.ws !== 'message', `the WebSocket under rebind.test: ${got.ws}`);
    assert(JSON.stringify(await state(s)) === JSON.stringify(before), 'the kernel or the models changed');
  } finally {
    await rebinding.close();
  }
});

test('the real panel still reads, streams and acts: Roll back / Serve, and a signal and a control from its page are journaled', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  try {
    await page.goto(`${s.base}/#/learning`);
    await page.waitForSelector('main[data-page="learning"][data-loaded="true"]', { timeout: 15_000 });
    await until('the panel\'s WebSocket to be live', async () => (await page.textContent('#ws-text')) === 'live updates', 10_000, 100);
    assert((await page.textContent('[data-served="tpsl"]')) === 'serving v2', 'the learning page does not show v2 served');
    await page.click('[data-rollback="tpsl"]');
    await until('the page to serve v1', async () => (await page.textContent('[data-served="tpsl"]')) === 'serving v1', 5_000, 100);
    assert((await s.api('/api/models')).registries.tpsl.served === 1, 'REST disagrees after Roll back');
    await page.click('[data-activate="tpsl.2"]');
    await until('the page to serve v2 again', async () => (await page.textContent('[data-served="tpsl"]')) === 'serving v2', 5_000, 100);
    // the very signal the attackers sent, sent as the panel sends its requests: it goes to the terminal
    const sent = await page.evaluate(async (signal) => {
      const token = document.querySelector('meta[name="vprop-token"]').getAttribute('content');
      const r = await fetch('/api/signals', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-VProp-Token': token }, body: signal });
      return { status: r.status, body: await r.text() };
    }, signal);
    assert(sent.status === 200, `the panel's signal: HTTP ${sent.status} ${sent.body}`);
    assert((await s.api('/api/signals?limit=10000')).length === before.signals + 1, 'the panel\'s signal was not journaled');
    // and a control the attackers could not send, sent by the panel's page, is journaled and answered by the terminal
    const ctl = await page.evaluate(async () => {
      const token = document.querySelector('meta[name="vprop-token"]').getAttribute('content');
      const r = await fetch('/api/controls', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-VProp-Token': token },
        body: JSON.stringify({ action: 'cancel_pending', reason: 'crosssite e2e: the panel itself may', by: 'panel' }) });
      return { status: r.status, body: await r.json() };
    });
    assert(ctl.status === 200 && ctl.body.status === 'applied', `the panel's control: HTTP ${ctl.status} ${JSON.stringify(ctl.body)}`);
    assert((await s.api('/api/controls?limit=1000')).controls.length === before.controls + 1, 'the panel\'s control was not journaled');
    await page.screenshot({ path: join(artifacts, 'crosssite-panel.png'), fullPage: true });
    // the panel opened as localhost is its own origin and works as well
    await page.goto(`http://localhost:${s.http}/#/compliance`);
    await page.waitForSelector('main[data-page="compliance"][data-loaded="true"]', { timeout: 15_000 });
    await until('the localhost panel\'s WebSocket to be live', async () => (await page.textContent('#ws-text')) === 'live updates', 10_000, 100);
    assert(errors.length === 0, `console errors on the panel: ${errors.join(' | ')}`);
  } finally {
    await page.close();
  }
});

async function main() {
  const bars = join(process.env.VPROP_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'), 'bars', 'EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz');
  // two tpsl versions, v2 served: a rollback or an activation would be visible
  const twoModels = (dataDir) => {
    const train = (tp) => execFileSync('java', ['-jar', jar, 'models', 'train', '--horizon', '4', '--tp', tp, '--sl', '0.8',
      '--dir', join(dataDir, 'models'), '--bars', bars, '--activate'], { stdio: 'pipe' });
    train('1.2');
    train('1.5');
  };
  // no strategy: only a request can send a signal; retraining bars set: a retrain request would run
  s = await startSidecar(['demo', '--strategy', 'none', '--speed', '10'], { before: twoModels, env: { VPROP_MODELS_RETRAIN_BARS: bars } });
  hostilePort = await freePort();
  hostile = createServer((req, res) => {
    res.writeHead(req.url.startsWith('/attack.html') ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url.startsWith('/attack.html') ? ATTACK_PAGE : 'not here');
  });
  await new Promise((r) => hostile.listen(hostilePort, '127.0.0.1', r));
  try {
    signal = await validSignal(s);
    before = await state(s);
    assert(before.served === 2 && before.signals === 0, `unexpected start: ${JSON.stringify(before)}`);
    browser = await launch();
    for (const t of tests) {
      const t0 = Date.now();
      try {
        await t.fn();
        results.passed++;
        console.log(`ok      ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        results.failed++;
        console.log(`FAIL    ${t.name}: ${e.message}`);
      }
    }
    results.tests.push({ note: `refusals by rule: ${JSON.stringify(await refusals(s))}` });
  } finally {
    await browser?.close();
    hostile.close();
    await s.stop();
  }
}

try {
  await main();
} catch (e) {
  results.failed++;
  console.log(`FAIL    crosssite setup: ${e.message}`);
}
writeFileSync(join(artifacts, 'e2e-crosssite.json'), JSON.stringify(results, null, 2));
process.exit(results.failed ? 1 : 0);
