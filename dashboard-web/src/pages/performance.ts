import {
  AreaSeries, CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries, LineSeries, type IChartApi, type ISeriesApi,
  type ISeriesMarkersPluginApi, type SeriesMarker, type Time,
} from 'lightweight-charts';
import { get } from '../api';
import { candleOf, chartOptions, chartTime, bySecond } from '../charts';
import { count, DASH, int, isNum, lots, money, num, pct, price, signedMoney, signedPct, time, tone, zoneName } from '../format';
import type { Page } from '../page';
import type { MetricSet, N } from '../types';
import { currencyNote, loadUnits } from '../units';
import { choices, h, kpi, nodata, table } from '../ui';

// Performance on the firm's day clock (docs/web-panel.md "Performance"): profit per firm day, ISO week or month
// (table and bar chart), per pair and per alpha, the cumulative closed-trade profit with its drawdown, and candles of
// a symbol with the trades' entries and exits. Rendered once; refreshes replace data and tables in place, so the
// charts keep their zoom.

type Unit = 'day' | 'week' | 'month';
const TIMEFRAMES = ['M5', 'M15', 'H1', 'H4', 'D1'] as const;
type Tf = (typeof TIMEFRAMES)[number];

interface PeriodRow {
  period: string; first_day: string; start_ms: number; end_ms: number; trades: number; wins: number; losses: number; net: number;
  gross_profit: number; gross_loss: number; win_rate: N; balance_start: N; return_pct: N;
}
interface CurvePoint { t_ms: number; position: number; net: number; cum_net: number; balance: N; drawdown: number; drawdown_pct: N }
interface Performance {
  zone: string; reset_time: string; currency: string | null; period: Unit; start_balance: N; periods: PeriodRow[]; curve: CurvePoint[];
  overall: MetricSet; by_symbol: Record<string, MetricSet>; by_alpha: Record<string, MetricSet>;
}
interface Candle { t_ms: number; open: number; high: number; low: number; close: number; ticks: number; bars: number }
interface Marker { t_ms: number; kind: 'entry' | 'exit'; side: string; price: number; position: number; volume: number; net: N; exit_reason: string }
interface Candles {
  symbol: string; timeframe: Tf; symbols: string[]; source_timeframe: string | null; note: string; candles: Candle[]; markers: Marker[];
}

const state: { unit: Unit; symbol: string; tf: Tf } = { unit: 'day', symbol: '', tf: 'M15' };

interface Charts {
  periods: { chart: IChartApi; series: ISeriesApi<'Histogram'> };
  curve: { chart: IChartApi; cum: ISeriesApi<'Line'>; dd: ISeriesApi<'Area'> };
  candles: { chart: IChartApi; series: ISeriesApi<'Candlestick'>; markers: ISeriesMarkersPluginApi<Time>; key: string };
}
let charts: Charts | null = null;
let slots: Record<string, HTMLElement> = {};
let fitted = '';

function makeCharts(): Charts {
  const periods = createChart(slots.periodsChart, { ...chartOptions(), timeScale: { ...chartOptions().timeScale, timeVisible: false } });
  const curve = createChart(slots.curveChart, chartOptions());
  const candles = createChart(slots.candleChart, chartOptions());
  // cumulative net above, the drawdown under its running peak in a pane of its own below (0 at the top, falling)
  const cum = curve.addSeries(LineSeries, { color: '#38bdf8', lineWidth: 2, title: 'cumulative net' });
  const dd = curve.addSeries(AreaSeries, { lineColor: '#f87171', topColor: 'rgba(248,113,113,0.35)', bottomColor: 'rgba(248,113,113,0.35)',
    lineWidth: 1, title: 'drawdown', invertFilledArea: true }, 1);
  curve.panes()[0]?.setStretchFactor(2);
  const cs = candles.addSeries(CandlestickSeries, { upColor: '#34d399', downColor: '#f87171', borderVisible: false,
    wickUpColor: '#34d399', wickDownColor: '#f87171' });
  return {
    periods: { chart: periods, series: periods.addSeries(HistogramSeries, { title: 'net' }) },
    curve: { chart: curve, cum, dd },
    candles: { chart: candles, series: cs, markers: createSeriesMarkers(cs, []), key: '' },
  };
}

