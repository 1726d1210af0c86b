import { get, getOptional } from '../api';
import { count, currentUnits, DASH, duration, isNum, money, pctValue, ruleNumber, time, zoneName } from '../format';
import {
  firmDayOf, fromGovernorsApi, fromTerminalStates, governorEvents, nextResetLabel, profileOf, resetLabel, ruleUnits, worst, type AccountView,
  type FirmDay, type RuleView,
} from '../governors';
import type { Page } from '../page';

import { card, h, kpi, meter, nodata, table } from '../ui';

interface Compliance {
  terminal_states: Record<string, unknown>;
  history: { t_ms: number; peer: string; rule: string; from: string; to: string; value: number; limit: number }[];
}

const badge = (s: string, rule?: string) => h('span', { class: `badge ${s}`, 'data-status': s, 'data-rule-status': rule }, s);

function ruleRow(r: RuleView) {
  const u = ruleUnits(r.id);
  return [r.id, h('span', { 'data-rule-value': r.id }, ruleNumber(r.value, u.value)), ruleNumber(r.limit, u.limit),
    h('span', { 'data-rule-distance': r.id }, ruleNumber(r.distance, u.distance)),
    pctValue(r.distancePct), badge(r.status, r.id), h('div', { class: 'muted note' }, r.note)];
}

function progress(a: AccountView): HTMLElement[] {
  const s = a.snapshot as Record<string, number | boolean | null>;
  const out: HTMLElement[] = [];
  const f = (k: string) => (isNum(s[k]) ? (s[k] as number) : null);
  const target = f('profitTarget'), tp = f('targetProgressPct');
  if (target !== null && tp !== null)
    out.push(h('div', {}, h('div', { class: 'kpi-label' }, 'Profit target'),
      meter(tp / 100, 'ok', `${pctValue(tp)} of ${money(target)} (counted ${money(f('countedProfit'))})`)));
  const days = f('tradingDays'), minDays = f('minTradingDays');
  if (days !== null && minDays !== null && minDays > 0)
    out.push(h('div', {}, h('div', { class: 'kpi-label' }, 'Minimum trading days'),
      meter(days / minDays, days >= minDays ? 'ok' : 'unknown', `${count(days, 'day')} of ${count(minDays, 'day')}`)));
  const held = f('heldSharePct');
  if (held !== null)
    out.push(h('div', {}, h('div', { class: 'kpi-label' }, 'Consistency (best day share)'),
      meter(held / 100, (f('profitStillNeeded') ?? 0) > 0 ? 'warning' : 'ok',
        `best day ${money(f('bestDayProfit'))} = ${pctValue(held)} of profit; still needed ${money(f('profitStillNeeded'))}`)));
  const dh = f('dailyHeadroom'), oh = f('overallHeadroom');
  if (dh !== null || oh !== null)
    out.push(h('div', { class: 'kpis' }, kpi('Daily headroom', money(dh), `headroom.daily.${a.peer}`),
      kpi('Overall headroom', money(oh), `headroom.overall.${a.peer}`), kpi('Open risk', money(f('openRisk'))),
      kpi('Sizing headroom', money(f('sizingHeadroom')))));
  return out;
}

/** The header's clock line: profile, firm day and reset, all from GET /api/governors (nothing assumed here). */
function clockLine(profile: string, day: FirmDay | null): HTMLElement {
  return h('span', { class: 'sub' }, profile ? `profile ${profile} · ` : '',
    ...(day
      ? ['firm day ', h('span', { 'data-firm-day': day.day }, day.day), ' · reset ', h('span', { 'data-firm-reset': '' }, resetLabel(day))]
      : ['firm day unknown: GET /api/governors is not served by this build']));
}

