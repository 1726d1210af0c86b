// The trader's controls (docs/web-panel.md "Controls"): pause new entries, resume, flatten all, close one position,
// cancel pending orders. Each asks for a confirmation and a reason before it is sent (POST /api/controls, the token
// like every state change), shows the terminal's answer (applied / refused, with its reason), and the audit trail of
// recent controls (GET /api/controls). A pause shows in the banner above every page as well.
import { get, HttpError, post } from './api';
import { lots, time as dateTime } from './format';
import type { Trade, Terminal } from './types';
import { h, nodata, table } from './ui';

export type Action = 'pause_entries' | 'resume' | 'flatten_all' | 'close_position' | 'cancel_pending';

export const ACTION_LABELS: Record<Action, string> = {
  pause_entries: 'Pause entries', resume: 'Resume', flatten_all: 'Flatten all', close_position: 'Close position',
  cancel_pending: 'Cancel pending',
};

/** What each control does, in the confirmation's words. */
export function consequenceOf(action: Action, account: string, position?: number): string {
  switch (action) {
    case 'pause_entries': return `No new entries on ${account} (strategy and manual) until you resume; open positions stay, closes still go through; the governors keep acting.`;
    case 'resume': return `New entries allowed again on ${account} (the governors still decide).`;
    case 'flatten_all': return `Close every VProp position on ${account} at market now.`;
    case 'close_position': return `Close position #${position} on ${account} at market now.`;
    case 'cancel_pending': return `Delete every resting pending order VProp placed on ${account}.`;
  }
}

export interface ControlRow {
  id: string; account: string; action: Action; position: number; symbol: string; reason: string; by: string; from: string;
  timeMs: number; tsMs: number; status: 'sent' | 'applied' | 'refused';
  ack: { status: string; reason: string; closed: number; cancelled: number } | null;
}

export interface ControlsState { paused: Record<string, { id: string; reason: string; by: string; timeMs: number }>; controls: ControlRow[] }

/** The request body of a control; null with the reason when it cannot be sent yet (no reason given). */
export function controlBody(action: Action, account: string, reason: string, position?: number): { body: Record<string, unknown> } | { error: string } {
  const why = reason.trim();
  if (!why) return { error: 'a reason is required: say why (the audit trail keeps it)' };
  const body: Record<string, unknown> = { action, reason: why, by: 'panel' };
  if (account) body.account = account;
  if (action === 'close_position') body.position = position;
  return { body };
}

/** One line for the result of a control: the terminal's answer, or that it is on its way. */
export function resultText(r: { status: string; ack?: { reason: string; closed: number; cancelled: number } | null }): string {
  if (r.status === 'sent' || !r.ack) return 'sent: waiting for the terminal\'s answer';
  const counts = [r.ack.closed ? `${r.ack.closed} closed` : '', r.ack.cancelled ? `${r.ack.cancelled} cancelled` : ''].filter(Boolean).join(', ');
  return `${r.status}${r.ack.reason ? `: ${r.ack.reason}` : ''}${counts && !r.ack.reason.includes(counts) ? ` (${counts})` : ''}`;
}

const accountKey = (t: Terminal) => `${t.terminal}/${t.account}`;

/** The Controls card of the Trades page: rebuilt in place on every refresh, except an open confirmation. */
export class Controls {
  readonly el = h('section', { class: 'card wide controls', 'data-controls': 'true' });
  private readonly body = h('div', {});
  private readonly confirm = h('div', { class: 'control-confirm', 'data-control-confirm': '', hidden: true });
  private readonly result = h('div', { class: 'action-result', 'data-control-result': '', hidden: true });
  private account = '';

  constructor() {
    this.el.append(h('h2', {}, 'Controls'), this.result, this.confirm, this.body);
  }

  async refresh(): Promise<void> {
    const [status, state, trades] = await Promise.all([
      get<{ terminals: Terminal[] }>('/api/status'),
      get<ControlsState>('/api/controls?limit=20'),
      get<Trade[]>('/api/analytics/trades?limit=500'),
    ]);
    const accounts = [...new Set(status.terminals.filter((t) => t.welcomed).map(accountKey))].sort();
    if (!accounts.includes(this.account)) this.account = accounts[0] ?? '';
    const open = trades.filter((t) => !t.closed && (!this.account || t.peer.startsWith(`${this.account}/`)));
    this.body.replaceChildren(...this.view(accounts, state, open));
  }

