import { get, getOptional } from '../api';
import { DASH, int, isNum, lots, money, num, pctValue, price, signedMoney, tone } from '../format';
import { fromGovernorsApi } from '../governors';
import { labCurveOption, riskPerTradeOf, sourceText, verdictOf, type RiskPerTrade } from '../riskpertrade';
import type { Page } from '../page';
import type { N } from '../types';
import { card, h, kpi, meter, nodata, table } from '../ui';

interface Risk {
  positions: { peer: string; ticket: number; symbol: string; side: string; volume: number; price_open: number; sl: number;
    tp: number; profit: number; risk_at_stop: N; risk_note: string }[];
  total_risk_at_stop: N; unbounded: boolean; incomplete: boolean; trades_in_sample: number;
  var95_per_trade: N; es95_per_trade: N;
  correlation: { symbols: string[]; values: N[][]; samples: number };
}

export function corrStyle(v: N): string {
  if (!isNum(v)) return 'background:#18202b';
  const a = Math.min(0.8, Math.abs(v) * 0.8);
  return v >= 0 ? `background:rgba(56,189,248,${a.toFixed(2)})` : `background:rgba(248,113,113,${a.toFixed(2)})`;
}

// The page is rebuilt every 2 s; the lab's curve changes only with the sidecar's configuration, so its chart element
// is kept and moved into the new page (a canvas keeps its drawing) instead of being drawn again each time.
let curve: { key: string; el: HTMLElement } | null = null;

function curveChart(r: RiskPerTrade): HTMLElement | null {
  const option = labCurveOption(r);
  if (!option) return null;
  const key = JSON.stringify(r.lab);
  if (curve?.key === key) {
    // after it is back in the page: the window may have another width than when it was drawn
    const el = curve.el;
    void import('../riskchart').then((m) => requestAnimationFrame(() => { if (el.isConnected) m.resizeChart(); }));
    return el;
  }
  const el = h('div', { class: 'chart', 'data-risk-curve': 'true' });
  curve = { key, el };
  void import('../riskchart').then((m) => m.drawChart(el, option));
  return el;
}

/** Risk per trade: the number, its source, the lab's verdict when negative, and the lab's curve (drawn lazily). */
function riskPerTradeCard(r: RiskPerTrade | null): HTMLElement {
  if (!r) return card('Risk per trade', nodata('the sidecar does not report its risk per trade (an older version)'));
  const verdict = verdictOf(r);
  const f = r.lab_file;
  const chart = curveChart(r);
  return card('Risk per trade',
    h('div', { class: 'kpis' },
      kpi('Risk per trade', pctValue(r.pct, 2), 'risk_per_trade'),
      kpi('Source', r.source === 'lab' ? 'challenge lab' : r.source === 'config' ? 'configuration' : 'built in', 'risk_per_trade_source')),
    h('p', { 'data-risk-source': r.source }, sourceText(r)),
    verdict ? h('div', { class: 'verdict', 'data-risk-verdict': 'true' }, verdict) : '',
    f ? h('p', { class: 'muted note wrap-anywhere' }, `lab file ${f.version}: \`${f.command_line}\` (input ${f.input}, sha256 ${f.input_sha256.slice(0, 12)}…)`) : '',
    chart ?? (r.lab ? '' : nodata(`no challenge-lab curve for ${r.firm}`)),
    h('p', { class: 'muted' }, 'Precedence: risk.per.trade.pct in the configuration, else the challenge lab\'s choice for the firm '
      + '(highest P(pass) with P(breach) within the bound), else 0.25 % built in. It sizes the demo strategy and caps the signal '
      + 'engine\'s Kelly size (docs/configuration.md).'));
}

export const risk: Page = {
  id: 'risk',
  title: 'Risk',
  events: ['account', 'fill'],
  refreshMs: 2000,
  async render(root) {
    const [r, gov] = await Promise.all([get<Risk>('/api/analytics/risk'), getOptional<unknown>('governors')]);
    const g = fromGovernorsApi(gov)[0]?.snapshot as Record<string, number> | undefined;
    const headroom = g && isNum(g.sizingHeadroom) ? g.sizingHeadroom + (isNum(g.openRisk) ? g.openRisk : 0) : null;
    // the governors value the stops with the symbols' specifications (what Compliance shows as open risk); the
    // estimate below values them from closed trades and is all there is without the governors
    const govRisk = g && isNum(g.openRisk) ? g.openRisk : null;
    const total = r.total_risk_at_stop;
    const shown = govRisk ?? total;
    const c = r.correlation;
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Risk'), h('span', { class: 'sub' }, 'open positions, risk at stop, correlation')),
      h('div', { class: 'grid' },
        card('Totals', h('div', { class: 'kpis' },
          kpi('Open positions', int(r.positions.length), 'positions'),
          kpi('Risk at stop (governors)', govRisk !== null ? money(govRisk) : DASH, 'governors_open_risk'),
          kpi('Risk at stop (estimate)', r.unbounded ? 'unbounded' : money(total), 'total_risk_at_stop'),
          kpi('Headroom', money(headroom), 'headroom'),
          kpi('VaR 95 / trade', money(r.var95_per_trade), 'var95'),
          kpi('ES 95 / trade', money(r.es95_per_trade), 'es95'),
          kpi('Trades in sample', int(r.trades_in_sample))),
          headroom !== null && shown !== null
            ? meter(shown / headroom, shown > headroom ? 'breach' : shown > 0.7 * headroom ? 'warning' : 'ok',
              `risk at stop ${money(shown)} of ${money(headroom)} headroom (${govRisk !== null ? 'governors, from the symbol specifications' : 'estimate'})`)
            : nodata(headroom === null ? 'headroom: no data yet — governors not connected'
              : r.unbounded ? 'a position has no stop: risk is unbounded'
                : 'risk at stop incomplete: a symbol has no closed trade yet to value its price moves'),
          h('p', { class: 'muted' }, 'Governors: every stop valued with the symbol specification the terminal sent (the figure Compliance '
            + 'shows as open risk). Estimate: per position, the value of a price move measured from the newest closed trade of the '
            + 'same symbol — none until one has closed.')),
        card('Open positions', r.positions.length ? table(['Terminal', 'Ticket', 'Symbol', 'Side', 'Volume', 'Open', 'Stop', 'Target',
          'Floating P&L', 'Risk at stop (estimate)'], r.positions.map((p) => [p.peer, String(p.ticket), p.symbol, p.side, lots(p.volume), price(p.price_open),
          p.sl > 0 ? price(p.sl) : 'none', p.tp > 0 ? price(p.tp) : 'none', h('span', { class: tone(p.profit) }, signedMoney(p.profit)),
          p.risk_at_stop !== null ? money(p.risk_at_stop) : h('div', { class: 'muted note' }, `${DASH} ${p.risk_note}`)]),
          { 'data-positions': 'true' }) : nodata('no open position')),
        card(`Correlation of 1-second mid-price log returns (${c.samples} samples)`, c.symbols.length && c.samples > 3
          ? table(['', ...c.symbols], c.symbols.map((s, i) => [h('b', {}, s), ...c.values[i].map((v) =>
            h('div', { style: `${corrStyle(v)};text-align:center;padding:3px 6px;border-radius:3px` }, num(v)))]))
          : nodata('not enough quote samples yet (one per second)')),
        riskPerTradeCard(riskPerTradeOf(gov)),
      ));
    root.querySelectorAll('.grid > section').forEach((sec) => sec.classList.add('wide'));
  },
};