function metricTable(key: string, m: Record<string, MetricSet>, label: string): HTMLElement {
  const rows = Object.entries(m).sort((a, b) => b[1].net - a[1].net);
  if (!rows.length) return nodata('no closed trade yet');
  return table([label, 'Trades', 'Win rate', 'Net', 'Expectancy / trade', 'Profit factor', 'Max drawdown'], rows.map(([k, s]) => [
    h('span', { 'data-key': k }, k), h('span', { [`data-${key}-trades`]: k }, int(s.trades)), pct(s.win_rate),
    h('span', { class: tone(s.net), [`data-${key}-net`]: k }, signedMoney(s.net)), h('span', { class: tone(s.expectancy) }, signedMoney(s.expectancy)),
    num(s.profit_factor), money(s.max_drawdown)]), { [`data-${key}`]: 'true' });
}

function periodTable(p: Performance): HTMLElement {
  if (!p.periods.length) return nodata('no closed trade yet');
  const label = { day: 'Firm day', week: 'ISO week', month: 'Month' }[p.period];
  return table([label, `Starts (${p.zone})`, 'Trades', 'Won / lost', 'Win rate', 'Net', 'Return', 'Balance at start'],
    p.periods.slice().reverse().map((r) => [h('b', {}, r.period), time(r.start_ms).slice(0, 16), int(r.trades), `${r.wins} / ${r.losses}`,
      pct(r.win_rate), h('span', { class: tone(r.net), 'data-period-net': r.period }, signedMoney(r.net)), h('span', { class: tone(r.return_pct) }, signedPct(r.return_pct)),
      money(r.balance_start)]), { 'data-periods': p.period });
}

function kpis(p: Performance): HTMLElement {
  const o = p.overall;
  const best = p.periods.reduce<PeriodRow | null>((b, r) => (r.trades && (!b || r.net > b.net) ? r : b), null);
  const worst = p.periods.reduce<PeriodRow | null>((b, r) => (r.trades && (!b || r.net < b.net) ? r : b), null);
  const traded = p.periods.filter((r) => r.trades > 0);
  const unit = { day: 'day', week: 'week', month: 'month' }[p.period];
  return h('div', { class: 'kpis' },
    kpi('Net (closed trades)', signedMoney(o.net), 'perf.net', tone(o.net)),
    kpi('Trades', int(o.trades), 'perf.trades'),
    kpi('Win rate', pct(o.win_rate)),
    kpi('Profit factor', num(o.profit_factor)),
    kpi('Max drawdown', `${money(o.max_drawdown)}${isNum(o.max_drawdown_pct) ? ` (${pct(o.max_drawdown_pct, 2)})` : ''}`, 'perf.max_dd'),
    kpi(`Best ${unit}${best ? ` (${best.period})` : ''}`, best ? signedMoney(best.net) : DASH, 'perf.best', tone(best?.net)),
    kpi(`Worst ${unit}${worst ? ` (${worst.period})` : ''}`, worst ? signedMoney(worst.net) : DASH, 'perf.worst', tone(worst?.net)),
    kpi(`Profitable ${unit}s`, traded.length ? `${traded.filter((r) => r.net > 0).length} of ${count(traded.length, unit)}` : DASH));
}

