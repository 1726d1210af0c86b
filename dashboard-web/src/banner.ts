// The banner above every page: an account that is PAUSED or HALTED (or locked at its target) says so in large type,
// with the governors' reason and, for a pause, when trading resumes on the firm's clock and on the trader's own, and
// a countdown. Read from GET /api/governors every few seconds and at every governor event; nothing is assumed here.
import { getOptional, type Live } from './api';
import { duration } from './format';
import { alerts, consequence, headline, modesOf, remainingMs, untilFirm, untilLocal, type AccountMode } from './modes';
import { strategyReasonOf } from './riskpertrade';
import { h } from './ui';

const REFRESH_MS = 2_000;

export class Banner {
  readonly el = h('div', { class: 'banners', 'data-banners': 'true', role: 'status', 'aria-live': 'polite' });
  private shown: { modes: AccountMode[]; readAt: number } = { modes: [], readAt: 0 };
  private pending = 0;
  private key = '';

  start(live: Live): void {
    void this.refresh();
    window.setInterval(() => void this.refresh(), REFRESH_MS);
    // the countdowns tick between reads
    window.setInterval(() => this.tick(), 1_000);
    live.on((e) => {
      if (e.type !== 'governor' && e.type !== 'governor_state' && e.type !== 'control' && e.type !== 'control_ack') return;
      if (this.pending) return;
      this.pending = window.setTimeout(() => { this.pending = 0; void this.refresh(); }, 150);
    });
  }

  async refresh(): Promise<void> {
    let body: unknown;
    try {
      body = await getOptional<unknown>('governors');
    } catch {
      return; // the page says the sidecar is unreachable; the last banner stays until the next answer
    }
    this.render(alerts(modesOf(body)), strategyReasonOf(body));
  }

  private render(modes: AccountMode[], strategy: string | null): void {
    // the same banners as before: only the countdowns' base moves (rebuilt, they would flicker and lose a selection)
    const key = JSON.stringify([strategy, ...modes.map((m) => [m.account, m.mode, m.ruleId, m.reason, m.untilMs, m.untilLocal, m.untilOffset])]);
    const same = key === this.key;
    this.key = key;
    this.shown = { modes, readAt: Date.now() };
    if (same) {
      this.tick();
      return;
    }
    this.el.setAttribute('data-banner-count', String(modes.length));
    this.el.replaceChildren(...modes.map((m) => {
      const cls = m.mode === 'HALTED' ? 'halted' : m.mode === 'PAUSED' || m.mode === 'BLOCKED' ? 'paused' : 'locked';
      const why = m.reason ? `${m.ruleId ? `${m.ruleId}: ` : ''}${m.reason}` : `${m.ruleId || 'the governors'} (no reason recorded)`;
      const lines = [
        h('div', { class: 'banner-head' }, h('strong', { class: 'banner-mode', 'data-banner-mode': m.mode }, headline(m)),
          h('span', { class: 'banner-account' }, ` ${m.account} · ${consequence(m)}`)),
        h('div', { class: 'banner-reason', 'data-banner-reason': '' }, why),
      ];
      if (m.mode === 'PAUSED' && m.untilMs !== null)
        lines.push(h('div', { class: 'banner-until' }, 'trading resumes at ',
          h('span', { 'data-banner-until-firm': String(m.untilMs) }, untilFirm(m)), ' · ',
          h('span', { 'data-banner-until-local': '' }, untilLocal(m.untilMs)), ' · in ',
          h('span', { class: 'banner-countdown', 'data-banner-countdown': '' }, duration(remainingMs(m)))));
      return h('section', { class: `banner ${cls}`, 'data-banner': m.account, 'data-banner-state': m.mode }, ...lines);
    }), ...(strategy ? [h('section', { class: 'banner strategy', 'data-banner-strategy': 'true' }, strategy)] : []));
  }

  private tick(): void {
    const elapsed = Date.now() - this.shown.readAt;
    this.el.querySelectorAll<HTMLElement>('[data-banner]').forEach((el) => {
      const m = this.shown.modes.find((x) => x.account === el.getAttribute('data-banner'));
      const c = el.querySelector('[data-banner-countdown]');
      if (m && c) c.textContent = duration(remainingMs(m, elapsed));
    });
  }
}