  private view(accounts: string[], state: ControlsState, open: Trade[]): HTMLElement[] {
    if (!accounts.length) return [nodata('no terminal connected: controls reach a terminal through the sidecar')];
    const paused = state.paused[this.account];
    const pick = h('select', { 'data-control-account': '', 'aria-label': 'Account' },
      ...accounts.map((a) => h('option', { value: a, selected: a === this.account }, a))) as HTMLSelectElement;
    pick.addEventListener('change', () => { this.account = pick.value; void this.refresh(); });
    const button = (a: Action, position?: number) => {
      const b = h('button', { type: 'button', class: `action control-${a}`, 'data-control': a, 'data-position': position }, ACTION_LABELS[a]);
      b.addEventListener('click', () => this.ask(a, position));
      return b;
    };
    const line = h('div', { class: 'actions' },
      h('label', { class: 'field' }, h('span', {}, 'Account'), pick),
      h('span', { class: paused ? 'control-state paused' : 'control-state', 'data-control-state': paused ? 'paused' : 'trading' },
        paused ? `entries PAUSED by ${paused.by} since ${dateTime(paused.timeMs)}: ${paused.reason}` : 'entries allowed'),
      paused ? button('resume') : button('pause_entries'), button('flatten_all'), button('cancel_pending'));
    const positions = open.length
      ? table(['Position', 'Symbol', 'Side', 'Volume', 'Opened', ''], open.map((t) => [`#${t.position}`, t.symbol, t.side, lots(t.volume),
        dateTime(t.open_ms), button('close_position', t.position)]), { 'data-open-positions': '' })
      : nodata('no open position on this account');
    const audit = state.controls.length
      // when on the terminal's clock (market time in a replay or the paper demo), as the trades above; the answer
      // next to the control, so a phone shows both before the table scrolls
      ? table(['When', 'Control', 'Answer', 'Reason', 'By', 'Account'], state.controls.map((c) => [dateTime(c.timeMs),
        `${ACTION_LABELS[c.action] ?? c.action}${c.position ? ` #${c.position}` : ''}${c.symbol ? ` ${c.symbol}` : ''}`,
        h('span', { class: c.status === 'refused' ? 'error' : c.status === 'applied' ? 'control-ok' : 'muted', 'data-control-status': c.status }, resultText(c)),
        c.reason, c.by, c.account]),
      { 'data-control-audit': '' })
      : nodata('no control sent yet');
    return [line, h('h3', { class: 'sub' }, 'Open positions'), positions, h('h3', { class: 'sub' }, 'Recent controls (audit trail)'), audit];
  }

  /** Opens the confirmation: what the control does, a reason (required), Confirm and Cancel. */
  private ask(action: Action, position?: number): void {
    const reason = h('input', { type: 'text', maxlength: 500, placeholder: 'why (kept in the audit trail)', 'data-control-reason': '',
      'aria-label': 'Reason' }) as HTMLInputElement;
    const ok = h('button', { type: 'button', class: 'action danger', 'data-control-confirm-ok': '', disabled: true }, `Confirm: ${ACTION_LABELS[action]}`);
    const cancel = h('button', { type: 'button', class: 'action', 'data-control-cancel': '' }, 'Cancel');
    reason.addEventListener('input', () => { ok.disabled = reason.value.trim() === ''; });
    cancel.addEventListener('click', () => this.close());
    ok.addEventListener('click', () => void this.send(action, reason.value, position));
    reason.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !ok.disabled) ok.click(); if (e.key === 'Escape') this.close(); });
    this.confirm.replaceChildren(h('div', { class: 'control-what' }, consequenceOf(action, this.account, position)),
      h('div', { class: 'actions' }, h('label', { class: 'field grow' }, h('span', {}, 'Reason'), reason), ok, cancel));
    this.confirm.hidden = false;
    this.confirm.setAttribute('data-control-action', action);
    reason.focus();
  }

  private close(): void {
    this.confirm.hidden = true;
    this.confirm.replaceChildren();
  }

  private async send(action: Action, reason: string, position?: number): Promise<void> {
    const b = controlBody(action, this.account, reason, position);
    if ('error' in b) return this.show(b.error, 'refused');
    this.close();
    try {
      const r = await post<{ id: string; status: string; ack: ControlRow['ack'] }>('/api/controls', b.body);
      this.show(`${ACTION_LABELS[action]} ${r.id}: ${resultText(r)}`, r.status);
    } catch (e) {
      this.show(`${ACTION_LABELS[action]} refused by the sidecar: ${e instanceof HttpError ? e.message : String(e)}`, 'refused');
    }
    await this.refresh();
  }

  private show(text: string, status: string): void {
    this.result.hidden = false;
    this.result.className = `action-result ${status === 'refused' ? 'error' : status === 'applied' ? 'ok' : ''}`;
    this.result.setAttribute('data-control-result', status);
    this.result.textContent = text;
  }
}
