// HTTP and WebSocket access to the sidecar. The token (non-loopback binds) comes from ?token= on first load and
// lives in sessionStorage for the tab; it is sent as a Bearer header (REST) or ?token= (WebSocket).

export class HttpError extends Error {
  constructor(public readonly status: number, public readonly path: string, message: string) {
    super(message);
  }
}

function token(): string | null {
  try {
    return sessionStorage.getItem('vprop.token');
  } catch {
    return null;
  }
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
  const t = token();
  const headers: Record<string, string> = t ? { Authorization: `Bearer ${t}` } : {};
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
    const t = token();
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
