// HTTP and WebSocket access to the sidecar (docs/api.md, "Access"). The sidecar writes its API token into the page
// it serves (<meta name="vprop-token">): only a page of its own origin can read it. Every request sends it as the
// X-VProp-Token header: state changes need it on every bind, reads beyond loopback. A browser cannot set headers on
// a WebSocket, so the socket carries it as ?token= (the server also checks the socket's Origin).

export class HttpError extends Error {
  constructor(public readonly status: number, public readonly path: string, message: string) {
    super(message);
  }
}

export const TOKEN_HEADER = 'X-VProp-Token';

/** The token in the served page; null when the page was not served by a sidecar (the placeholder is left). */
export function pageToken(doc: Document = document): string | null {
  const t = doc.querySelector('meta[name="vprop-token"]')?.getAttribute('content') ?? '';
  return /^[0-9a-f]{32,}$/.test(t) ? t : null;
}

/**
 * A link the browser follows itself (a CSV download): no header can go with it, so beyond loopback, where reads
 * need the token and the panel was opened with ?token=, the link carries it the same way.
 */
export function readLink(path: string, search: string = location.search, doc: Document = document): string {
  const t = pageToken(doc);
  if (!t || !new URLSearchParams(search).has('token')) return path;
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(t)}`;
}

export async function get<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/**
 * POST, without a body (the model actions) or with a JSON one (a challenge-lab run); a refusal throws an HttpError
 * carrying the server's error text.
 */
export async function post<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const t = pageToken();
  const headers: Record<string, string> = t ? { [TOKEN_HEADER]: t } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const b = await res.json();
      if (b && typeof b.error === 'string') msg = b.error;
    } catch { /* not JSON */ }
    throw new HttpError(res.status, path, msg);
  }
  return (await res.json()) as T;
}

export type Capability = 'governors' | 'governors/events' | 'models' | 'memory';

/**
 * GET /api/<name> of a module that may not be in this build (governors, models, memory): null when the sidecar
 * says it does not serve it (asked first through /api/analytics/capabilities, so no request ever 404s).
 */
export async function getOptional<T>(name: Capability): Promise<T | null> {
  const caps = await get<Record<Capability, boolean>>('/api/analytics/capabilities');
  if (!caps[name]) return null;
  return get<T>(`/api/${name}`);
}

export interface LiveEvent {
  type: string;
  ts_ms: number;
  data: unknown;
}

type Listener = (e: LiveEvent) => void;

/** One WebSocket for the whole panel, reconnecting with backoff; listeners get every event. */
export class Live {
  private listeners = new Set<Listener>();
  private stateListeners = new Set<(up: boolean) => void>();
  private retryMs = 500;
  up = false;
  lastEventMs = 0;

  start(): void {
    const t = pageToken();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${t ? `?token=${encodeURIComponent(t)}` : ''}`;
    const ws = new WebSocket(url);
    ws.onopen = () => {
      this.retryMs = 500;
      this.setUp(true);
    };
    ws.onmessage = (m) => {
      this.lastEventMs = Date.now();
      let e: LiveEvent;
      try {
        e = JSON.parse(String(m.data)) as LiveEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(e);
    };
    ws.onclose = () => {
      this.setUp(false);
      setTimeout(() => this.start(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  onState(l: (up: boolean) => void): () => void {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  }

  private setUp(up: boolean) {
    this.up = up;
    for (const l of this.stateListeners) l(up);
  }
}
