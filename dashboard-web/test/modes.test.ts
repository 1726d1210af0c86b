import { describe, expect, it } from 'vitest';
import { accountOf, alerts, byAccount, mergeAccounts, modesOf, remainingMs, untilFirm, untilLocal } from '../src/modes';
import type { AccountView } from '../src/governors';

// GET /api/governors as the sidecar writes it for a Topstep account paused by its daily loss
const paused = {
  mode: 'PAUSED', ruleId: 'daily-loss', reason: 'Equity 48,900.00 fell below today\'s loss floor 49,000.00 …',
  sinceMs: Date.parse('2026-03-09T16:30:00Z'), untilMs: Date.parse('2026-03-09T22:00:00Z'), untilLocal: '2026-03-09 17:00',
  untilOffset: '-05:00', timeMs: Date.parse('2026-03-09T16:30:00Z'), zone: 'America/Chicago', resetTime: '17:00', day: '2026-03-08',
  nextResetMs: Date.parse('2026-03-09T22:00:00Z'), nextResetLocal: '2026-03-09 17:00',
};
const trading = { ...paused, mode: 'TRADING', ruleId: '', reason: '', sinceMs: null, untilMs: null, untilLocal: null, untilOffset: null };

describe('account modes', () => {
  it('reads the modes block and lists only accounts that are not trading, the most severe first', () => {
    const body = { profile: 'topstep-50k', accounts: {}, modes: { 'T1/1': trading, 'T1/2': paused, 'T1/3': { ...trading, mode: 'HALTED', reason: 'x' } } };
    const m = modesOf(body);
    expect(m.map((x) => x.mode)).toEqual(['TRADING', 'PAUSED', 'HALTED']);
    expect(alerts(m).map((x) => `${x.account} ${x.mode}`)).toEqual(['T1/3 HALTED', 'T1/2 PAUSED']);
  });
  it('lists an account BLOCKED on attach (firm state not proven) with the reason saying what to configure', () => {
    const blocked = { ...trading, mode: 'BLOCKED', ruleId: 'attach.history',
      reason: 'Unknown challenge start: … Set the EA inputs ChallengeStart (the challenge\'s first day, YYYY.MM.DD) and InitialBalance …' };
    const m = modesOf({ modes: { 'T1/1': trading, 'T1/4': blocked, 'T1/3': { ...trading, mode: 'HALTED', reason: 'x' } } });
    expect(alerts(m).map((x) => `${x.account} ${x.mode}`)).toEqual(['T1/3 HALTED', 'T1/4 BLOCKED']);
    expect(alerts(m)[1].reason).toContain('ChallengeStart');
  });
  it("says when a pause ends on the firm's clock as the sidecar wrote it, and on the trader's", () => {
    const [m] = modesOf({ modes: { 'T1/2': paused } });
    expect(untilFirm(m)).toBe('2026-03-09 17:00 America/Chicago (UTC−05:00)');
    // a trader in Prague (UTC+01:00 in March) and one in Sydney (UTC+11:00)
    expect(untilLocal(m.untilMs, 60)).toBe('2026-03-09 23:00 your time (UTC+01:00)');
    expect(untilLocal(m.untilMs, 660)).toBe('2026-03-10 09:00 your time (UTC+11:00)');
    expect(untilLocal(m.untilMs, -300)).toBe('2026-03-09 17:00 your time (UTC−05:00)');
    // the countdown runs on the account's clock: 5 h 30 m after the hit, less what elapsed since the read
    expect(remainingMs(m)).toBe(5.5 * 3_600_000);
    expect(remainingMs(m, 1_000)).toBe(5.5 * 3_600_000 - 1_000);
    expect(remainingMs(m, 10 * 3_600_000)).toBe(0);
  });
  it('falls back to the snapshots of a sidecar without modes (no reason then)', () => {
    const m = modesOf({ accounts: { a: { timeMs: 1, pausedUntilMs: 5, halted: false, rules: [] }, b: { timeMs: 1, halted: true, rules: [] },
      c: { timeMs: 9, pausedUntilMs: 5, halted: false, rules: [] } } });
    expect(m.map((x) => `${x.account} ${x.mode} ${x.untilMs}`)).toEqual(['a PAUSED 5', 'b HALTED null', 'c TRADING null']);
    expect(modesOf(null)).toEqual([]);
  });
});

const view = (peer: string, source: AccountView['source'], tsMs: number): AccountView => ({ peer, source, tsMs, rules: [], mode: '', snapshot: {} });

describe('one card per account', () => {
  it('keys a routing id by terminal/account', () => {
    expect(accountOf('paper-1/100001/all-symbols')).toBe('paper-1/100001');
    expect(accountOf('paper-1/100001')).toBe('paper-1/100001');
  });
  it("drops a terminal's own report of an account the sidecar's governors know, and keeps one chart per other account", () => {
    const merged = mergeAccounts([view('paper-1/100001', 'governors', 5)], [
      view('paper-1/100001/all-symbols', 'terminal', 6),
      view('MT5/5001/EURUSD.15.1', 'terminal', 1), view('MT5/5001/GBPUSD.60.2', 'terminal', 3), view('MT5/6002/EURUSD.15.1', 'terminal', 2),
    ]);
    expect(merged.map((a) => `${a.peer} ${a.source}`)).toEqual(['paper-1/100001 governors', 'MT5/5001/GBPUSD.60.2 terminal', 'MT5/6002/EURUSD.15.1 terminal']);
  });
});

describe('one equity series per account', () => {
  it("merges the charts of an account in time order", () => {
    const m = byAccount({ 'T/1/EURUSD': [{ t_ms: 1 }, { t_ms: 5 }], 'T/1/GBPUSD': [{ t_ms: 3 }], 'T/2/EURUSD': [{ t_ms: 2 }] });
    expect(Object.keys(m)).toEqual(['T/1', 'T/2']);
    expect(m['T/1'].map((p) => p.t_ms)).toEqual([1, 3, 5]);
  });
});
