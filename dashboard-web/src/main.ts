import './style.css';
import { Live } from './api';
import { h } from './ui';
import type { Page } from './page';
import { compliance } from './pages/compliance';
import { overview } from './pages/overview';
import { alphas } from './pages/alphas';
import { regimes } from './pages/regimes';
import { risk } from './pages/risk';
import { learning } from './pages/learning';
import { sessions } from './pages/sessions';
import { challenge } from './pages/challenge';

const pages: Page[] = [compliance, overview, alphas, regimes, risk, learning, sessions, challenge];
const live = new Live();

const nav = h('nav', {}, h('div', { class: 'brand' }, 'V', h('span', {}, 'Prop')),
  ...pages.map((p) => h('a', { href: `#/${p.id}`, 'data-page': p.id }, p.title)));
const conn = h('div', { class: 'conn' }, h('span', { class: 'dot down', id: 'ws-dot' }), h('span', { id: 'ws-text' }, 'connecting…'));
nav.append(conn);
const main = h('main', {});
document.getElementById('app')!.append(h('div', { class: 'layout' }, nav, main));

live.onState((up) => {
  document.getElementById('ws-dot')!.className = `dot ${up ? 'up' : 'down'}`;
  document.getElementById('ws-text')!.textContent = up ? 'live updates' : 'reconnecting…';
});

let current: { page: Page; timer: number; off: () => void; dispose?: () => void } | null = null;
let generation = 0;

async function refresh(page: Page, gen: number) {
  const fresh = h('div', {});
  try {
    const dispose = await page.render(fresh, live);
    if (gen !== generation) {
      dispose?.();
      return;
    }
    current?.dispose?.();
    if (current) current.dispose = dispose || undefined;
  } catch (e) {
    if (gen !== generation) return;
    fresh.replaceChildren(h('div', { class: 'card error' }, `Could not load ${page.title}: ${(e as Error).message}`));
  }
  main.replaceChildren(fresh);
  main.setAttribute('data-page', page.id);
  main.setAttribute('data-loaded', 'true');
  main.setAttribute('data-refreshed', String(Date.now()));
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
  let pending = 0;
  const soon = () => {
    if (pending) return;
    pending = window.setTimeout(() => {
      pending = 0;
      void refresh(page, gen);
    }, 150);
  };
  const off = live.on((e) => {
    if (page.events.includes(e.type)) soon();
  });
  current = { page, timer: window.setInterval(() => void refresh(page, gen), page.refreshMs), off };
  void refresh(page, gen);
}

window.addEventListener('hashchange', route);
live.start();
route();
