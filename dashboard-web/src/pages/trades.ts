import { get } from '../api';
import { count, currentUnits, int, isNum, pct, rMultiple, signedMoney, tone, zoneName } from '../format';
import type { Page } from '../page';
import {
  csv, fillColumns, filterRows, filterTrades, isoDay, NO_FILTER, signalColumns, sortRows, totals, tradeColumns, tradeCsvColumns,
  type Column, type FillRow, type Filter, type SignalRow, type Sort, type TradeRow,
} from '../trades';
import { currencyNote, loadUnits } from '../units';
import { Controls } from '../controls';
import { choices, h, kpi, nodata } from '../ui';

// Trades, fills and signals as lists a trader can sort, filter and export (docs/web-panel.md "Trades"). Rendered once;
// each refresh replaces only the rows and totals, so a filter being typed keeps its focus.

type Tab = 'trades' | 'fills' | 'signals';
const LIMIT = 5000;

const state: { tab: Tab; filter: Filter; sort: Record<Tab, Sort> } = {
  tab: 'trades',
  filter: { ...NO_FILTER },
  sort: { trades: { key: 'open', desc: true }, fills: { key: 'time', desc: true }, signals: { key: 'created', desc: true } },
};

let data: { trades: TradeRow[]; fills: FillRow[]; signals: SignalRow[] } = { trades: [], fills: [], signals: [] };
let reset = '00:00';

async function load(): Promise<void> {
  const a = await loadUnits();
  reset = a.reset_time;
  if (state.tab === 'trades') data.trades = await get<TradeRow[]>(`/api/analytics/trades?limit=${LIMIT}`);
  else if (state.tab === 'fills') data.fills = await get<FillRow[]>(`/api/fills?limit=${LIMIT}`);
  else data.signals = await get<SignalRow[]>(`/api/signals?limit=${LIMIT}`);
}

interface View<T> { rows: T[]; all: T[]; columns: Column<T>[]; csvColumns: Column<T>[]; noun: string }

function view(): View<TradeRow> | View<FillRow> | View<SignalRow> {
  const z = currentUnits().zone, f = state.filter;
  if (state.tab === 'trades')
    return { all: data.trades, rows: filterTrades(data.trades, f, z, reset), columns: tradeColumns(), csvColumns: tradeCsvColumns(), noun: 'trade' };
  if (state.tab === 'fills')
    return { all: data.fills, rows: filterRows(data.fills, f, z, reset, { symbol: (x) => x.symbol, side: (x) => x.side, ms: (x) => x.time_msc }),
      columns: fillColumns(), csvColumns: fillColumns(), noun: 'fill' };
  return { all: data.signals, rows: filterRows(data.signals, f, z, reset, { symbol: (x) => x.symbol, alpha: (x) => x.alpha ?? '', side: (x) => x.side,
    ms: (x) => x.created_ms }), columns: signalColumns(), csvColumns: signalColumns(), noun: 'signal' };
}

function options(values: string[], chosen: string, all: string): HTMLOptionElement[] {
  const set = [...new Set(values)].sort();
  if (chosen && !set.includes(chosen)) set.push(chosen); // keep a choice that no longer has rows visible
  return [h('option', { value: '' }, all), ...set.map((v) => h('option', { value: v, selected: v === chosen }, v))];
}

function select(key: keyof Filter, label: string, values: string[], all: string): HTMLElement {
  const s = h('select', { 'data-filter': key, 'aria-label': label }) as HTMLSelectElement;
  s.append(...options(values, state.filter[key], all));
  s.value = state.filter[key];
  s.addEventListener('change', () => {
    (state.filter as unknown as Record<string, string>)[key] = s.value;
    draw();
  });
  return h('label', { class: 'field' }, h('span', {}, label), s);
}

