import type { Live } from './api';

/** One screen of the panel: renders itself into a fresh element; re-rendered on its events and on a timer. */
export interface Page {
  id: string;
  title: string;
  /** WebSocket event types that make the page refresh at once. */
  events: string[];
  refreshMs: number;
  /** Fills {@code root}; may return a disposer (charts, timers). */
  render(root: HTMLElement, live: Live): Promise<(() => void) | void>;
  /**
   * Refreshes an already rendered {@code root} in place (pages with controls: a filter being typed into keeps its
   * focus); without it every refresh renders the page anew.
   */
  update?(root: HTMLElement, live: Live): Promise<void>;
  /** Called when the trader navigates away: release what outlives a render (charts). */
  leave?(): void;
}

/**
 * A page whose code is fetched the first time it is opened: the Challenge page's charting library (ECharts) is about
 * half of the panel's code, and most visits never open that page. The navigation needs only the id and title.
 */
export function lazyPage(meta: Pick<Page, 'id' | 'title' | 'events' | 'refreshMs'>, load: () => Promise<Page>): Page {
  let loaded: Promise<Page> | undefined;
  let page: Page | undefined;
  const get = () => (loaded ??= load().then((p) => (page = p), (e) => { loaded = undefined; throw e; }));
  return {
    ...meta,
    async render(root, live) { return (await get()).render(root, live); },
    leave() { page?.leave?.(); },
  };
}
