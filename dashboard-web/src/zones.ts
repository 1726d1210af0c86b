// The firm's clock in the browser. Every time the panel shows is on the firm's clock (the zone of the configured
// profile's day reset, from the sidecar), written ISO-style. Intl knows IANA zones; the two broker-server clocks
// the governors know (governors' Zones) are not IANA zones, so they are rebuilt here from the IANA zone whose
// daylight-saving switches they follow: "Broker/US-DST" is New York + 7 h (GMT+2 / GMT+3, switching with the US),
// "Broker/EU-DST" London + 2 h (switching with Europe, at 01:00 UTC). Fixed offsets ("UTC+03:00") are constant.

const BROKER: Record<string, { iana: string; plusMinutes: number }> = {
  'Broker/US-DST': { iana: 'America/New_York', plusMinutes: 7 * 60 },
  'Broker/EU-DST': { iana: 'Europe/London', plusMinutes: 2 * 60 },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function ianaOffsetMinutes(ms: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new Error(`unknown time zone '${zone}' (an IANA name, UTC±hh:mm, Broker/US-DST or Broker/EU-DST)`);
    }
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** Minutes to add to UTC to get the wall time of {@code zone} at the instant {@code ms}. */
export function offsetMinutes(ms: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (+fixed[2] * 60 + +fixed[3]);
  const broker = BROKER[zone];
  if (broker) return ianaOffsetMinutes(ms, broker.iana) + broker.plusMinutes;
  return ianaOffsetMinutes(ms, zone);
}

/** The wall time at {@code ms} on {@code zone}'s clock, as the fields of a UTC date (for formatting and charts). */
export function wallMs(ms: number, zone: string): number {
  return ms + offsetMinutes(ms, zone) * 60_000;
}

/** "+02:00" / "−05:00": the zone's offset at {@code ms}. */
export function offsetLabel(ms: number, zone: string): string {
  const m = offsetMinutes(ms, zone);
  const a = Math.abs(m);
  return `${m < 0 ? '−' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