function account(a: AccountView): HTMLElement {
  const st = worst(a.rules);
  const source = a.source === 'governors' ? 'governors module' : "terminal's own governors (EA report)";
  return h('section', { class: `card wide account ${st}`, 'data-account': a.peer, 'data-worst': st },
    h('h2', {}, `${a.peer} · ${source} · mode ${a.mode || DASH} · ${time(a.tsMs)} ${zoneName()} `, badge(st)),
    ...progress(a),
    h('div', { class: 'muted', style: 'margin:6px 0' }, `money in ${currentUnits().currency || 'the account currency (not told yet)'}, `
      + `times on the firm's clock (${zoneName()}), time distances as durations`),
    table(['Rule', 'Value', 'Limit', 'Distance', 'Distance %', 'State', 'Note'], a.rules.map(ruleRow), { 'data-rules': a.peer }));
}

export const compliance: Page = {
  id: 'compliance',
  title: 'Compliance',
  events: ['governor', 'governor_state', 'account', 'peer'],
  refreshMs: 1000,
  async render(root) {
    const [gov, c, evRows] = await Promise.all([getOptional<unknown>('governors'), get<Compliance>('/api/analytics/compliance'),
      getOptional<unknown>('governors/events')]);
    const journalEvents = governorEvents(evRows);
    const fromGov = fromGovernorsApi(gov);
    const fromEa = fromTerminalStates(c.terminal_states);
    const accounts = [...fromGov, ...fromEa.filter((e) => !fromGov.some((g) => g.peer === e.peer))];
    const day = firmDayOf(gov);
    let timer = 0;
    let resetCard: HTMLElement;
    if (day) {
      // the countdown runs on the browser's clock, corrected by how far it is from the sidecar's
      const skew = Date.now() - day.nowMs;
      const countdown = h('div', { class: 'countdown', 'data-metric': 'reset.countdown' }, duration(day.nextResetMs - day.nowMs));
      timer = window.setInterval(() => {
        countdown.textContent = duration(day.nextResetMs - (Date.now() - skew));
      }, 1000);
      resetCard = card('Next daily reset', countdown, h('div', { class: 'muted', 'data-next-reset': '' }, nextResetLabel(day)));
    } else {
      resetCard = card('Next daily reset', nodata('no data yet — the firm-day clock comes from GET /api/governors, which this build does not serve'));
    }
    root.append(
      h('header', { class: 'page' }, h('h1', {}, 'Compliance'), clockLine(profileOf(gov), day)),
      h('div', { class: 'grid' },
        resetCard,
        card('Accounts', accounts.length
          ? h('div', { class: 'kpis' }, ...accounts.map((a) => kpi(a.peer, worst(a.rules), `worst.${a.peer}`, worst(a.rules))))
          : nodata('no data yet — governors not connected: no terminal has reported governor state and GET /api/governors '
            + (gov === null ? 'is not served by this build' : 'has no terminal')),
        ),
        ...accounts.map(account),
        card('Warnings and breaches', journalEvents.length
          ? table([`Time (${zoneName()})`, 'Account', 'Rule', 'State', 'Action', 'Measured', 'Threshold', 'Message'], journalEvents.slice(0, 200).map((e) =>
            [time(e.tMs), e.account, e.rule, e.status === 'unknown' ? h('span', { class: 'badge unknown' }, e.statusText || '—') : badge(e.status), e.action,
              ruleNumber(e.measured, ruleUnits(e.rule).value), ruleNumber(e.threshold, ruleUnits(e.rule).limit), h('div', { class: 'muted note' }, e.message)]),
          { 'data-history': 'governors' })
          : c.history.length
            ? table([`Time (${zoneName()})`, 'Terminal', 'Rule', 'From', 'To', 'Value', 'Limit'], c.history.map((e) =>
              [time(e.t_ms), e.peer, e.rule, badge(e.from), badge(e.to), ruleNumber(e.value, ruleUnits(e.rule).value),
                ruleNumber(e.limit, ruleUnits(e.rule).limit)]), { 'data-history': 'terminal' })
            : nodata(accounts.length ? 'no warning or breach recorded' : 'no governor history: governors not connected')),
      ));
    root.querySelector('.grid > section:last-child')?.classList.add('wide');
    return () => clearInterval(timer);
  },
};
