import { get, readLink } from '../api';
import { count, DASH, int, lots, money, pct, rMultiple, signedMoney, time, tone, zoneName } from '../format';
import type { Page } from '../page';
import type { MetricSet } from '../types';
import { isoDay, type TradeRow } from '../trades';
import { card, h, kpi, nodata, table } from '../ui';

interface Sessions {
  day: string; zone: string; start_ms: number; end_ms: number; day_metrics: MetricSet; skips: Record<string, number>;
  sessions: Record<string, { trades: TradeRow[]; metrics: MetricSet; skips: Record<string, number> }>;
}

let chosenDay = '';

function skipsTable(s: Record<string, number>) {
  const e = Object.entries(s);
  return e.length ? table(['Skipped because', 'Count'], e.map(([k, v]) => [k, int(v)])) : h('div', { class: 'muted' }, 'no skipped signal');
}

function go(day: string) {
  chosenDay = day;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The day before or after an ISO day. */
function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Previous / next buttons and the firm day typed as YYYY-MM-DD (never the browser's locale date format). */
function dayPicker(day: string): HTMLElement {
  const input = h('input', { type: 'text', value: day, size: 10, inputmode: 'numeric', placeholder: 'YYYY-MM-DD', 'data-day-input': 'true',
    'aria-label': 'firm day (YYYY-MM-DD)' }) as HTMLInputElement;
  input.addEventListener('change', () => {
    const d = isoDay(input.value);
    input.classList.toggle('invalid', d === null);
    if (d) go(d);
  });
  const step = (label: string, days: number, key: string) => {
    const b = h('button', { type: 'button', class: 'action', 'data-day-step': key, title: `firm day ${shift(day, days)}` }, label);
    b.addEventListener('click', () => go(shift(day, days)));
    return b;
  };
  return h('span', { class: 'actions', style: 'margin:0' }, step('◀ previous day', -1, 'prev'), input, step('next day ▶', 1, 'next'));
}

export const sessions: Page = {
  id: 'sessions',
  title: 'Session report',
  events: ['fill', 'signal_refused'],
  refreshMs: 5000,
  async render(root) {
    const s = await get<Sessions>(`/api/analytics/sessions${chosenDay ? `?day=${chosenDay}` : ''}`);
    const digests = await get<{ day: string; json: string; csv: string }[]>('/api/analytics/digests');
    const m = s.day_metrics;
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Session report'), dayPicker(s.day),
      h('span', { class: 'sub', 'data-day': s.day }, `firm day ${s.day}: ${time(s.start_ms)} – ${time(s.end_ms)} ${zoneName()} · sessions by UTC hour of entry: Asia 22–07, London 07–13, New York 13–22 UTC`)),
      h('div', { class: 'grid' },
        card('Day (trades opened this day)', h('div', { class: 'kpis' }, kpi('Closed trades', int(m.trades), 'day.trades'), kpi('Net', signedMoney(m.net), 'day.net', tone(m.net)),
          kpi('Win rate', pct(m.win_rate), 'day.win_rate'), kpi('Expectancy', signedMoney(m.expectancy)),
          kpi('Max drawdown', money(m.max_drawdown))),
          h('div', { style: 'margin-top:10px' }, h('a', { href: readLink(`/api/analytics/digest.csv?day=${s.day}`), download: `${s.day}.csv` }, 'digest CSV'), ' · ',
            h('a', { href: readLink(`/api/analytics/digest?day=${s.day}`), target: '_blank' }, 'digest JSON'),
            digests.length ? ` · written at resets: ${digests.slice(0, 7).map((d) => d.day).join(', ')}` : ' · no digest written at a reset yet')),
        card('Skips by reason (day)', skipsTable(s.skips)),
        ...Object.entries(s.sessions).map(([name, x]) => card(`${name}: ${count(x.trades.length, 'trade')} opened · ${x.metrics.trades} closed · net ${signedMoney(x.metrics.net)}`,
          h('div', { class: 'kpis', style: 'margin-bottom:10px' }, kpi('Closed trades', int(x.metrics.trades), `session.${name}.trades`),
            kpi('Net', signedMoney(x.metrics.net), `session.${name}.net`, tone(x.metrics.net)), kpi('Win rate', pct(x.metrics.win_rate))),
          x.trades.length ? table([`Opened (${zoneName()})`, 'Symbol', 'Side', 'Volume', 'Alpha', 'Why', 'Exit', 'Net', 'R'], x.trades.map((t) =>
            [time(t.open_ms), t.symbol, t.side, lots(t.volume), t.alpha || DASH, h('div', { class: 'note' }, t.reason || DASH),
              t.closed ? t.exit_reason || 'closed' : 'open', h('span', { class: tone(t.total_net) }, signedMoney(t.total_net, t.currency) + (t.closed ? '' : ' (open)')),
              rMultiple(t.r_multiple)]))
            : nodata(`no trade opened in the ${name} session of ${s.day}`),
          h('div', { style: 'margin-top:8px' }, skipsTable(x.skips)))),
      ));
    root.querySelectorAll('.grid > section').forEach((sec, i) => { if (i >= 2) sec.classList.add('wide'); });
  },
};
