import { describe, expect, it } from 'vitest';
import { DASH, duration, money, pct, pctValue, ruleNumber, signedMoney, time, tone } from '../src/format';

describe('format', () => {
  it('shows absent numbers as a dash, never as 0', () => {
    for (const f of [money, signedMoney, pct, pctValue, duration]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
    }
    expect(time(0)).toBe(DASH);
  });
  it('formats money with a real minus sign and grouping', () => {
    expect(money(-1234.5)).toBe('−1,234.50');
    expect(signedMoney(12)).toBe('+12.00');
    expect(signedMoney(0)).toBe('0.00');
  });
  it('formats fractions and percents', () => {
    expect(pct(0.1234)).toBe('12.3 %');
    expect(pctValue(55)).toBe('55.0 %');
  });
  it('formats durations', () => {
    expect(duration(3_725_000)).toBe('1 h 02 m 05 s');
    expect(duration(65_000)).toBe('1 m 05 s');
    expect(duration(90_000_000)).toBe('1 d 1 h 00 m');
    expect(duration(-5)).toBe('0 m 00 s');
  });
  it('formats times in a zone across the DST switch', () => {
    expect(time(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Prague')).toBe('2026-03-29 00:30:00');
    expect(time(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Prague')).toBe('2026-03-30 00:30:00');
  });
  it('tones', () => {
    expect(tone(1)).toBe('pos');
    expect(tone(-1)).toBe('neg');
    expect(tone(null)).toBe('flat');
  });
});

describe('rule numbers', () => {
  it('shows no-limit as infinity, instants as times, money otherwise', () => {
    expect(ruleNumber(Number.MAX_VALUE)).toBe('∞');
    expect(ruleNumber(Date.parse('2026-01-09T21:50:00Z'))).toBe('2026-01-09 21:50:00 UTC');
    expect(ruleNumber(99000)).toBe('99,000.00');
    expect(ruleNumber(null)).toBe(DASH);
  });
});