function dayInput(key: 'from' | 'to', label: string): HTMLElement {
  const i = h('input', { type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD', size: 10, value: state.filter[key], 'data-filter': key,
    'aria-label': `${label} (firm day, YYYY-MM-DD)` }) as HTMLInputElement;
  i.addEventListener('input', () => {
    const d = isoDay(i.value);
    i.classList.toggle('invalid', i.value.trim() !== '' && d === null);
    if (d !== null || i.value.trim() === '') {
      state.filter[key] = d ?? '';
      draw();
    }
  });
  return h('label', { class: 'field' }, h('span', {}, label), i);
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The filters of the current tab: rebuilt on a tab switch (their options come from that tab's rows). */
function filters(): HTMLElement {
  const v = view();
  const all = v.all as Array<{ symbol: string; side: string; alpha?: string | null }>;
  const parts = [select('symbol', 'Symbol', all.map((r) => r.symbol), 'all symbols')];
  if (state.tab !== 'fills') parts.push(select('alpha', 'Alpha', all.map((r) => r.alpha || '(none)'), 'all alphas'));
  parts.push(select('side', 'Side', all.map((r) => r.side), 'both sides'));
  if (state.tab === 'trades') {
    const st = h('select', { 'data-filter': 'state', 'aria-label': 'State' }, h('option', { value: '' }, 'open and closed'),
      h('option', { value: 'open' }, 'open'), h('option', { value: 'closed' }, 'closed')) as HTMLSelectElement;
    st.value = state.filter.state;
    st.addEventListener('change', () => {
      state.filter.state = st.value as Filter['state'];
      draw();
    });
    parts.push(h('label', { class: 'field' }, h('span', {}, 'State'), st));
  }
  parts.push(dayInput('from', 'From'), dayInput('to', 'To'));
  const clear = h('button', { type: 'button', class: 'action', 'data-clear': 'true' }, 'Clear filters');
  clear.addEventListener('click', () => {
    state.filter = { ...NO_FILTER };
    rebuild();
  });
  const exp = h('button', { type: 'button', class: 'action', 'data-export': 'csv' }, 'Export CSV');
  exp.addEventListener('click', () => {
    const cur = view() as View<unknown>;
    const f = state.filter;
    const name = `vprop-${state.tab}${f.from ? `-from-${f.from}` : ''}${f.to ? `-to-${f.to}` : ''}.csv`;
    download(name, csv(cur.csvColumns, sortRows(cur.rows, cur.columns, state.sort[state.tab])));
  });
  return h('div', { class: 'filters', 'data-filters': state.tab }, ...parts, clear, exp);
}

function header<T>(c: Column<T>): HTMLElement {
  const s = state.sort[state.tab];
  const on = s.key === c.key;
  const th = h('th', { class: 'sortable', 'data-sort': c.key, 'aria-sort': on ? (s.desc ? 'descending' : 'ascending') : 'none', tabindex: 0 },
    c.label, on ? (s.desc ? ' ▼' : ' ▲') : '');
  const flip = () => {
    state.sort[state.tab] = { key: c.key, desc: on ? !s.desc : false };
    draw();
  };
  th.addEventListener('click', flip);
  th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); flip(); } });
  return th;
}

function list<T>(v: View<T>): HTMLElement {
  const rows = sortRows(v.rows, v.columns, state.sort[state.tab]);
  if (!v.all.length) {
    const why = state.tab === 'trades' ? 'no trade yet: round trips are built from the fills the terminals report'
      : state.tab === 'fills' ? 'no fill journaled yet' : 'no signal sent yet';
    return nodata(why);
  }
  const body = rows.map((r) => h('tr', {}, ...v.columns.map((c) => {
    const sv = c.signed?.(r);
    const cls = [c.signed ? tone(sv) : '', c.wrap ? 'note' : ''].filter(Boolean).join(' ') || undefined;
    return h('td', { class: cls, 'data-col': c.key, title: c.title?.(r) || undefined }, c.text(r));
  })));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'list', 'data-list': state.tab }, h('thead', {}, h('tr', {}, ...v.columns.map(header))),
    h('tbody', {}, ...body)));
}

