import { get } from '../api';
import { count, int, isNum, num, pct, signedMoney, tone } from '../format';
import type { Page } from '../page';
import type { N, Summary } from '../types';
import { type Edges, edgesCard } from '../edges';
import { card, h, nodata, table } from '../ui';

interface Cell { trades: number; win_rate: N; expectancy: N }
interface Alphas {
  by_alpha_regime: Record<string, Record<string, Cell>>;
  by_alpha_symbol: Record<string, Record<string, Cell>>;
  posteriors: Record<string, unknown> | null; weights: Record<string, unknown> | null; note: string;
}

/** Background for a heat cell: green for positive expectancy, red for negative, stronger with the win rate's distance from 50 %. */
export function heat(c: Cell): string {
  if (!isNum(c.expectancy) || !isNum(c.win_rate)) return 'background:#18202b';
  const a = Math.min(0.65, 0.15 + Math.abs(c.win_rate - 0.5) * 1.2);
  return c.expectancy >= 0 ? `background:rgba(34,197,94,${a.toFixed(2)})` : `background:rgba(239,68,68,${a.toFixed(2)})`;
}

function heatmap(title: string, m: Record<string, Record<string, Cell>>, key: string): HTMLElement {
  const alphas = Object.keys(m);
  if (!alphas.length) return card(title, nodata('no closed trade yet'));
  const cols = [...new Set(alphas.flatMap((a) => Object.keys(m[a])))].sort();
  const rows = alphas.map((a) => [h('b', {}, a), ...cols.map((c) => {
    const cell = m[a][c];
    if (!cell) return h('span', { class: 'muted' }, '·');
    // two short lines, so a row of many symbols still fits a wide screen
    return h('div', { class: 'cell', style: `${heat(cell)};padding:3px 6px;border-radius:3px`, 'data-cell': `${key}|${a}|${c}`,
      'data-trades': cell.trades }, h('div', {}, `${pct(cell.win_rate, 0)} · ${count(cell.trades, 'trade')}`), h('div', {}, signedMoney(cell.expectancy)));
  })]);
  return card(title, h('div', { class: 'muted', style: 'margin-bottom:8px' }, 'win rate · trades, then expectancy per trade'),
    table(['alpha \\ ' + key, ...cols], rows, { class: 'heat' }));
}

export const alphas: Page = {
  id: 'alphas',
  title: 'Alpha heatmap',
  events: ['fill', 'analytics'],
  refreshMs: 5000,
  async render(root) {
    const [a, s, e] = await Promise.all([get<Alphas>('/api/analytics/alphas'), get<Summary>('/api/analytics/summary'), get<Edges>('/api/edges')]);
    const perAlpha = Object.entries(s.by_alpha);
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Alpha heatmap'), h('span', { class: 'sub' }, 'closed trades by alpha')),
      h('div', { class: 'grid' },
        heatmap('Alpha × regime', a.by_alpha_regime, 'regime'),
        heatmap('Alpha × symbol', a.by_alpha_symbol, 'symbol'),
        card('Alphas', perAlpha.length ? table(['Alpha', 'Trades', 'Win rate', 'Expectancy / trade', 'Profit factor', 'Net', 'Sharpe / trade'],
          perAlpha.map(([k, m]) => [k, h('span', { 'data-alpha-trades': k }, int(m.trades)), pct(m.win_rate),
            h('span', { class: tone(m.expectancy) }, signedMoney(m.expectancy)), num(m.profit_factor),
            h('span', { class: tone(m.net) }, signedMoney(m.net)), num(m.sharpe, 3)])) : nodata('no closed trade yet')),
        card('Thompson posterior means and current weights',
          a.posteriors && a.weights ? table(['Alpha', 'Posterior mean', 'Weight'], Object.keys(a.weights).map((k) =>
            [k, String(a.posteriors?.[k] ?? '—'), String(a.weights?.[k] ?? '—')]))
            : nodata(`no data yet — ${a.note}`)),
        // the prior the bandit starts from, beside the posteriors it has learnt live
        edgesCard(e),
      ));
    root.querySelectorAll('.grid > section').forEach((sec) => sec.classList.add('wide'));
  },
};
