import { get } from '../api';
import { int, pct, signedMoney, time, tone, zoneName } from '../format';
import type { Page } from '../page';
import type { MetricSet } from '../types';
import { card, h, nodata, table } from '../ui';

interface Regimes {
  available: boolean; note: string;
  current: Record<string, { regime: string; seen_ms: number; source: string }>;
  history: { t_ms: number; symbol: string; regime: string; from: string }[];
  by_regime: Record<string, MetricSet>;
}

export const regimes: Page = {
  id: 'regimes',
  title: 'Regimes',
  events: ['signal', 'fill'],
  refreshMs: 5000,
  async render(root) {
    const r = await get<Regimes>('/api/analytics/regimes');
    const head = h('header', { class: 'page' }, h('h1', {}, 'Regimes'), h('span', { class: 'sub' }, 'from the regime each signal and engine decision carries'));
    if (!r.available) {
      root.append(head, h('div', { class: 'grid' }, card('Current regime per symbol', nodata(`no data yet — ${r.note}`))));
      return;
    }
    root.append(head, h('div', { class: 'grid' },
      card('Current regime per symbol', table(['Symbol', 'Regime', `Last seen (${zoneName()})`, 'From'], Object.entries(r.current).map(([s, c]) =>
        [s, h('span', { class: 'badge ok', 'data-regime': s }, c.regime), time(c.seen_ms), h('span', { class: 'muted' }, c.source)]))),
      card('Performance by regime', table(['Regime', 'Trades', 'Win rate', 'Expectancy / trade', 'Net'], Object.entries(r.by_regime).map(([k, m]) =>
        [k, int(m.trades), pct(m.win_rate), signedMoney(m.expectancy), h('span', { class: tone(m.net) }, signedMoney(m.net))]))),
      card('History (changes)', table([`Time (${zoneName()})`, 'Symbol', 'From', 'To'], r.history.slice().reverse().slice(0, 200).map((e) =>
        [time(e.t_ms), e.symbol, e.from || '—', e.regime]))),
    ));
  },
};