function fillPerformance(p: Performance) {
  if (!charts) return;
  slots.kpis.replaceChildren(kpis(p));
  slots.periodsTable.replaceChildren(periodTable(p));
  slots.bySymbol.replaceChildren(metricTable('pair', p.by_symbol, 'Pair'));
  slots.byAlpha.replaceChildren(metricTable('alpha', p.by_alpha, 'Alpha'));
  // bars per period on its first firm day (the library's business days: no time of day, no zone)
  charts.periods.series.setData(p.periods.map((r) => ({ time: r.first_day as Time, value: r.net,
    color: r.net >= 0 ? 'rgba(52,211,153,0.8)' : 'rgba(248,113,113,0.8)' })));
  const last = p.curve[p.curve.length - 1];
  slots.curveCaption.textContent = p.curve.length
    ? `after ${count(p.curve.length, 'closed trade')}: ${signedMoney(last.cum_net)}; drawdown now ${money(last.drawdown)}`
      + `${isNum(last.drawdown_pct) ? ` (${signedPct(-last.drawdown_pct)})` : ''} below the running peak`
    : 'no closed trade yet';
  charts.curve.cum.setData(bySecond(p.curve.map((c) => ({ t_ms: c.t_ms, v: c.cum_net })), p.zone));
  charts.curve.dd.setData(bySecond(p.curve.map((c) => ({ t_ms: c.t_ms, v: -c.drawdown })), p.zone));
  // fit when something new closed or the period changed; otherwise the trader's zoom stays
  const key = `${p.period}|${p.curve.length}`;
  if (fitted !== key) {
    const mine = charts;
    // once attached and sized; not if the trader has left the page since (its charts are gone)
    window.setTimeout(() => { if (charts === mine) [mine.periods.chart, mine.curve.chart].forEach((c) => c.timeScale().fitContent()); }, 60);
    fitted = key;
  }
}

function fillCandles(c: Candles) {
  if (!charts) return;
  state.symbol = c.symbol;
  const sel = slots.symbolPick.querySelector('select') as HTMLSelectElement;
  const want = c.symbols.join('|');
  if ([...sel.options].map((o) => o.value).join('|') !== want) sel.replaceChildren(...c.symbols.map((s) => h('option', { value: s }, s)));
  sel.value = c.symbol;
  const ch = charts.candles;
  const opens = c.candles.map((x) => x.t_ms);
  ch.series.setData(c.candles.map((x) => ({ time: chartTime(x.t_ms), open: x.open, high: x.high, low: x.low, close: x.close })));
  const markers: SeriesMarker<Time>[] = [];
  for (const m of c.markers) {
    const at = candleOf(opens, m.t_ms);
    if (at === null) continue;
    const buy = m.side === 'buy';
    markers.push(m.kind === 'entry'
      ? { time: chartTime(at), position: 'atPriceMiddle', price: m.price, shape: buy ? 'arrowUp' : 'arrowDown', color: buy ? '#38bdf8' : '#f59e0b',
        text: `${buy ? 'buy' : 'sell'} ${lots(m.volume)}` }
      : { time: chartTime(at), position: 'atPriceMiddle', price: m.price, shape: 'circle', color: (m.net ?? 0) >= 0 ? '#34d399' : '#f87171',
        text: signedMoney(m.net) });
  }
  markers.sort((a, b) => (a.time as number) - (b.time as number));
  ch.markers.setMarkers(markers);
  const key = `${c.symbol}|${c.timeframe}`;
  if (ch.key !== key) {
    const mine = charts;
    window.setTimeout(() => { if (charts === mine) ch.chart.timeScale().fitContent(); }, 60); // once attached, unless left since
    ch.key = key;
  }
  slots.candleChart.setAttribute('data-candles', String(c.candles.length));
  slots.candleChart.setAttribute('data-markers', String(markers.length));
  const lastC = c.candles[c.candles.length - 1];
  slots.candleNote.replaceChildren(c.candles.length
    ? h('span', { class: 'muted' }, `${count(c.candles.length, 'candle')} ${c.symbol} ${c.timeframe}, bid prices, times on the firm's clock (${zoneName()}); `
      + `last close ${price(lastC.close)} at ${time(lastC.t_ms)}; ${count(c.markers.filter((m) => m.kind === 'entry').length, 'entry', 'entries')} `
      + `and ${count(c.markers.filter((m) => m.kind === 'exit').length, 'exit')} marked (arrow: entry at its price, circle: exit)`
      + `${c.note ? `; ${c.note}` : ''}`)
    : nodata(c.note || 'no candles'));
}

async function loadPerformance() {
  fillPerformance(await get<Performance>(`/api/analytics/performance?period=${state.unit}`));
}

async function loadCandles() {
  const q = new URLSearchParams({ timeframe: state.tf, limit: '400' });
  if (state.symbol) q.set('symbol', state.symbol);
  fillCandles(await get<Candles>(`/api/analytics/candles?${q}`));
}

