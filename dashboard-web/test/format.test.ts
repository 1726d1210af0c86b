import { afterEach, describe, expect, it } from 'vitest';
import {
  count, DASH, date, duration, durationShort, lots, minutes, money, NO_CURRENCY, pct, pctValue, price, rMultiple, ruleNumber, setUnits, shortTime,
  signedMoney, signedPct, time, tone,
} from '../src/format';
import { ruleUnits } from '../src/governors';

afterEach(() => setUnits({ currency: '', zone: 'UTC' }));

describe('format', () => {
  it('shows absent numbers as a dash, never as 0', () => {
    for (const f of [money, signedMoney, pct, pctValue, duration, rMultiple, lots, signedPct, minutes]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
    }
    expect(time(0)).toBe(DASH);
    expect(price(0)).toBe(DASH);
  });
  it('writes money with the account currency, a real minus sign and grouping', () => {
    setUnits({ currency: 'USD' });
    expect(money(-1234.5)).toBe('−1,234.50 USD');
    expect(signedMoney(12)).toBe('+12.00 USD');
    expect(signedMoney(0)).toBe('0.00 USD');
    expect(money(5, 'EUR')).toBe('5.00 EUR');
  });
  it('marks money whose currency no terminal has told yet', () => {
    expect(money(1)).toBe(`1.00 ${NO_CURRENCY}`);
  });
  it('formats fractions, percents, R, lots, prices and counts with their units', () => {
    expect(pct(0.1234)).toBe('12.3 %');
    expect(pctValue(55)).toBe('55.0 %');
    expect(signedPct(-0.495)).toBe('−0.49 %');
    expect(rMultiple(1.465)).toBe('+1.47 R');
    expect(rMultiple(-1.07)).toBe('−1.07 R');
    expect(lots(0.5)).toBe('0.50 lots');
    expect(lots(1)).toBe('1.00 lot');
    expect(price(1.085)).toBe('1.085');
    expect(price(1.0850000000001)).toBe('1.085');
    expect(count(3, 'day')).toBe('3 days');
    expect(count(1, 'day')).toBe('1 day');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
  });
  it('formats durations and minutes', () => {
    expect(duration(3_725_000)).toBe('1 h 02 m 05 s');
    expect(duration(65_000)).toBe('1 m 05 s');
    expect(duration(90_000_000)).toBe('1 d 1 h 00 m');
    expect(duration(-5)).toBe('0 m 00 s');
    // the trades table's short form: the two largest units
    expect(durationShort(7_002_000)).toBe('1 h 56 m');
    expect(durationShort(90_000_000)).toBe('1 d 1 h');
    expect(durationShort(303_000)).toBe('5 m 03 s');
    expect(durationShort(null)).toBe(DASH);
    expect(minutes(95.5)).toBe('1 h 35 m 30 s');
    expect(minutes(-2)).toBe('−2 m 00 s');
  });
  it('writes times ISO-style on the firm\'s clock, across the DST switch', () => {
    setUnits({ zone: 'Europe/Prague' });
    expect(time(Date.parse('2026-03-28T23:30:00Z'))).toBe('2026-03-29 00:30:00');
    expect(time(Date.parse('2026-03-29T22:30:00Z'))).toBe('2026-03-30 00:30:00');
    expect(shortTime(Date.parse('2026-03-29T22:30:00Z'))).toBe('2026-03-30 00:30');
    expect(date(Date.parse('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(time(Date.parse('2026-03-29T22:30:00Z'), 'UTC')).toBe('2026-03-29 22:30:00');
  });
  it('tones', () => {
    expect(tone(1)).toBe('pos');
    expect(tone(-1)).toBe('neg');
    expect(tone(null)).toBe('flat');
  });
});

describe('rule numbers in their units', () => {
  it('shows no-limit as infinity and each rule\'s numbers in its unit', () => {
    setUnits({ currency: 'USD', zone: 'Europe/Prague' });
    expect(ruleNumber(Number.MAX_VALUE, 'money')).toBe('∞');
    expect(ruleNumber(99000, ruleUnits('daily-loss').limit)).toBe('99,000.00 USD');
    // the examples: trading days were "3.00", a forced-flat distance a bare number of minutes
    expect(ruleNumber(3, ruleUnits('trading-days').value)).toBe('3 days');
    expect(ruleNumber(1, ruleUnits('trading-days:profitable').distance)).toBe('1 day');
    expect(ruleNumber(125, ruleUnits('forced-flat:weekend').distance)).toBe('2 h 05 m 00 s');
    expect(ruleNumber(Date.parse('2026-01-09T21:50:00Z'), ruleUnits('forced-flat:weekend').limit)).toBe('2026-01-09 22:50');
    expect(ruleNumber(0, ruleUnits('session').value)).toBe('no');
    expect(ruleNumber(62.5, ruleUnits('hold-time').value)).toBe('62.5 %');
    expect(ruleNumber(4, ruleUnits('open-positions').value)).toBe('4');
    expect(ruleNumber(7, ruleUnits('some-new-rule').value)).toBe('7.00 (unit unknown)');
    expect(ruleNumber(null, 'money')).toBe(DASH);
  });
});
