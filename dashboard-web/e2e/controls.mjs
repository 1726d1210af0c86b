// End-to-end tests of the trader's controls (issue 21 item 3) in a real browser against a real demo stack of their own
// (sidecar + paper terminal over ZeroMQ, no strategy: only requests trade): on the Trades page at 1440 and 390 px,
// Pause entries, Close on an open position, Resume, Flatten all and Cancel pending each ask for a confirmation and
// a reason, show the terminal's answer, and do what they say (checked through REST: a manual order refused with
// control.paused while paused and accepted after Resume, the position closed, nothing open after Flatten all); the
// PAUSED banner shows the trader's reason; the audit trail lists every control. Screenshots in test-artifacts/.
// Registered by run.mjs, which owns the browser.
import { join } from 'node:path';
import { startSidecar } from './demo.mjs';

export function controlsTests(ctx) {
  const { test, assert, until, artifacts, consoleErrors, layoutOk, WIDE, PHONE, note, fresh } = ctx;
  const page = () => ctx.page();
  let stack = null;

  const ensure = async () => {
    if (!stack) stack = await startSidecar(['demo', '--strategy', 'none', '--speed', '10']);
    return stack;
  };

  /** POST as a script does it (the token, JSON); the answer's status and body. */
  const post = async (path, body) => {
    const r = await fetch(stack.base + path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-VProp-Token': stack.token() },
      body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };

  /** A manual 0.01 lot buy with its stop 50 pips under the bid (the governors and the risk engine let it through). */
  const manualBuy = async () => {
    const q = await until('a EURUSD quote', async () => (await stack.api('/api/status')).symbols.find((x) => x.symbol === 'EURUSD' && x.bid > 0),
      30_000, 200);
    return post('/api/signals', { symbol: 'EURUSD', side: 'buy', lots: 0.01, sl: +(q.bid - 0.005).toFixed(5), reason: 'controls e2e' });
  };

  const openTrades = async () => (await stack.api('/api/analytics/trades?limit=500')).filter((t) => !t.closed);

  /** Opens a position (retrying while the last close is not yet in the sidecar's snapshot) and returns its ticket. */
  const openPosition = async () => {
    const before = new Set((await openTrades()).map((t) => t.position));
    await until('a manual order to be accepted', async () => (await manualBuy()).status === 200, 20_000, 300);
    const t = await until('the position to be open', async () => (await openTrades()).find((x) => !before.has(x.position)), 20_000, 200);
    return t.position;
  };

  /** Clicks a control, checks the confirmation asks for a reason, gives one, confirms, and returns the shown result. */
  const control = async (selector, reason) => {
    await page().click(selector);
    await page().waitForSelector('[data-control-confirm]:not([hidden])', { timeout: 5_000 });
    const ok = '[data-control-confirm-ok]';
    assert(await page().isDisabled(ok), 'the confirmation can be confirmed without a reason');
    await page().fill('[data-control-reason]', reason);
    assert(!(await page().isDisabled(ok)), 'a reason given, the confirmation is still disabled');
    await page().click(ok);
    await page().waitForSelector('[data-control-confirm][hidden]', { state: 'attached', timeout: 5_000 });
    const el = await page().waitForSelector('[data-control-result="applied"], [data-control-result="refused"], [data-control-result="sent"]',
      { timeout: 10_000 });
    const text = (await el.textContent()) ?? '';
    await page().evaluate(() => document.querySelector('[data-control-result]')?.setAttribute('data-control-result', 'read'));
    return { status: text.includes(': applied') ? 'applied' : text.includes('refused') ? 'refused' : 'sent', text };
  };

  for (const vp of [WIDE, PHONE]) test(`controls at ${vp.width} px: pause (banner, orders refused), close a position, resume, flatten, cancel pending; audit trail; screenshots`, async () => {
    await fresh(); // off the page a previous test left (its sidecar may be gone), its console errors forgotten
    const s = await ensure();
    await page().setViewportSize(vp);
    try {
      const ticket = await openPosition();
      await page().goto(`${s.base}/#/trades`);
      await page().waitForSelector('main[data-page="trades"][data-loaded="true"]', { timeout: 15_000 });
      await page().waitForSelector(`[data-control="close_position"][data-position="${ticket}"]`, { timeout: 15_000 });

      // pause: confirmed with a reason, applied by the terminal, shown in the banner; the sidecar refuses entries
      const reason = `e2e ${vp.width}: news in 5 minutes`;
      const paused = await control('[data-control="pause_entries"]', reason);
      assert(paused.status === 'applied', `pause: ${paused.text}`);
      await page().waitForSelector('[data-banner-state="PAUSED"]', { timeout: 10_000 });
      const banner = (await page().textContent('[data-banner-state="PAUSED"]')) ?? '';
      assert(banner.includes(reason) && banner.includes('control.paused'), `the banner does not give the trader's reason: ${banner}`);
      const refused = await manualBuy();
      assert(refused.status === 409 && refused.body.rule === 'control.paused', `a manual order while paused: ${JSON.stringify(refused)}`);
      await page().waitForSelector('[data-control-state="paused"]', { timeout: 10_000 });
      await page().screenshot({ path: join(artifacts, `controls-paused-${vp.width}.png`), fullPage: true });

      // closes are never paused: Close on the position closes it
      const closed = await control(`[data-control="close_position"][data-position="${ticket}"]`, 'take the profit by hand');
      assert(closed.status === 'applied' && closed.text.includes('1 closed'), `close: ${closed.text}`);
      await until(`position ${ticket} to be closed`, async () => !(await openTrades()).some((t) => t.position === ticket), 15_000, 200);

      // resume: the banner goes, orders are taken again
      const resumed = await control('[data-control="resume"]', 'news is out');
      assert(resumed.status === 'applied', `resume: ${resumed.text}`);
      await page().waitForSelector('[data-banner-state="PAUSED"]', { state: 'detached', timeout: 10_000 });
      const again = await openPosition();
      await page().waitForSelector(`[data-control="close_position"][data-position="${again}"]`, { timeout: 15_000 });

      const flat = await control('[data-control="flatten_all"]', 'end of the day');
      assert(flat.status === 'applied' && /\d+ closed/.test(flat.text), `flatten: ${flat.text}`);
      await until('nothing open after Flatten all', async () => (await openTrades()).length === 0, 15_000, 200);
      const cancel = await control('[data-control="cancel_pending"]', 'tidy up');
      assert(cancel.status === 'applied', `cancel pending: ${cancel.text}`);

      // the audit trail: every control, newest first, with the terminal's answer
      await until('the audit trail to list the four controls of this run', async () => {
        const rows = await page().$$eval('[data-control-audit] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
        return rows.length >= 5 && rows[0].includes('Cancel pending') && rows[0].includes('applied') && rows.some((r) => r.includes(reason));
      }, 10_000, 250);
      const audit = (await stack.api('/api/controls?limit=50')).controls;
      assert(audit.slice(0, 5).every((c) => c.status === 'applied' && c.by === 'panel'), `audit: ${JSON.stringify(audit.slice(0, 5))}`);
      note(`controls at ${vp.width} px: ${audit.slice(0, 5).map((c) => `${c.action} ${c.status}`).join(', ')}`);
      await layoutOk('trades', vp.width);
      await page().screenshot({ path: join(artifacts, `controls-${vp.width}.png`), fullPage: true });
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    } finally {
      await page().setViewportSize(WIDE);
      if (vp === PHONE) {
        await page().goto('about:blank');
        await stack?.stop();
        stack = null;
      }
    }
  });
}