/** Removes the page's charts (only {@code which}, when given and still the page's). */
function removeCharts(which: Charts | null = charts) {
  if (!charts || which !== charts) return;
  for (const c of [charts.periods.chart, charts.curve.chart, charts.candles.chart]) c.remove();
  charts = null;
}

const fail = (e: unknown) => slots.kpis?.prepend(h('div', { class: 'error' }, (e as Error).message));

export const performance: Page = {
  id: 'performance',
  title: 'Performance',
  events: ['fill', 'analytics'],
  refreshMs: 10_000,
  leave() {
    removeCharts();
  },
  async render(root) {
    const a = await loadUnits();
    const note = currencyNote(a);
    const div = (cls: string, attrs: Record<string, string> = {}) => h('div', { class: cls, ...attrs });
    slots = {
      kpis: div(''), periodsChart: div('chart', { id: 'periods-chart' }), periodsTable: div(''), bySymbol: div(''), byAlpha: div(''),
      curveChart: div('chart', { id: 'curve-chart' }), curveCaption: div('muted'), candleChart: div('chart tall', { id: 'candle-chart' }),
      candleNote: div(''), symbolPick: div(''),
    };
    const sym = h('select', { 'data-symbol': 'true', 'aria-label': 'Symbol' }) as HTMLSelectElement;
    sym.addEventListener('change', () => {
      state.symbol = sym.value;
      void loadCandles().catch(fail);
    });
    slots.symbolPick.append(h('label', { class: 'field' }, h('span', {}, 'Symbol'), sym));
    const units = choices<Unit>('period', [{ id: 'day', label: 'Daily' }, { id: 'week', label: 'Weekly' }, { id: 'month', label: 'Monthly' }],
      state.unit, (u) => {
        state.unit = u;
        void loadPerformance().catch(fail);
      });
    const tfs = choices<Tf>('timeframe', TIMEFRAMES.map((t) => ({ id: t, label: t })), state.tf, (t) => {
      state.tf = t;
      void loadCandles().catch(fail);
    });
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Performance'),
      h('span', { class: 'sub' }, `closed trades on the firm's day clock: days reset at ${a.reset_time} ${a.zone}, weeks are ISO weeks (Monday's firm day on), `
        + 'a trade counts in the period its last deal closed in')),
    note ? h('div', { class: 'warn', 'data-currency-note': 'true' }, note) : '',
    h('div', { class: 'grid' },
      h('section', { class: 'card wide' }, h('h2', {}, 'Profit by period'), units, slots.kpis),
      h('section', { class: 'card wide' }, h('h2', {}, 'Net per period'), slots.periodsChart),
      h('section', { class: 'card wide' }, h('h2', {}, 'Periods'), slots.periodsTable),
      h('section', { class: 'card wide' }, h('h2', {}, 'By pair'), slots.bySymbol),
      h('section', { class: 'card wide' }, h('h2', {}, 'By alpha'), slots.byAlpha),
      h('section', { class: 'card wide' }, h('h2', {}, 'Cumulative profit and drawdown'),
        h('div', { class: 'legend' }, h('span', {}, h('i', { style: 'background:#38bdf8' }), 'cumulative net of closed trades (top)'),
          h('span', {}, h('i', { style: 'background:#f87171' }), 'drawdown from its running peak (bottom)'), h('span', {}, `money in ${a.currency ?? '¤'}, times ${a.zone}`)),
        slots.curveChart, slots.curveCaption),
      h('section', { class: 'card wide' }, h('h2', {}, 'Candles and trades'), h('div', { class: 'actions' }, slots.symbolPick, tfs),
        slots.candleChart, slots.candleNote)));
    removeCharts();
    charts = makeCharts();
    fitted = '';
    const mine = charts;
    await Promise.all([loadPerformance(), loadCandles()]);
    // a render that finishes after the trader left (or is superseded) takes its charts with it
    return () => removeCharts(mine);
  },
  async update() {
    await Promise.all([loadPerformance(), loadCandles()]);
  },
};

