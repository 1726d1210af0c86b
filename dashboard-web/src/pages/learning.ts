import { getOptional } from '../api';
import type { Page } from '../page';
import { card, h, nodata, table } from '../ui';

// Model versions, drift, memory size and similar past trades come from the learning and memory modules. Until
// they serve their endpoints the page says so; it renders whatever they return as plain key/value rows.

function kv(o: unknown): HTMLElement {
  if (Array.isArray(o)) return table(Object.keys(o[0] ?? {}), o.map((r) => Object.values(r as object).map((v) => typeof v === 'object' ? JSON.stringify(v) : String(v))));
  return table(['Field', 'Value'], Object.entries(o as object).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]));
}

export const learning: Page = {
  id: 'learning',
  title: 'Learning',
  events: [],
  refreshMs: 10000,
  async render(root) {
    const [models, memory] = await Promise.all([getOptional<unknown>('models'), getOptional<unknown>('memory')]);
    const sec = (title: string, data: unknown, what: string) =>
      card(title, data === null || data === undefined ? nodata(`no data yet — ${what} not connected (its endpoint is not served by this build)`) : kv(data));
    root.append(h('header', { class: 'page' }, h('h1', {}, 'Learning'), h('span', { class: 'sub' }, 'models, drift, memory')),
      h('div', { class: 'grid' },
        sec('Model versions and live metrics', models, 'the learning module (GET /api/models)'),
        sec('Drift indicators', models && (models as Record<string, unknown>).drift, 'drift monitoring (GET /api/models)'),
        sec('Memory size', memory, 'trade memory (GET /api/memory)'),
        sec('Similar past trades behind the latest decisions', memory && (memory as Record<string, unknown>).similar, 'trade memory (GET /api/memory)'),
      ));
  },
};
