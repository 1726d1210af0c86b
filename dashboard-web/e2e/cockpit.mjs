// End-to-end tests of the trader's views (issue 21): the trade list with its filters, sorting, tabs and CSV export,
// the performance page with its period switch, charts and candles, the session report's day picker, and every page
// and control at a laptop's 1440 px and a phone's 390 px. Registered by run.mjs, which owns the demo and the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** "2026-03-10" of the firm's clock the performance table names a day by, from REST. */
const lastTradedPeriod = (perf) => [...perf.periods].reverse().find((p) => p.trades > 0);

/** A CSV as rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF). */
export function parseCsv(text) {
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; } else f += c;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

export function registerCockpitTests(ctx) {
  const { test, pageTest, layoutOk, open, text, matches, parseShown, assert, until, sleep, artifacts, consoleErrors, PAGES, WIDE, PHONE } = ctx;
  const page = () => ctx.page();
  const api = (path) => ctx.demo().api(path);
  const rowsOf = async (list) => (await page().$$(`[data-list="${list}"] tbody tr`)).length;
  const cells = (list, col) => page().$$eval(`[data-list="${list}"] td[data-col="${col}"]`, (els) => els.map((e) => e.textContent ?? ''));
  const currency = async () => (await api('/api/analytics/accounts')).currency;

  /** Runs {@code fn} at a viewport, then puts the laptop width back (the other tests expect it). */
  async function at(vp, fn) {
    await page().setViewportSize(vp);
    try {
      await fn();
    } finally {
      await page().setViewportSize(WIDE);
    }
  }

  pageTest('trades', async () => {
    const trades = async () => api('/api/analytics/trades?limit=5000');
    await matches('rows in the trade list', async () => rowsOf('trades'), async () => (await trades()).length);
    await matches('net of the closed trades', async () => parseShown(await text('[data-metric="list.net"]')),
      async () => (await trades()).filter((t) => t.closed).reduce((s, t) => s + t.net, 0), 0.005);
    await matches('open trades', async () => parseShown(await text('[data-metric="list.open"]')), async () => (await trades()).filter((t) => !t.closed).length);
    const ccy = await currency();
    const nets = await cells('trades', 'net');
    assert(nets.length > 0 && nets.every((n) => n === '—' || n.endsWith(` ${ccy}`)), `net without the currency: ${nets.slice(0, 3)}`);
    const rs = await cells('trades', 'r');
    assert(rs.some((r) => /^[+−]\d+\.\d\d R$/.test(r)), `no R shown: ${rs.slice(0, 5)}`);
    const rest = await trades();
    assert(rest.some((t) => t.closed && typeof t.r_multiple === 'number'), 'REST gives no closed trade an R (the demo signals carry stops)');
    // an open trade's net is its floating result, not only its commission (the "Net shows only the commission")
    // (a position whose floating result is exactly 0 at this quote, one just opened on a zero spread, proves nothing)
    const openTrade = rest.find((t) => !t.closed && typeof t.unrealized === 'number' && t.unrealized !== 0);
    if (openTrade) assert(Math.abs(openTrade.total_net - (openTrade.net + openTrade.unrealized)) < 1e-9 && openTrade.total_net !== openTrade.net,
      `open position ${openTrade.position}: total ${openTrade.total_net} = commission ${openTrade.net} + floating ${openTrade.unrealized}`);
    const durations = await cells('trades', 'duration');
    assert(durations.every((d) => /^(—|(\d+ d )?(\d+ h )?\d+ m( \d+ s)?)$/.test(d)), `durations: ${durations.slice(0, 3)}`);
    const headers = await page().$$eval('[data-list="trades"] th', (els) => els.map((e) => e.textContent ?? ''));
    const zone = (await api('/api/analytics/accounts')).zone;
    assert(headers.some((x) => x.includes(`Opened (${zone})`)), `times not labelled with the firm's zone ${zone}: ${headers}`);
  });

  pageTest('performance', async () => {
    const perf = async (unit = 'day') => api(`/api/analytics/performance?period=${unit}`);
    await matches('net of closed trades', async () => parseShown(await text('[data-metric="perf.net"]')), async () => (await perf()).overall.net, 0.005);
    const p = await perf();
    assert(p.periods.length > 0, 'REST lists no period although trades closed');
    for (const r of p.periods.filter((x) => x.trades > 0))
      await matches(`net of ${r.period}`, async () => parseShown(await text(`[data-period-net="${r.period}"]`)),
        async () => (await perf()).periods.find((x) => x.period === r.period).net, 0.005);
    for (const sym of Object.keys(p.by_symbol))
      await matches(`trades of ${sym}`, async () => parseShown(await text(`[data-pair-trades="${sym}"]`)), async () => (await perf()).by_symbol[sym].trades);
    for (const id of ['periods-chart', 'curve-chart', 'candle-chart']) assert(await page().$(`#${id} canvas`), `${id} has no canvas`);
    const symbol = await page().$eval('[data-symbol]', (e) => e.value);
    const candles = async () => api(`/api/analytics/candles?timeframe=M15&limit=400&symbol=${encodeURIComponent(symbol)}`);
    await matches(`${symbol} M15 candles drawn`, async () => Number(await page().getAttribute('#candle-chart', 'data-candles')), async () => (await candles()).candles.length);
    const c = await candles();
    assert(c.candles.length > 0, `no ${symbol} candles: ${c.note}`);
    assert(Number(await page().getAttribute('#candle-chart', 'data-markers')) > 0 || c.markers.length === 0, 'trades of the symbol are not marked');
    assert(c.markers.length > 0, `no entry or exit of ${symbol} within its candles`);
  });

  // ---- every page at a phone's width -------------------------------------------------------------------------
  for (const id of PAGES) test(`${id} page at 390 px: navigation folded behind the menu, nothing wider than the screen, screenshot kept`, async () => {
    consoleErrors.length = 0;
    await at(PHONE, async () => {
      await open(id);
      await sleep(300);
      assert(!(await page().isVisible('nav#nav')), 'the sidebar is still shown at 390 px');
      assert(await page().isVisible('[data-menu]'), 'no menu button at 390 px');
      await layoutOk(id, 390);
      await page().screenshot({ path: join(artifacts, `${id}-390.png`), fullPage: true });
    });
    assert(consoleErrors.length === 0, `console errors on ${id} at 390 px: ${consoleErrors.join(' | ')}`);
  });

  test('navigation at 390 px: the menu button opens the page list, a choice navigates and folds it again', async () => {
    await at(PHONE, async () => {
      await open('overview');
      await page().click('[data-menu]');
      assert(await page().isVisible('nav#nav'), 'the menu did not open the navigation');
      assert((await page().getAttribute('[data-menu]', 'aria-expanded')) === 'true', 'aria-expanded not set');
      await page().screenshot({ path: join(artifacts, 'navigation-open-390.png') });
      await page().click('nav#nav a[data-page="trades"]');
      await page().waitForSelector('main[data-page="trades"][data-loaded="true"]', { timeout: 15_000 });
      assert(!(await page().isVisible('nav#nav')), 'the navigation stayed open after a choice');
    });
    await open('overview');
    assert(await page().isVisible('nav#nav') && !(await page().isVisible('[data-menu]')), 'at 1440 px the sidebar is not shown or the menu button is');
  });

  // ---- controls, at both widths -----------------------------------------------------------------------------
  for (const vp of [WIDE, PHONE]) {
    const w = vp.width;

    test(`trade list controls at ${w} px: symbol filter, sorting, firm-day range, fills and signals tabs, CSV export`, async () => {
      consoleErrors.length = 0;
      await at(vp, async () => {
        await open('trades');
        await page().click('[data-choice="tab.trades"]'); // the tab a previous visit left open stays chosen
        await page().waitForSelector('[data-list="trades"]', { timeout: 10_000 });
        const trades = await api('/api/analytics/trades?limit=5000');
        // the symbol with the most trades
        const bySym = {};
        for (const t of trades) bySym[t.symbol] = (bySym[t.symbol] ?? 0) + 1;
        const sym = Object.entries(bySym).sort((a, b) => b[1] - a[1])[0][0];
        await page().selectOption('select[data-filter="symbol"]', sym);
        await matches(`${sym} rows`, async () => rowsOf('trades'), async () => (await api('/api/analytics/trades?limit=5000')).filter((t) => t.symbol === sym).length);
        assert((await cells('trades', 'symbol')).every((s) => s === sym), 'a row of another symbol passed the filter');
        await page().selectOption('select[data-filter="symbol"]', '');

        // sorting by R: ascending, then descending; trades without R last either way
        const rValues = async () => (await cells('trades', 'r')).map((x) => (x === '—' ? null : parseShown(x.replace(' R', ''))));
        const sorted = (v, desc) => {
          const firstNull = v.indexOf(null);
          const nums = firstNull === -1 ? v : v.slice(0, firstNull);
          const nullsLast = firstNull === -1 || v.slice(firstNull).every((x) => x === null);
          return nullsLast && nums.every((x, i) => i === 0 || (desc ? nums[i - 1] >= x : nums[i - 1] <= x));
        };
        await page().click('th[data-sort="r"]');
        assert((await page().getAttribute('th[data-sort="r"]', 'aria-sort')) === 'ascending', 'R header not ascending after a click');
        assert(sorted(await rValues(), false), `R not ascending: ${await rValues()}`);
        await page().click('th[data-sort="r"]');
        assert(sorted(await rValues(), true), `R not descending: ${await rValues()}`);
        await page().click('th[data-sort="open"]');
        await page().click('th[data-sort="open"]'); // newest first again

        // a firm-day range: the closed trades of the newest traded day add up to that day's net in the performance table
        const day = lastTradedPeriod(await api('/api/analytics/performance?period=day'));
        await page().fill('input[data-filter="from"]', day.period);
        await page().fill('input[data-filter="to"]', day.period);
        await matches(`net of the trades closed on firm day ${day.period}`, async () => parseShown(await text('[data-metric="list.net"]')),
          async () => (await api('/api/analytics/performance?period=day')).periods.find((p) => p.period === day.period).net, 0.005);

        // CSV of what is shown: one line per row, units in the headers
        // (a trade of today closing meanwhile adds a row: the file holds the rows shown when it was clicked)
        const shownBefore = await rowsOf('trades');
        const [dl] = await Promise.all([page().waitForEvent('download'), page().click('[data-export="csv"]')]);
        const shownAfter = await rowsOf('trades');
        const path = join(artifacts, `trades-${w}.csv`);
        await dl.saveAs(path);
        const csv = parseCsv(readFileSync(path, 'utf8'));
        const zone = (await api('/api/analytics/accounts')).zone;
        assert(csv[0][0] === `opened (${zone})` && csv[0].includes('R (net / risk at stop)') && csv[0].includes('currency'), `CSV header: ${csv[0].join(',')}`);
        assert(csv.length - 1 === shownBefore || csv.length - 1 === shownAfter,
          `CSV has ${csv.length - 1} rows, the list shows ${shownBefore} before the click and ${shownAfter} after`);
        assert(dl.suggestedFilename() === `vprop-trades-from-${day.period}-to-${day.period}.csv`, `file name ${dl.suggestedFilename()}`);
        await page().screenshot({ path: join(artifacts, `trades-filtered-${w}.png`), fullPage: true });
        await page().click('[data-clear]');
        assert((await page().inputValue('input[data-filter="from"]')) === '', 'Clear left the day range');

        // fills and signals, with their journal status and reasons
        await page().click('[data-choice="tab.fills"]');
        await page().waitForSelector('[data-list="fills"]', { timeout: 10_000 });
        await matches('fill rows', async () => rowsOf('fills'), async () => (await api('/api/fills?limit=5000')).length);
        const reasons = new Set(await cells('fills', 'reason'));
        assert([...reasons].some((r) => r !== '—'), 'no broker reason shown for any fill');
        await page().click('[data-choice="tab.signals"]');
        await page().waitForSelector('[data-list="signals"]', { timeout: 10_000 });
        await matches('signal rows', async () => rowsOf('signals'), async () => (await api('/api/signals?limit=5000')).length);
        // The demo trades while the page is read: a signal can move from sent to executed between the page's read and
        // REST's, so the page's statuses must be among those REST gives just before or just after it (a few tries).
        let statuses = new Set(), restStatuses = new Set();
        for (let attempt = 0; attempt < 5; attempt++) {
          const before = (await api('/api/signals?limit=5000')).map((x) => x.status);
          statuses = new Set(await cells('signals', 'status'));
          const after = (await api('/api/signals?limit=5000')).map((x) => x.status);
          restStatuses = new Set([...before, ...after]);
          if ([...statuses].every((x) => restStatuses.has(x))) break;
          await page().waitForTimeout(1_000);
        }
        assert([...statuses].every((x) => restStatuses.has(x)), `statuses ${[...statuses]} vs REST ${[...restStatuses]}`);
        await layoutOk('trades (signals)', w);
        await page().screenshot({ path: join(artifacts, `trades-signals-${w}.png`), fullPage: true });
        await page().click('[data-choice="tab.trades"]');
        await page().waitForSelector('[data-list="trades"]', { timeout: 10_000 });
      });
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    });

    test(`performance controls at ${w} px: daily/weekly/monthly, candle timeframe and symbol`, async () => {
      consoleErrors.length = 0;
      await at(vp, async () => {
        await open('performance');
        for (const unit of ['week', 'month', 'day']) {
          await page().click(`[data-choice="period.${unit}"]`);
          await page().waitForSelector(`[data-periods="${unit}"]`, { timeout: 10_000 });
          const last = lastTradedPeriod(await api(`/api/analytics/performance?period=${unit}`));
          await matches(`${unit} ${last.period} net`, async () => parseShown(await text(`[data-period-net="${last.period}"]`)),
            async () => (await api(`/api/analytics/performance?period=${unit}`)).periods.find((p) => p.period === last.period).net, 0.005);
          if (unit === 'week') assert(/^\d{4}-W\d{2}$/.test(last.period), `week label ${last.period}`);
          if (unit === 'month') assert(/^\d{4}-\d{2}$/.test(last.period), `month label ${last.period}`);
        }
        const sym = await page().$eval('[data-symbol]', (e) => e.value);
        await page().click('[data-choice="timeframe.M5"]');
        await matches(`${sym} M5 candles`, async () => Number(await page().getAttribute('#candle-chart', 'data-candles')),
          async () => (await api(`/api/analytics/candles?timeframe=M5&limit=400&symbol=${sym}`)).candles.length);
        const symbols = (await api('/api/analytics/candles')).symbols;
        const other = symbols.find((s) => s !== sym);
        if (other) {
          await page().selectOption('[data-symbol]', other);
          await matches(`${other} M5 candles`, async () => ((await page().$eval('[data-symbol]', (e) => e.value)) === other
            ? Number(await page().getAttribute('#candle-chart', 'data-candles')) : -1),
          async () => (await api(`/api/analytics/candles?timeframe=M5&limit=400&symbol=${other}`)).candles.length);
        }
        await layoutOk('performance', w);
        await page().screenshot({ path: join(artifacts, `performance-controls-${w}.png`), fullPage: true });
        await page().click('[data-choice="timeframe.M15"]');
      });
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    });

    test(`session report day picker at ${w} px: previous, next and a typed ISO day`, async () => {
      consoleErrors.length = 0;
      await at(vp, async () => {
        await open('sessions');
        const day = await page().getAttribute('[data-day]', 'data-day');
        const prev = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        await page().click('[data-day-step="prev"]');
        await until(`the report of ${prev}`, async () => (await page().getAttribute('[data-day]', 'data-day')) === prev, 10_000, 100);
        await matches(`closed trades of ${prev}`, async () => parseShown(await text('[data-metric="day.trades"]')),
          async () => (await api(`/api/analytics/sessions?day=${prev}`)).day_metrics.trades);
        await page().click('[data-day-step="next"]');
        await until(`the report of ${day}`, async () => (await page().getAttribute('[data-day]', 'data-day')) === day, 10_000, 100);
        await page().fill('[data-day-input]', prev);
        await page().press('[data-day-input]', 'Tab'); // leaving the field commits it
        await until(`the typed day ${prev}`, async () => (await page().getAttribute('[data-day]', 'data-day')) === prev, 10_000, 100);
        await page().fill('[data-day-input]', day);
        await page().press('[data-day-input]', 'Tab');
        await until(`the report of ${day} again`, async () => (await page().getAttribute('[data-day]', 'data-day')) === day, 10_000, 100);
        // the digest links answer with the day's digest (as the browser follows them, from the page)
        const digest = await page().evaluate(async () => {
          const links = [...document.querySelectorAll('a')].filter((a) => /digest(\.csv)?\?day=/.test(a.getAttribute('href') ?? ''));
          return Promise.all(links.map(async (a) => { const r = await fetch(a.href); return { href: a.getAttribute('href'), status: r.status, head: (await r.text()).slice(0, 12) }; }));
        });
        assert(digest.length === 2 && digest.every((d) => d.status === 200 && d.href.endsWith(`day=${day}`)), `digest links: ${JSON.stringify(digest)}`);
        assert(digest.some((d) => d.head.startsWith('day,peer,')), `the CSV link does not give the digest CSV: ${JSON.stringify(digest)}`);
      });
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    });
  }
}
