import { describe, expect, it } from 'vitest';
import { pageToken, readLink } from '../src/api';

const TOKEN = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** The one thing pageToken asks of a document: the content of its vprop-token meta tag (null: no such tag). */
function page(content: string | null): Document {
  return {
    querySelector: (sel: string) => (sel === 'meta[name="vprop-token"]' && content !== null ? { getAttribute: (a: string) => (a === 'content' ? content : null) } : null),
  } as unknown as Document;
}

describe('the API token the sidecar wrote into the page', () => {
  it('is read from the meta tag', () => {
    expect(pageToken(page(TOKEN))).toBe(TOKEN);
  });

  it('is absent when the page was not filled in by a sidecar (placeholder left) or has no tag', () => {
    expect(pageToken(page('%VPROP_TOKEN%'))).toBeNull();
    expect(pageToken(page(''))).toBeNull();
    expect(pageToken(page(null))).toBeNull();
    expect(pageToken(page('abc'))).toBeNull();
  });

  it('goes into a download link only when the panel itself was opened with ?token= (reads need it beyond loopback)', () => {
    expect(readLink('/api/analytics/digest.csv?day=2026-03-06', '', page(TOKEN))).toBe('/api/analytics/digest.csv?day=2026-03-06');
    expect(readLink('/api/analytics/digest.csv?day=2026-03-06', `?token=${TOKEN}`, page(TOKEN)))
      .toBe(`/api/analytics/digest.csv?day=2026-03-06&token=${TOKEN}`);
    expect(readLink('/api/analytics/digests', `?token=${TOKEN}`, page(TOKEN))).toBe(`/api/analytics/digests?token=${TOKEN}`);
    expect(readLink('/api/analytics/digests', '?token=x', page('%VPROP_TOKEN%'))).toBe('/api/analytics/digests');
  });
});
