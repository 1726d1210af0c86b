import './style.css';
import { Live } from './api';
import { h } from './ui';
import { lazyPage, type Page } from './page';
import { compliance } from './pages/compliance';
import { overview } from './pages/overview';
import { trades } from './pages/trades';
import { performance } from './pages/performance';
import { alphas } from './pages/alphas';
import { regimes } from './pages/regimes';
import { risk } from './pages/risk';
import { learning } from './pages/learning';
import { sessions } from './pages/sessions';
import { loadUnits } from './units';
import { Banner } from './banner';

// the Challenge page and its charts load when it is first opened (a separate file, assets/challenge.js)
const challenge = lazyPage({ id: 'challenge', title: 'Challenge', events: [], refreshMs: 24 * 3_600_000 },
  () => import('./pages/challenge').then((m) => m.challenge));
const pages: Page[] = [compliance, overview, trades, performance, alphas, regimes, risk, learning, sessions, challenge];
const live = new Live();

// Narrow screens (phones): the navigation folds away behind a menu button in a top bar; wide ones keep the sidebar.
const menu = h('button', { type: 'button', class: 'menu', 'aria-expanded': 'false', 'aria-controls': 'nav', 'data-menu': 'true' }, '☰ Menu');
const topTitle = h('span', { class: 'top-title' }, '');
const topbar = h('header', { class: 'topbar' }, menu, h('span', { class: 'brand' }, 'V', h('span', {}, 'Prop')), topTitle);
const nav = h('nav', { id: 'nav' }, h('div', { class: 'brand' }, 'V', h('span', {}, 'Prop')),
  ...pages.map((p) => h('a', { href: `#/${p.id}`, 'data-page': p.id }, p.title)));
const conn = h('div', { class: 'conn' }, h('span', { class: 'dot down', id: 'ws-dot' }), h('span', { id: 'ws-text' }, 'connecting…'));
nav.append(conn);
const main = h('main', {});
// every page sits under the banner of paused / halted accounts, which outlives the page
const banner = new Banner();
const pageHost = h('div', { class: 'page-host' });
main.append(banner.el, pageHost);
const layout = h('div', { class: 'layout' }, topbar, nav, main);
document.getElementById('app')!.append(layout);

function setMenu(open: boolean) {
  layout.classList.toggle('nav-open', open);
  menu.setAttribute('aria-expanded', String(open));
}
menu.addEventListener('click', () => setMenu(!layout.classList.contains('nav-open')));
nav.addEventListener('click', (e) => { if ((e.target as HTMLElement).closest('a')) setMenu(false); });

live.onState((up) => {
  document.getElementById('ws-dot')!.className = `dot ${up ? 'up' : 'down'}`;
  document.getElementById('ws-text')!.textContent = up ? 'live updates' : 'reconnecting…';
});

let current: { page: Page; timer: number; off: () => void; dispose?: () => void; root?: HTMLElement } | null = null;
let generation = 0;

function stamp(page: Page) {
  main.setAttribute('data-page', page.id);
  main.setAttribute('data-loaded', 'true');
  main.setAttribute('data-refreshed', String(Date.now()));
}

/**
 * One refresh of a page at a time: two overlapping refreshes can finish out of order, and a slow one started earlier
 * would then replace the newer page with older numbers (seen on a loaded machine: the panel several seconds behind
 * REST). A refresh asked for while one runs happens once, right after it. A new page (generation) does not wait.
 */
let inFlightGen = -1;
let again = false;
function requestRefresh(page: Page, gen: number) {
  if (inFlightGen === gen) {
    again = true;
    return;
  }
  inFlightGen = gen;
  void (async () => {
    try {
      do {
        again = false;
        await refresh(page, gen);
      } while (again && gen === generation);
    } finally {
      if (inFlightGen === gen) inFlightGen = -1;
    }
  })();
}

async function refresh(page: Page, gen: number) {
  // a page with update() renders once and then refreshes in place (its controls keep their state and focus)
  if (page.update && current?.root && current.page === page) {
    const root = current.root;
    try {
      await loadUnits();
      await page.update(root, live);
      root.querySelector(':scope > .refresh-error')?.remove();
    } catch (e) {
      if (gen !== generation) return;
      if (!root.querySelector(':scope > .refresh-error'))
        root.prepend(h('div', { class: 'card error refresh-error' }, `Could not refresh ${page.title}: ${(e as Error).message}`));
    }
    if (gen === generation) stamp(page);
    return;
  }
  const fresh = h('div', {});
  try {
    await loadUnits();
    const dispose = await page.render(fresh, live);
    if (gen !== generation) {
      dispose?.();
      return;
    }
    current?.dispose?.();
    if (current) {
      current.dispose = dispose || undefined;
      current.root = fresh;
    }
  } catch (e) {
    if (gen !== generation) return;
    fresh.replaceChildren(h('div', { class: 'card error' }, `Could not load ${page.title}: ${(e as Error).message}`));
  }
  pageHost.replaceChildren(fresh);
  stamp(page);
}

function route() {
  const id = location.hash.replace(/^#\/?/, '') || 'compliance';
  const page = pages.find((p) => p.id === id) ?? pages[0];
  if (current) {
    clearInterval(current.timer);
    current.off();
    current.dispose?.();
    current.page.leave?.();
  }
  const gen = ++generation;
  main.setAttribute('data-loaded', 'false');
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('data-page') === page.id);
  document.title = `VProp · ${page.title}`;
  topTitle.textContent = page.title;
  let pending = 0;
  const soon = () => {
    if (pending) return;
    pending = window.setTimeout(() => {
      pending = 0;
      requestRefresh(page, gen);
    }, 150);
  };
  const off = live.on((e) => {
    if (page.events.includes(e.type)) soon();
  });
  current = { page, timer: window.setInterval(() => requestRefresh(page, gen), page.refreshMs), off };
  requestRefresh(page, gen);
}

window.addEventListener('hashchange', route);
live.start();
banner.start(live);
route();
