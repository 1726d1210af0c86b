import { get, getOptional } from '../api';
import { currentUnits, DASH, duration, isNum, money, ruleNumber, time, zoneName } from '../format';
import {
  firmDayOf, fromGovernorsApi, fromTerminalStates, governorEvents, nextResetLabel, profileOf, resetLabel, ruleUnits, worst, type AccountView,
  type FirmDay, type RuleView,
} from '../governors';
import type { Page } from '../page';

import { accountOf, headline, mergeAccounts, modesOf, untilFirm, type AccountMode } from '../modes';
import { consistencyBar, daysBar, distancePctText, targetBar, type Bar } from '../progress';
import { card, h, kpi, meter, nodata, table } from '../ui';

interface Compliance {
  terminal_states: Record<string, unknown>;
  history: { t_ms: number; peer: string; rule: string; from: string; to: string; value: number; limit: number }[];
}

const badge = (s: string, rule?: string) => h('span', { class: `badge ${s}`, 'data-status': s, 'data-rule-status': rule }, s);

function ruleRow(r: RuleView, snapshot: Record<string, unknown>) {
  const u = ruleUnits(r.id);
  return [r.id, h('span', { 'data-rule-value': r.id }, ruleNumber(r.value, u.value)), ruleNumber(r.limit, u.limit),
    h('span', { 'data-rule-distance': r.id }, ruleNumber(r.distance, u.distance)),
    h('span', { 'data-rule-distance-pct': r.id }, distancePctText(r, snapshot)), badge(r.status, r.id), h('div', { class: 'muted note' }, r.note)];
}

function bar(label: string, key: string, b: Bar | null): HTMLElement | null {
  if (!b) return null;
  return h('div', { 'data-bar': key, 'data-bar-status': b.status, 'data-bar-state': b.state },
    h('div', { class: 'kpi-label' }, label), meter(b.fill, b.status, b.caption));
}

function progress(a: AccountView): HTMLElement[] {
  const s = a.snapshot as Record<string, number | boolean | null>;
  const out: HTMLElement[] = [];
  const f = (k: string) => (isNum(s[k]) ? (s[k] as number) : null);
  for (const b of [bar('Profit target', 'target', targetBar(s)), bar('Minimum trading days', 'days', daysBar(s)),
    bar('Consistency (best day share of total profit)', 'consistency', consistencyBar(s, a.rules))]) if (b) out.push(b);
  const dh = f('dailyHeadroom'), oh = f('overallHeadroom');
  if (dh !== null || oh !== null)
    out.push(h('div', { class: 'kpis' }, kpi('Daily headroom', money(dh), `headroom.daily.${a.peer}`),
      kpi('Overall headroom', money(oh), `headroom.overall.${a.peer}`), kpi('Open risk', money(f('openRisk'))),
      kpi('Sizing headroom', money(f('sizingHeadroom')))));
  return out;
}

/** The tile of an account: its mode when not trading (paused, halted, locked), else its worst rule status. */
function tile(a: AccountView, m: AccountMode | undefined): HTMLElement {
  if (m && m.mode !== 'TRADING') {
    const cls = m.mode === 'PAUSED' ? 'paused' : m.mode === 'HALTED' ? 'halted' : 'ok';
    const text = m.mode === 'PAUSED' && m.untilLocal ? `${headline(m)} until ${m.untilLocal} ${m.zone}` : headline(m);
    const t = kpi(a.peer, text, `worst.${a.peer}`, cls);
    t.setAttribute('data-tile-mode', m.mode);
    return t;
  }
  const w = worst(a.rules);
  const t = kpi(a.peer, w, `worst.${a.peer}`, w);
  t.setAttribute('data-tile-mode', m ? m.mode : a.mode || 'unknown');
  return t;
}

/** The header's clock line: profile, firm day and reset, all from GET /api/governors (nothing assumed here). */
function clockLine(profile: string, day: FirmDay | null): HTMLElement {
  return h('span', { class: 'sub' }, profile ? `profile ${profile} · ` : '',
    ...(day
      ? ['firm day ', h('span', { 'data-firm-day': day.day }, day.day), ' · reset ', h('span', { 'data-firm-reset': '' }, resetLabel(day))]
      : ['firm day unknown: GET /api/governors is not served by this build']));
}

function account(a: AccountView, m: AccountMode | undefined): HTMLElement {
  const st = worst(a.rules);
  const source = a.source === 'governors' ? 'governors module' : "terminal's own governors (EA report)";
  const mode = m ? m.mode : (a.mode || '').toUpperCase();
  const cls = mode === 'PAUSED' ? 'paused' : mode === 'HALTED' ? 'halted' : st;
  const modeBadge = h('span', { class: `badge ${mode.toLowerCase() || 'unknown'}`, 'data-account-mode': mode || 'unknown' }, mode || DASH);
  return h('section', { class: `card wide account ${cls}`, 'data-account': a.peer, 'data-worst': st },
    h('h2', {}, `${a.peer} · ${source} · ${time(a.tsMs)} ${zoneName()} `, modeBadge, ' ', badge(st)),
    m && m.mode !== 'TRADING' ? h('div', { class: `warn mode-line ${cls}` }, `${headline(m)}: ${m.reason || m.ruleId}`
      + (m.mode === 'PAUSED' ? ` · until ${untilFirm(m)}` : '')) : '',
    m && m.day ? h('div', { class: 'muted', 'data-account-day': m.day }, `firm day ${m.day} on the account's clock (its terminal's time ${time(m.timeMs)}) · `
      + `next reset ${m.nextResetLocal} ${m.zone}`) : '',
    ...progress(a),
    h('div', { class: 'muted', style: 'margin:6px 0' }, `money in ${currentUnits().currency || 'the account currency (not told yet)'}, `
      + `times on the firm's clock (${zoneName()}), time distances as durations`),
    table(['Rule', 'Value', 'Limit', 'Distance', 'Distance %', 'State', 'Note'], a.rules.map((r) => ruleRow(r, a.snapshot)), { 'data-rules': a.peer }));
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
    const accounts = mergeAccounts(fromGov, fromEa);
    const modes = modesOf(gov);
    const modeOf = (a: AccountView) => (a.source === 'governors' ? modes.find((m) => m.account === accountOf(a.peer)) : undefined);
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
          ? h('div', { class: 'kpis' }, ...accounts.map((a) => tile(a, modeOf(a))))
          : nodata('no data yet — governors not connected: no terminal has reported governor state and GET /api/governors '
            + (gov === null ? 'is not served by this build' : 'has no terminal')),
        ),
        ...accounts.map((a) => account(a, modeOf(a))),
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
