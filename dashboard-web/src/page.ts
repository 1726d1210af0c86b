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