function summary(v: View<unknown>): HTMLElement {
  const line = h('div', { class: 'muted', 'data-count': String(v.rows.length) },
    `${count(v.rows.length, v.noun)} of ${v.all.length} shown (newest ${LIMIT} read)`);
  if (state.tab !== 'trades') return line;
  const t = totals(v.rows as TradeRow[]);
  return h('div', {}, h('div', { class: 'kpis', style: 'margin-bottom:8px' },
    kpi('Closed trades', int(t.closed), 'list.closed'),
    kpi('Open trades', int(t.open), 'list.open'),
    kpi('Net of closed', signedMoney(t.net), 'list.net', tone(t.net)),
    kpi('Win rate', pct(t.winRate), 'list.win_rate'),
    kpi('Sum of R', t.rTrades ? rMultiple(t.sumR) : '—', 'list.sum_r', tone(t.sumR)),
    kpi('Mean R', t.rTrades && isNum(t.sumR) ? rMultiple(t.sumR / t.rTrades) : '—')), line);
}

let host: { root: HTMLElement; filters: HTMLElement; summary: HTMLElement; list: HTMLElement } | null = null;
let controls: Controls | null = null;

/** New symbols, alphas or sides since the filters were built: their lists grow, the choice stays. */
function refreshOptions(v: View<unknown>) {
  const all = v.all as Array<{ symbol: string; side: string; alpha?: string | null }>;
  const values: Record<string, string[]> = { symbol: all.map((r) => r.symbol), alpha: all.map((r) => r.alpha || '(none)'), side: all.map((r) => r.side) };
  const labels: Record<string, string> = { symbol: 'all symbols', alpha: 'all alphas', side: 'both sides' };
  for (const [key, vals] of Object.entries(values)) {
    const s = host?.filters.querySelector<HTMLSelectElement>(`select[data-filter="${key}"]`);
    if (!s) continue;
    const fresh = options(vals, state.filter[key as keyof Filter], labels[key]);
    const now = [...s.options].map((o) => o.value).join('|');
    if (fresh.map((o) => o.value).join('|') === now) continue;
    s.replaceChildren(...fresh);
    s.value = state.filter[key as keyof Filter];
  }
}

/** Replaces the rows and totals (and nothing the trader may be typing into). */
function draw() {
  if (!host) return;
  const v = view() as View<unknown>;
  refreshOptions(v);
  host.summary.replaceChildren(summary(v));
  host.list.replaceChildren(list(v));
}

/** Rebuilds the filters (a tab switch, Clear) and the rows. */
function rebuild() {
  if (!host) return;
  const f = filters();
  host.filters.replaceWith(f);
  host.filters = f;
  draw();
}

export const trades: Page = {
  id: 'trades',
  title: 'Trades',
  events: ['fill', 'signal', 'signal_refused', 'control', 'control_ack'],
  refreshMs: 5000,
  leave() {
    host = null;
    controls = null;
  },
  async render(root) {
    await load();
    const tabs = choices<Tab>('tab', [{ id: 'trades', label: 'Trades' }, { id: 'fills', label: 'Fills' }, { id: 'signals', label: 'Signals' }],
      state.tab, (t) => {
        state.tab = t;
        void load().then(rebuild).catch((e) => host?.list.replaceChildren(h('div', { class: 'error' }, (e as Error).message)));
      });
    const a = await loadUnits();
    const note = currencyNote(a);
    host = { root, filters: h('div', {}), summary: h('div', {}), list: h('div', {}) };
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Trades'),
      h('span', { class: 'sub' }, `times on the firm's clock (${zoneName()}); days are firm days (reset ${a.reset_time}); `
        + 'net = profit + commission + swap, open trades with their floating result; % of the balance before the trade; '
        + "R = net / the money the opening signal's stop put at risk")),
    note ? h('div', { class: 'warn', 'data-currency-note': 'true' }, note) : '',
    (controls = new Controls()).el,
    h('section', { class: 'card wide' }, tabs, host.filters, host.summary, host.list));
    rebuild();
    await controls.refresh();
  },
  async update() {
    await load();
    draw();
    await controls?.refresh();
  },
};

