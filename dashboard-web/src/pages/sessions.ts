import { get, readLink } from '../api';
import { int, money, pct, signedMoney, time, tone } from '../format';
import type { Page } from '../page';
import type { MetricSet, Trade } from '../types';
import { card, h, kpi, nodata, table } from '../ui';

interface Sessions {
  day: string; zone: string; start_ms: number; end_ms: number; day_metrics: MetricSet; skips: Record<string, number>;
  sessions: Record<string, { trades: Trade[]; metrics: MetricSet; skips: Record<string, number> }>;
}

let chosenDay = '';

function skipsTable(s: Record<string, number>) {
  const e = Object.entries(s);
  return e.length ? table(['Skipped because', 'Count'], e.map(([k, v]) => [k, int(v)])) : h('div', { class: 'muted' }, 'no skipped signal');
}

export const sessions: Page = {
  id: 'sessions',
  title: 'Session report',
  events: ['fill', 'signal_refused'],
  refreshMs: 5000,
  async render(root) {
    const s = await get<Sessions>(`/api/analytics/sessions${chosenDay ? `?day=${chosenDay}` : ''}`);
    const digests = await get<{ day: string; json: string; csv: string }[]>('/api/analytics/digests');
    const picker = h('input', { type: 'date', value: s.day }) as HTMLInputElement;
    picker.addEventListener('change', () => {
      chosenDay = picker.value;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const m = s.day_metrics;
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Session report'), picker,
      h('span', { class: 'sub' }, `firm day ${s.day} (${s.zone}): ${time(s.start_ms)} – ${time(s.end_ms)} UTC · sessions by UTC hour of entry: Asia 22–07, London 07–13, New York 13–22`)),
      h('div', { class: 'grid' },
        card('Day (trades opened this day)', h('div', { class: 'kpis' }, kpi('Closed trades', int(m.trades), 'day.trades'), kpi('Net', signedMoney(m.net), 'day.net', tone(m.net)),
          kpi('Win rate', pct(m.win_rate), 'day.win_rate'), kpi('Expectancy', signedMoney(m.expectancy)),
          kpi('Max drawdown', money(m.max_drawdown))),
          h('div', { style: 'margin-top:10px' }, h('a', { href: readLink(`/api/analytics/digest.csv?day=${s.day}`), download: `${s.day}.csv` }, 'digest CSV'), ' · ',
            h('a', { href: readLink(`/api/analytics/digest?day=${s.day}`), target: '_blank' }, 'digest JSON'),
            digests.length ? ` · written at resets: ${digests.slice(0, 7).map((d) => d.day).join(', ')}` : ' · no digest written at a reset yet')),
        card('Skips by reason (day)', skipsTable(s.skips)),
        ...Object.entries(s.sessions).map(([name, x]) => card(`${name}: ${x.trades.length} opened · ${x.metrics.trades} closed · net ${signedMoney(x.metrics.net)}`,
          h('div', { class: 'kpis', style: 'margin-bottom:10px' }, kpi('Closed trades', int(x.metrics.trades), `session.${name}.trades`),
            kpi('Net', signedMoney(x.metrics.net), `session.${name}.net`, tone(x.metrics.net)), kpi('Win rate', pct(x.metrics.win_rate))),
          x.trades.length ? table(['Opened (UTC)', 'Symbol', 'Side', 'Lots', 'Alpha', 'Why', 'Exit', 'Net'], x.trades.map((t) =>
            [time(t.open_ms), t.symbol, t.side, String(t.volume), t.alpha || '—', h('span', { class: 'wrap' }, t.reason || '—'),
              t.closed ? t.exit_reason || 'closed' : 'open', h('span', { class: tone(t.net) }, signedMoney(t.net))]))
            : nodata(`no trade opened in the ${name} session of ${s.day}`),
          h('div', { style: 'margin-top:8px' }, skipsTable(x.skips)))),
      ));
    root.querySelectorAll('.grid > section').forEach((sec, i) => { if (i >= 2) sec.classList.add('wide'); });
  },
};
