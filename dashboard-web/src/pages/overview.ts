import { createChart, LineSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { get, getOptional } from '../api';
import { bySecond, chartOptions } from '../charts';
import { currentUnits, DASH, duration, int, isNum, money, num, pct, pctValue, signedMoney, time, tone, zoneName } from '../format';
import { fromGovernorsApi } from '../governors';
import { byAccount } from '../modes';
import type { Page } from '../page';
import type { Digest, Status, Summary } from '../types';
import { currencyNote, loadUnits } from '../units';
import { card, h, kpi, meter, nodata, table } from '../ui';

interface Equity { peers: Record<string, { t_ms: number; balance: number; equity: number }[]> }

// One chart for the page's lifetime: re-renders move its element into the new card and replace the data, so the
// trader's zoom and scroll survive the refresh; leaving the page removes it.
let live: { host: HTMLElement; chart: IChartApi; series: Map<string, ISeriesApi<'Line'>>; fitted: boolean } | null = null;

function chartHost(eq: Equity): HTMLElement {
  if (!live) {
    const host = h('div', { class: 'chart', id: 'equity-chart' });
    live = { host, chart: createChart(host, chartOptions()), series: new Map(), fitted: false };
  }
  const l = live;
  const zone = currentUnits().zone;
  for (const [peer, pts] of Object.entries(byAccount(eq.peers))) {
    for (const kind of ['equity', 'balance'] as const) {
      const key = `${peer}|${kind}`;
      let s = l.series.get(key);
      if (!s) {
        s = l.chart.addSeries(LineSeries, kind === 'equity'
          ? { color: '#38bdf8', lineWidth: 2, title: 'equity' }
          : { color: '#a78bfa', lineWidth: 1, lineStyle: 2, title: 'balance' });
        l.series.set(key, s);
      }
      s.setData(bySecond(pts.map((p) => ({ t_ms: p.t_ms, v: kind === 'equity' ? p.equity : p.balance })), zone));
    }
  }
  if (!l.fitted) {
    // the element gets its size once attached: fit then, once
    window.setTimeout(() => { if (live === l) l.chart.timeScale().fitContent(); }, 50); // unless the page was left since
    l.fitted = true;
  }
  return l.host;
}

export const overview: Page = {
  id: 'overview',
  title: 'Overview',
  events: ['fill', 'analytics', 'peer'],
  refreshMs: 3000,
  leave() {
    live?.chart.remove();
    live = null;
  },
  async render(root) {
    const [status, sum, eq, digest, gov, acc] = await Promise.all([get<Status>('/api/status'), get<Summary>('/api/analytics/summary'),
      get<Equity>('/api/analytics/equity'), get<Digest>('/api/analytics/digest'), getOptional<unknown>('governors'), loadUnits(true)]);
    const o = sum.overall;
    // money per account (GET /api/analytics/accounts has one row per account): summed per terminal connection, an
    // account on two charts was counted twice
    const bal = acc.accounts.reduce((s, a) => s + a.balance, 0);
    const eqv = acc.accounts.reduce((s, a) => s + a.equity, 0);
    const known = acc.accounts.length > 0;
    const open = known ? eqv - bal : null;
    const dayClosed = digest.overall.net;
    const dayPnl = open === null ? null : dayClosed + open;
    // margin from the terminals' newest account snapshots; the level is equity / margin over all of them
    const margin = acc.accounts.reduce((s, a) => s + a.margin, 0);
    const free = acc.accounts.reduce((s, a) => s + a.free_margin, 0);
    const accEquity = acc.accounts.reduce((s, a) => s + a.equity, 0);
    const level = acc.accounts.length && margin > 0 ? (accEquity / margin) * 100 : null;
    // the day-loss limit exists only when the governors module reports it
    const g = fromGovernorsApi(gov)[0]?.snapshot as Record<string, number> | undefined;
    const dayLimit = g && Number.isFinite(g.dayAnchor) && Number.isFinite(g.dailyFloor) ? g.dayAnchor - g.dailyFloor : null;
    const peakEq = Math.max(...Object.values(eq.peers).flat().map((p) => p.equity), eqv);
    const curDd = known && peakEq > 0 ? (peakEq - eqv) / peakEq : null;
    const note = currencyNote(acc);

    const hasCurve = Object.values(eq.peers).some((p) => p.length > 0);
    root.append(
      h('header', { class: 'page' }, h('h1', {}, 'Overview'),
        h('span', { class: 'sub' }, `session ${status.session.slice(0, 8)} · ${int(status.fills_recorded)} fills · ${int(status.signals_sent)} signals · `
          + `money in ${acc.currency ?? 'each account\'s currency'} · times on the firm's clock (${zoneName()})`)),
      note ? h('div', { class: 'warn', 'data-currency-note': 'true' }, note) : '',
      h('div', { class: 'grid' },
        card('Account', h('div', { class: 'kpis' },
          kpi('Balance', known ? money(bal) : DASH, 'balance'),
          kpi('Equity', known ? money(eqv) : DASH, 'equity'),
          kpi('Open P&L', signedMoney(open), 'open_pnl', tone(open)),
          kpi(`Day P&L (firm day ${digest.day})`, signedMoney(dayPnl), 'day_pnl', tone(dayPnl)),
          kpi('Margin', acc.accounts.length ? money(margin) : DASH, 'margin'),
          kpi('Free margin', acc.accounts.length ? money(free) : DASH, 'free_margin'),
          kpi('Margin level', level === null ? (acc.accounts.length ? 'no margin used' : DASH) : pctValue(level, 0), 'margin_level'))),
        card('Day P&L against the daily loss limit',
          dayLimit !== null && dayPnl !== null
            ? meter(Math.max(0, -dayPnl) / dayLimit, -dayPnl > 0.8 * dayLimit ? 'breach' : -dayPnl > 0.5 * dayLimit ? 'warning' : 'ok',
              `${signedMoney(dayPnl)} of −${money(dayLimit)} allowed`)
            : nodata('daily loss limit: no data yet — governors not connected'),
          h('div', { class: 'kpi-label' }, 'Drawdown from equity peak'),
          meter(curDd === null ? null : curDd / 0.1, curDd !== null && curDd > 0.05 ? 'warning' : 'ok',
            `now ${pct(curDd, 2)} · worst closed-trade drawdown ${pct(o.max_drawdown_pct, 2)} (${money(o.max_drawdown)}) · scale 10 %`)),
        card('Equity and balance', h('div', { class: 'legend' }, h('span', {}, h('i', { style: 'background:#38bdf8' }), 'equity'),
          h('span', {}, h('i', { style: 'background:#a78bfa' }), 'balance'), h('span', {}, `times: ${zoneName()}`)),
          hasCurve ? chartHost(eq) : nodata('no account snapshot yet')),
        card('Trade statistics (closed trades)', h('div', { class: 'kpis' },
          kpi('Trades', int(o.trades), 'overall.trades'),
          kpi('Net', signedMoney(o.net), 'overall.net', tone(o.net)),
          kpi('Win rate', pct(o.win_rate), 'overall.win_rate'),
          kpi('Profit factor', num(o.profit_factor), 'overall.profit_factor'),
          kpi('Expectancy / trade', signedMoney(o.expectancy), 'overall.expectancy', tone(o.expectancy)),
          kpi('Sharpe / trade', num(o.sharpe, 3), 'overall.sharpe'),
          kpi('Sortino / trade', num(o.sortino, 3), 'overall.sortino'),
          kpi('Calmar', num(o.calmar), 'overall.calmar'),
          kpi('VaR 95 / trade', money(o.var95), 'overall.var95'),
          kpi('ES 95 / trade', money(o.es95), 'overall.es95'),
          kpi('Open trades', int(sum.open_trades), 'open_trades'))),
        card('Accounts', acc.accounts.length ? table(['Account', 'Charts', 'Balance', 'Equity', 'Floating P&L', 'Margin', 'Free margin', 'Margin level',
          'Positions', `Snapshot (${zoneName()})`], acc.accounts.map((a) => {
          const cur = a.currency || undefined;
          return [h('span', { 'data-account-row': a.account ?? a.peer }, a.account ?? a.peer), int((a.charts ?? [a.peer]).length), money(a.balance, cur), money(a.equity, cur), h('span', { class: tone(a.floating) }, signedMoney(a.floating, cur)),
            h('span', { 'data-account-margin': a.peer }, money(a.margin, cur)), money(a.free_margin, cur),
            isNum(a.margin_level_pct) ? pctValue(a.margin_level_pct, 0) : 'no margin used', int(a.positions), time(a.ts_ms)];
        }), { 'data-accounts': 'true' }) : nodata('no account snapshot journaled yet')),
        card('Terminals', status.terminals.length ? table(['Terminal', 'Account', 'Currency', 'State', 'Last heard', 'Messages', 'Fills',
          'Positions', 'Governor mode'], status.terminals.map((t) => {
          const st = t.stale ? 'stale' : 'live';
          return [t.id, t.account, t.currency || DASH, h('span', { class: `badge ${st}`, 'data-terminal-state': st }, st),
            h('span', { title: time(t.lastHeardMs) }, `${duration(status.ts_ms - t.lastHeardMs)} ago`), int(t.messagesIn), int(t.fills),
            int(t.positions), t.governorMode ?? DASH];
        }), { 'data-terminals': 'true' }) : nodata('no terminal connected')),
      ));
    root.querySelectorAll('.grid > section').forEach((s, i) => { if (i >= 2) s.classList.add('wide'); });
  },
};
