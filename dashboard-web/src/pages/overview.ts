import { ColorType, createChart, LineSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { get, getOptional } from '../api';
import { DASH, duration, int, money, num, pct, signedMoney, tone } from '../format';
import { fromGovernorsApi } from '../governors';
import type { Page } from '../page';
import type { Digest, Status, Summary } from '../types';
import { card, h, kpi, meter, nodata, table } from '../ui';

interface Equity { peers: Record<string, { t_ms: number; balance: number; equity: number }[]> }

/** Points by whole second, strictly increasing (what the chart library requires); the last value of a second wins. */
export function bySecond(points: { t_ms: number; v: number }[]): { time: UTCTimestamp; value: number }[] {
  const m = new Map<number, number>();
  for (const p of points) m.set(Math.floor(p.t_ms / 1000), p.v);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ time: t as UTCTimestamp, value: v }));
}

// One chart for the page's lifetime: re-renders move its element into the new card and replace the data, so the
// trader's zoom and scroll survive the refresh; leaving the page removes it.
let live: { host: HTMLElement; chart: IChartApi; series: Map<string, ISeriesApi<'Line'>>; fitted: boolean } | null = null;

function chartHost(eq: Equity): HTMLElement {
  if (!live) {
    const host = h('div', { class: 'chart', id: 'equity-chart' });
    const chart = createChart(host, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#121821' }, textColor: '#8193a8' },
      grid: { vertLines: { color: '#1a2330' }, horzLines: { color: '#1a2330' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#243041' },
      rightPriceScale: { borderColor: '#243041' },
    });
    live = { host, chart, series: new Map(), fitted: false };
  }
  const l = live;
  for (const [peer, pts] of Object.entries(eq.peers)) {
    for (const kind of ['equity', 'balance'] as const) {
      const key = `${peer}|${kind}`;
      let s = l.series.get(key);
      if (!s) {
        s = l.chart.addSeries(LineSeries, kind === 'equity'
          ? { color: '#38bdf8', lineWidth: 2, title: 'equity' }
          : { color: '#a78bfa', lineWidth: 1, lineStyle: 2, title: 'balance' });
        l.series.set(key, s);
      }
      s.setData(bySecond(pts.map((p) => ({ t_ms: p.t_ms, v: kind === 'equity' ? p.equity : p.balance }))));
    }
  }
  if (!l.fitted) {
    // the element gets its size once attached: fit then, once
    window.setTimeout(() => l.chart.timeScale().fitContent(), 50);
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
    const [status, sum, eq, digest, gov] = await Promise.all([get<Status>('/api/status'), get<Summary>('/api/analytics/summary'),
      get<Equity>('/api/analytics/equity'), get<Digest>('/api/analytics/digest'), getOptional<unknown>('governors')]);
    const o = sum.overall;
    const bal = status.terminals.reduce((s, t) => s + (t.balance ?? 0), 0);
    const eqv = status.terminals.reduce((s, t) => s + (t.equity ?? 0), 0);
    const known = status.terminals.some((t) => t.balance !== null);
    const open = known ? eqv - bal : null;
    const dayClosed = digest.overall.net;
    const dayPnl = open === null ? null : dayClosed + open;
    // the day-loss limit exists only when the governors module reports it
    const g = fromGovernorsApi(gov)[0]?.snapshot as Record<string, number> | undefined;
    const dayLimit = g && Number.isFinite(g.dayAnchor) && Number.isFinite(g.dailyFloor) ? g.dayAnchor - g.dailyFloor : null;
    const peakEq = Math.max(...Object.values(eq.peers).flat().map((p) => p.equity), eqv);
    const curDd = known && peakEq > 0 ? (peakEq - eqv) / peakEq : null;

    const hasCurve = Object.values(eq.peers).some((p) => p.length > 0);
    root.append(
      h('header', { class: 'page' }, h('h1', {}, 'Overview'),
        h('span', { class: 'sub' }, `session ${status.session.slice(0, 8)} · ${int(status.fills_recorded)} fills · ${int(status.signals_sent)} signals`)),
      h('div', { class: 'grid' },
        card('Account', h('div', { class: 'kpis' },
          kpi('Balance', known ? money(bal) : DASH, 'balance'),
          kpi('Equity', known ? money(eqv) : DASH, 'equity'),
          kpi('Open P&L', signedMoney(open), 'open_pnl', tone(open)),
          kpi(`Day P&L (${digest.day})`, signedMoney(dayPnl), 'day_pnl', tone(dayPnl)))),
        card('Day P&L against the daily loss limit',
          dayLimit !== null && dayPnl !== null
            ? meter(Math.max(0, -dayPnl) / dayLimit, -dayPnl > 0.8 * dayLimit ? 'breach' : -dayPnl > 0.5 * dayLimit ? 'warning' : 'ok',
              `${signedMoney(dayPnl)} of −${money(dayLimit)} allowed`)
            : nodata('daily loss limit: no data yet — governors not connected'),
          h('div', { class: 'kpi-label' }, 'Drawdown from equity peak'),
          meter(curDd === null ? null : curDd / 0.1, curDd !== null && curDd > 0.05 ? 'warning' : 'ok',
            `now ${pct(curDd, 2)} · worst closed-trade drawdown ${pct(o.max_drawdown_pct, 2)} (${money(o.max_drawdown)}) · scale 10 %`)),
        card('Equity and balance', h('div', { class: 'legend' }, h('span', {}, h('i', { style: 'background:#38bdf8' }), 'equity'),
          h('span', {}, h('i', { style: 'background:#a78bfa' }), 'balance')),
          hasCurve ? chartHost(eq) : nodata('no account snapshot yet')),
        card('Trade statistics (closed trades)', h('div', { class: 'kpis' },
          kpi('Trades', int(o.trades), 'overall.trades'),
          kpi('Net', signedMoney(o.net), 'overall.net', tone(o.net)),
          kpi('Win rate', pct(o.win_rate), 'overall.win_rate'),
          kpi('Profit factor', num(o.profit_factor), 'overall.profit_factor'),
          kpi('Expectancy', signedMoney(o.expectancy), 'overall.expectancy', tone(o.expectancy)),
          kpi('Sharpe / trade', num(o.sharpe, 3), 'overall.sharpe'),
          kpi('Sortino / trade', num(o.sortino, 3), 'overall.sortino'),
          kpi('Calmar', num(o.calmar), 'overall.calmar'),
          kpi('VaR 95 / trade', money(o.var95), 'overall.var95'),
          kpi('ES 95 / trade', money(o.es95), 'overall.es95'),
          kpi('Open trades', int(sum.open_trades), 'open_trades'))),
        card('Terminals', status.terminals.length ? table(['Terminal', 'Account', 'State', 'Last heard', 'Messages', 'Fills',
          'Balance', 'Equity', 'Positions', 'Governor mode'], status.terminals.map((t) => {
          const st = t.stale ? 'stale' : 'live';
          return [t.id, t.account, h('span', { class: `badge ${st}`, 'data-terminal-state': st }, st),
            `${duration(status.ts_ms - t.lastHeardMs)} ago`, int(t.messagesIn), int(t.fills), money(t.balance), money(t.equity),
            int(t.positions), t.governorMode ?? DASH];
        }), { 'data-terminals': 'true' }) : nodata('no terminal connected')),
      ));
    root.querySelectorAll('.grid > section').forEach((s, i) => { if (i >= 2) s.classList.add('wide'); });
  },
};
