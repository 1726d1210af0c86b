import { describe, expect, it } from 'vitest';
import { consequenceOf, controlBody, resultText } from '../src/controls';
import { consequence, type AccountMode } from '../src/modes';

describe('controls', () => {
  it('refuses to build a control without a reason, and trims it', () => {
    expect(controlBody('pause_entries', 'paper-1/100001', '   ')).toEqual({ error: expect.stringContaining('reason is required') });
    expect(controlBody('pause_entries', 'paper-1/100001', ' news ')).toEqual({
      body: { action: 'pause_entries', reason: 'news', by: 'panel', account: 'paper-1/100001' },
    });
  });

  it('sends the ticket only for close_position', () => {
    expect(controlBody('close_position', 'a/1', 'tp', 42)).toEqual({ body: { action: 'close_position', reason: 'tp', by: 'panel', account: 'a/1', position: 42 } });
    expect(controlBody('flatten_all', 'a/1', 'eod', 42)).toEqual({ body: { action: 'flatten_all', reason: 'eod', by: 'panel', account: 'a/1' } });
  });

  it('says what each control does before it is confirmed', () => {
    expect(consequenceOf('pause_entries', 'a/1')).toContain('closes still go through');
    expect(consequenceOf('close_position', 'a/1', 7)).toContain('#7');
    expect(consequenceOf('cancel_pending', 'a/1')).toContain('pending order');
  });

  it("shows the terminal's answer, or that it is on its way", () => {
    expect(resultText({ status: 'sent', ack: null })).toContain('waiting');
    expect(resultText({ status: 'applied', ack: { reason: 'position 7 closed', closed: 1, cancelled: 0 } })).toBe('applied: position 7 closed (1 closed)');
    expect(resultText({ status: 'refused', ack: { reason: 'no VProp position with ticket 9', closed: 0, cancelled: 0 } }))
      .toBe('refused: no VProp position with ticket 9');
  });

  it("a trader's pause is not described as the governors' daily pause", () => {
    const m = { mode: 'PAUSED', ruleId: 'control.paused' } as AccountMode;
    expect(consequence(m)).toContain('paused by the trader');
    expect(consequence({ ...m, ruleId: 'daily-loss' })).toContain('until the daily reset');
  });
});
