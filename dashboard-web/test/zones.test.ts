import { describe, expect, it } from 'vitest';
import { offsetLabel, offsetMinutes, wallMs } from '../src/zones';
import { firmDay } from '../src/trades';

const t = (iso: string) => Date.parse(iso);
const wall = (iso: string, zone: string) => new Date(wallMs(t(iso), zone)).toISOString().slice(0, 16);

describe('the firm\'s clock in the browser', () => {
  it('follows IANA zones across their switches', () => {
    expect(offsetMinutes(t('2026-03-07T12:00:00Z'), 'America/Chicago')).toBe(-360);
    expect(offsetMinutes(t('2026-03-09T12:00:00Z'), 'America/Chicago')).toBe(-300);
    expect(offsetLabel(t('2026-03-09T12:00:00Z'), 'America/Chicago')).toBe('−05:00');
  });
  it('rebuilds the US-DST broker server clock as New York + 7 h (the governors\' Broker/US-DST)', () => {
    // the same instants as the sidecar's FirmDayApiTest for the5ers: GMT+2, GMT+3 from 07:00 UTC on 8 March 2026
    expect(wall('2026-03-06T22:00:00Z', 'Broker/US-DST')).toBe('2026-03-07T00:00');
    expect(wall('2026-03-08T06:59:00Z', 'Broker/US-DST')).toBe('2026-03-08T08:59');
    expect(wall('2026-03-08T07:00:00Z', 'Broker/US-DST')).toBe('2026-03-08T10:00');
    expect(wall('2026-03-08T21:00:00Z', 'Broker/US-DST')).toBe('2026-03-09T00:00');
    expect(offsetLabel(t('2026-11-02T12:00:00Z'), 'Broker/US-DST')).toBe('+02:00');
  });
  it('rebuilds the EU-DST broker server clock as London + 2 h, switching at 01:00 UTC', () => {
    expect(offsetMinutes(t('2026-03-29T00:59:00Z'), 'Broker/EU-DST')).toBe(120);
    expect(offsetMinutes(t('2026-03-29T01:00:00Z'), 'Broker/EU-DST')).toBe(180);
    expect(offsetMinutes(t('2026-10-25T01:00:00Z'), 'Broker/EU-DST')).toBe(120);
  });
  it('takes fixed offsets and names an unknown zone', () => {
    expect(offsetMinutes(0, 'UTC+03:00')).toBe(180);
    expect(offsetMinutes(0, 'UTC-05:30')).toBe(-330);
    expect(() => offsetMinutes(0, 'Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
  it('names firm days as the sidecar does: by the date of their reset', () => {
    // Topstep, 17:00 Chicago: 16:59:59 CST on Friday is still Thursday's day, 17:00 starts Friday's
    expect(firmDay(t('2026-03-06T22:59:59Z'), 'America/Chicago', '17:00')).toBe('2026-03-05');
    expect(firmDay(t('2026-03-06T23:00:00Z'), 'America/Chicago', '17:00')).toBe('2026-03-06');
    // after the switch the reset is 22:00 UTC
    expect(firmDay(t('2026-03-08T22:00:00Z'), 'America/Chicago', '17:00')).toBe('2026-03-08');
    expect(firmDay(t('2026-03-08T21:59:00Z'), 'America/Chicago', '17:00')).toBe('2026-03-07');
    // The5ers, 00:00 on the broker server
    expect(firmDay(t('2026-03-06T22:00:00Z'), 'Broker/US-DST', '00:00')).toBe('2026-03-07');
    expect(() => firmDay(0, 'UTC', '5pm')).toThrow(/'5pm' is not HH:MM/);
  });
});
