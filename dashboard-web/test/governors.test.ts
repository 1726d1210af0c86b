import { describe, expect, it } from 'vitest';
import {
  firmDayOf, fromGovernorsApi, fromTerminalStates, governorEvents, nextResetLabel, profileOf, resetLabel, status, worst,
} from '../src/governors';

// the governors module's StateSnapshot as Jackson writes it
const snapshot = {
  timeMs: 1000, balance: 100000, equity: 96500, nextResetMs: 5000, dailyHeadroom: 1500, overallHeadroom: 6500,
  profitTarget: 10000, targetProgressPct: 12.5, tradingDays: 2, minTradingDays: 4, halted: false, pausedUntilMs: 0,
  rules: [
    { ruleId: 'daily_loss', value: 96500, limit: 95000, distance: 1500, distancePct: 30, status: 'WARNING', note: 'equity vs floor' },
    { ruleId: 'max_loss', value: 96500, limit: 90000, distance: 6500, distancePct: 65, status: 'OK', note: '' },
  ],
};

describe('governor state normalisation', () => {
  it('reads a map of peer to snapshot', () => {
    const v = fromGovernorsApi({ 'paper-1/1/x': snapshot });
    expect(v).toHaveLength(1);
    expect(v[0].peer).toBe('paper-1/1/x');
    expect(v[0].rules[0]).toEqual({ id: 'daily_loss', value: 96500, limit: 95000, distance: 1500, distancePct: 30, status: 'warning', note: 'equity vs floor' });
    expect(worst(v[0].rules)).toBe('warning');
    expect(v[0].mode).toBe('ok');
  });
  it('reads a list with peer and snapshot fields', () => {
    const v = fromGovernorsApi([{ peer: 'a', snapshot }, { peer: 'b', ...snapshot, halted: true }]);
    expect(v.map((x) => x.peer)).toEqual(['a', 'b']);
    expect(v[1].mode).toBe('halted');
  });
  it('gives nothing for an empty or rule-less answer', () => {
    expect(fromGovernorsApi(null)).toEqual([]);
    expect(fromGovernorsApi({})).toEqual([]);
    expect(fromGovernorsApi([{ peer: 'x' }])).toEqual([]);
  });
  it("reads the EA's governor_state report", () => {
    const v = fromTerminalStates({ p: { ts_ms: 7, state: { mode: 'blocked', reason: 'r', rules: [{ id: 'dd', value: 1, limit: 2, distance: 1, status: 'breach' }] } } });
    expect(v[0].source).toBe('terminal');
    expect(v[0].tsMs).toBe(7);
    expect(v[0].mode).toBe('blocked');
    expect(v[0].rules[0].distancePct).toBeNull();
    expect(worst(v[0].rules)).toBe('breach');
  });
  it('maps unknown statuses to unknown, never to ok', () => {
    expect(status('WARN')).toBe('warning');
    expect(status('???')).toBe('unknown');
    expect(worst([])).toBe('unknown');
  });
});

describe("the sidecar's /api/governors and /api/governors/events", () => {
  it('reads {profile, accounts}', () => {
    const body = { profile: 'ftmo-2step', accounts: { 'paper-1/100001': snapshot } };
    const v = fromGovernorsApi(body);
    expect(v.map((x) => x.peer)).toEqual(['paper-1/100001']);
    expect(v[0].rules).toHaveLength(2);
    expect(profileOf(body)).toBe('ftmo-2step');
    expect(fromGovernorsApi({ profile: 'x', accounts: {} })).toEqual([]);
  });
  it('reads journaled notices newest first and skips unreadable rows', () => {
    const rows = [
      { id: 1, ts_ms: 10, kind: 'governor', body: JSON.stringify({ account: 'a', tsMs: 10, kind: 'rule', ruleId: 'daily_loss', status: 'WARNING', action: 'BLOCK_ENTRIES', message: 'm', measured: 1, threshold: 2 }) },
      { id: 2, ts_ms: 20, kind: 'governor', body: '{not json' },
      { id: 3, ts_ms: 30, kind: 'governor', body: JSON.stringify({ account: 'a', tsMs: 30, ruleId: 'daily_loss', status: 'OK', action: 'ALLOW', message: '', measured: 0, threshold: 2 }) },
    ];
    const e = governorEvents(rows);
    expect(e.map((x) => x.tMs)).toEqual([30, 10]);
    expect(e[1]).toMatchObject({ rule: 'daily_loss', status: 'warning', action: 'BLOCK_ENTRIES', measured: 1, threshold: 2 });
    expect(governorEvents(null)).toEqual([]);
  });
});

describe('the firm-day clock of /api/governors', () => {
  // as the sidecar answers with topstep-50k on Saturday 7 March 2026, 18:00 in Chicago
  const topstep = {
    profile: 'topstep-50k', accounts: {},
    firmDay: { zone: 'America/Chicago', resetTime: '17:00', nowMs: Date.parse('2026-03-08T00:00:00Z'), day: '2026-03-07',
      dayStartMs: Date.parse('2026-03-07T23:00:00Z'), nextResetMs: Date.parse('2026-03-08T22:00:00Z'),
      nextResetLocal: '2026-03-08 17:00', nextResetOffset: '-05:00' },
  };
  it('reads the clock and labels the reset in the firm\'s own zone', () => {
    const f = firmDayOf(topstep);
    expect(f).not.toBeNull();
    expect(f!.day).toBe('2026-03-07');
    expect(f!.nextResetMs - f!.nowMs).toBe(22 * 3600_000); // a 23-hour day: the US switch is inside it
    expect(resetLabel(f!)).toBe('17:00 America/Chicago');
    expect(nextResetLabel(f!)).toBe('2026-03-08 17:00 America/Chicago (UTC−05:00)');
  });
  it('labels a broker-server clock without asking the browser to know the zone', () => {
    const f = firmDayOf({ firmDay: { ...topstep.firmDay, zone: 'Broker/US-DST', resetTime: '00:00', nextResetLocal: '2026-03-09 00:00', nextResetOffset: '+03:00' } });
    expect(resetLabel(f!)).toBe('00:00 Broker/US-DST');
    expect(nextResetLabel(f!)).toBe('2026-03-09 00:00 Broker/US-DST (UTC+03:00)');
  });
  it('gives null without a complete clock, never a made-up one', () => {
    expect(firmDayOf(null)).toBeNull();
    expect(firmDayOf({ profile: 'x', accounts: {} })).toBeNull();
    expect(firmDayOf({ firmDay: { ...topstep.firmDay, nextResetMs: null } })).toBeNull();
    expect(firmDayOf({ firmDay: { ...topstep.firmDay, zone: '' } })).toBeNull();
  });
  it('leaves the accounts of the answer as they were', () => {
    expect(fromGovernorsApi({ ...topstep, accounts: { 'paper-1/100001': snapshot } }).map((a) => a.peer)).toEqual(['paper-1/100001']);
  });
});
