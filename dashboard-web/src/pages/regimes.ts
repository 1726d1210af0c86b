import { get } from '../api';
import { int, pct, signedMoney, time, tone, zoneName } from '../format';
import type { Page } from '../page';
import type { MetricSet } from '../types';
import { type Edges, edgesByRegimeCard } from '../edges';
import { card, h, nodata, table } from '../ui';

interface Regimes {
  available: boolean; note: string;
  current: Record<string, { regime: string; seen_ms: number; source: string }>;
  history: { t_ms: number; symbol: string; regime: string; from: string }[];
  by_regime: Record<string, MetricSet>;
}

/** What /api/strategy says of each terminal's strategy; the signal engine adds its warm-up and live regimes. */
type StrategyState = {
  engine?: string; warmup_bars?: number;
  warmup?: Record<string, { warm: boolean; bars: Record<string, number> }>;
  regimes?: Record<string, string>;
};

/** One row per symbol and terminal: [symbol (terminal), state, warm-up per timeframe, regime now]. */
export function engineRows(states: Record<string, StrategyState>): { symbol: string; state: string; warmup: string; regime: string }[] {
  const rows: { symbol: string; state: string; warmup: string; regime: string }[] = [];
  for (const [peer, st] of Object.entries(states)) {
    if (!st.warmup) {
      rows.push({ symbol: peer, state: st.engine ?? 'not the signal engine (strategy: demo or none)', warmup: '—', regime: '—' });
      continue;
    }
    const need = st.warmup_bars ?? 0;
    for (const [sym, w] of Object.entries(st.warmup)) {
      const warmup = Object.entries(w.bars).map(([tf, n]) => `${tf} ${Math.min(n, need)}/${need} bars`).join(' · ');
      rows.push({ symbol: `${sym} (${peer})`, state: w.warm ? 'deciding' : 'warming up', warmup, regime: st.regimes?.[sym] ?? '—' });
    }
  }
  return rows;
}

/** The regime now per symbol: the live engine's, else the newest journaled one (a signal or decision carried it). */
export function currentRegimes(journaled: Record<string, { regime: string }>, states: Record<string, StrategyState>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const st of Object.values(states)) for (const [sym, reg] of Object.entries(st.regimes ?? {})) out[sym] = reg;
  for (const [sym, c] of Object.entries(journaled)) out[sym] ??= c.regime;
  return out;
}

/** The engine's state now: warm-up per symbol and timeframe and the live regime, before any decision is journaled. */
function engineNow(states: Record<string, StrategyState>): HTMLElement {
  const rows = engineRows(states);
  if (rows.length === 0) return nodata('no terminal connected yet');
  return table(['Symbol (terminal)', 'State', 'Warm-up (bars per timeframe)', 'Regime now'], rows.map((r) => [r.symbol,
    r.state === 'deciding' ? h('span', { class: 'badge ok' }, r.state) : r.state === 'warming up' ? h('span', { class: 'badge warn' }, r.state)
      : h('span', { class: 'muted' }, r.state), r.warmup, r.regime]), { 'data-engine-now': '' });
}

export const regimes: Page = {
  id: 'regimes',
  title: 'Regimes',
  events: ['signal', 'fill'],
  refreshMs: 5000,
  async render(root) {
    const [r, states, e] = await Promise.all([get<Regimes>('/api/analytics/regimes'), get<Record<string, StrategyState>>('/api/strategy'),
      get<Edges>('/api/edges')]);
    const edges = edgesByRegimeCard(e, currentRegimes(r.available ? r.current : {}, states));
    edges.classList.add('wide');
    const head = h('header', { class: 'page' }, h('h1', {}, 'Regimes'), h('span', { class: 'sub' }, 'from the regime each signal and engine decision carries'));
    const now = card('Engine now', engineNow(states));
    now.classList.add('wide'); // a row per symbol and terminal: the whole width, as the alpha heatmap
    if (!r.available) {
      root.append(head, h('div', { class: 'grid' }, now, card('Current regime per symbol', nodata(`no data yet — ${r.note}`)), edges));
      return;
    }
    root.append(head, h('div', { class: 'grid' }, now,
      card('Current regime per symbol', table(['Symbol', 'Regime', `Last seen (${zoneName()})`, 'From'], Object.entries(r.current).map(([s, c]) =>
        [s, h('span', { class: 'badge ok', 'data-regime': s }, c.regime), time(c.seen_ms), h('span', { class: 'muted' }, c.source)]))),
      edges,
      card('Performance by regime', table(['Regime', 'Trades', 'Win rate', 'Expectancy / trade', 'Net'], Object.entries(r.by_regime).map(([k, m]) =>
        [k, int(m.trades), pct(m.win_rate), signedMoney(m.expectancy), h('span', { class: tone(m.net) }, signedMoney(m.net))]))),
      card('History (changes)', table([`Time (${zoneName()})`, 'Symbol', 'From', 'To'], r.history.slice().reverse().slice(0, 200).map((e) =>
        [time(e.t_ms), e.symbol, e.from || '—', e.regime]))),
    ));
  },
};
