// Starts a real demo (sidecar + paper terminal + demo strategy) on free ports with its own temporary data dir.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(new URL('.', import.meta.url).pathname, '..', '..');
export const jar = join(repoRoot, 'sidecar', 'target', 'vprop-sidecar.jar');

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(what, fn, timeoutMs, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/**
 * @param {string[]} args CLI arguments after the jar (e.g. ['demo', '--speed', '120'])
 * @param {{host?: string, env?: Record<string, string>, before?: (dataDir: string) => void}} opts host to bind the HTTP API
 *   on (127.0.0.1 by default), extra environment (VPROP_* configuration keys), what to put into the data dir before start
 */
export async function startSidecar(args, opts = {}) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -q -B -DskipTests package -pl sidecar -am`);
  const host = opts.host ?? '127.0.0.1';
  const http = await freePort();
  const zmq = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vprop-web-e2e-'));
  opts.before?.(dataDir);
  const log = [];
  const proc = spawn('java', ['-jar', jar, ...args, '--http', `${host}:${http}`, '--zmq', `tcp://127.0.0.1:${zmq}`,
    '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(opts.env ?? {}) } });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${http}`;
  // the installation's API token, written at the first start (docs/api.md, "Access")
  const token = () => (existsSync(join(dataDir, 'http.token')) ? readFileSync(join(dataDir, 'http.token'), 'utf8').trim() : null);
  const headers = () => (token() ? { 'X-VProp-Token': token() } : {});
  const api = async (path) => {
    const r = await fetch(base + path, { headers: headers() });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  };
  await until('the sidecar to answer /health', async () => (await fetch(base + '/health', { headers: headers() })).ok, 60_000)
    .catch((e) => {
      proc.kill('SIGKILL');
      throw new Error(`${e.message}\n--- sidecar output ---\n${log.join('')}`);
    });
  return {
    base, http, dataDir, api, token, log,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(10_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}
