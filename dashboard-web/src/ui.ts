// Tiny DOM helpers: the panel is plain TypeScript, no framework.

export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A headline number. {@code key} becomes data-metric so tests can compare it with the REST answer. */
export function kpi(label: string, value: string, key?: string, cls = ''): HTMLElement {
  return h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label),
    h('div', { class: `kpi-value ${cls}`, 'data-metric': key }, value));
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A plain statement that the data behind a section is not produced (yet): never an invented number. */
export function nodata(text: string): HTMLElement {
  return h('div', { class: 'nodata', 'data-nodata': 'true' }, text);
}

/**
 * A table in its own horizontal scroller: on a phone a wide table scrolls inside its card instead of widening the
 * page. {@code attrs} go on the table itself.
 */
export function table(head: string[], rows: Child[][], attrs: Record<string, string> = {}): HTMLElement {
  return h('div', { class: 'table-scroll' }, h('table', attrs, h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c)))))));
}

/** A row of buttons of which one is chosen (tabs, period switches); {@code key} names the group for tests. */
export function choices<T extends string>(key: string, options: { id: T; label: string }[], chosen: T, onPick: (id: T) => void): HTMLElement {
  const row = h('div', { class: 'choices', role: 'tablist', 'data-choices': key });
  for (const o of options) {
    const b = h('button', { type: 'button', class: `choice${o.id === chosen ? ' on' : ''}`, role: 'tab', 'aria-selected': String(o.id === chosen),
      'data-choice': `${key}.${o.id}` }, o.label);
    b.addEventListener('click', () => {
      for (const x of row.querySelectorAll('button')) {
        const on = x === b;
        x.classList.toggle('on', on);
        x.setAttribute('aria-selected', String(on));
      }
      onPick(o.id);
    });
    row.append(b);
  }
  return row;
}

/**
 * A horizontal meter: {@code used} of 1.0 filled; colour from the status. Used for drawdown, day loss and
 * distances to governor limits.
 */
export function meter(used: number | null, status: string, caption: string): HTMLElement {
  const w = used === null || !Number.isFinite(used) ? 0 : Math.max(0, Math.min(1, used)) * 100;
  return h('div', { class: `meter ${status}` }, h('div', { class: 'meter-bar' }, h('div', { class: 'meter-fill', style: `width:${w.toFixed(1)}%` })),
    h('span', { class: 'meter-caption' }, caption));
}
