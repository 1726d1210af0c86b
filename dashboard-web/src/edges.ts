// The edges the signal engine runs with (GET /api/edges): a fitted artefact's cells, or the hand-set priors. Pure
// helpers first (unit-tested in test/edges.test.ts), then the cards the Alphas and Regimes pages share.
import { count } from './format';
import { card, h, table } from './ui';

export interface EdgeCell {
  alpha: string; timeframe: string; regime: string; session: string; symbol_class: string;
  n: number; n_eff: number; edge_r: number; win_rate: number;
}
export interface Edges {
  source: string; setting: string; note?: string; version?: string; sha256?: string;
  command_line?: string; fit_from_utc?: string | null; fit_to_utc?: string | null;
  cells: EdgeCell[]; priors: { regime: string; alpha: string; n_eff: number; a: number; b: number }[];
}
/** One alpha × regime (× timeframe) summary: the n_eff-weighted mean edge over sessions and symbol classes. */
export interface EdgeSum { edge_r: number; n_eff: number; cells: number }

export const HANDSET_LINE = 'edges: hand-set priors (engine.edges=handset) — no fitted cells';

/** The line that says where the engine's edges come from; the e2e check compares it with REST. */
export function sourceLine(e: Edges): string {
  if (e.source === 'handset') return HANDSET_LINE;
  const window = e.fit_to_utc ? `, fit to ${e.fit_to_utc}` : '';
  return `edges: ${e.source === 'fitted' ? 'fitted (bundled artefact)' : `file ${e.source}`} ${e.version ?? ''}${window} — ${count(e.cells.length, 'cell')}`;
}

/**
 * Cells summed over sessions and symbol classes, keyed alpha → regime, for one timeframe (all when null). Weighted by
 * n_eff, so a cell with many independent trades counts more than a thin one — the same weight the fit's shrinkage gives.
 */
export function edgeGrid(cells: EdgeCell[], timeframe: string | null): Record<string, Record<string, EdgeSum>> {
  const out: Record<string, Record<string, EdgeSum>> = {};
  for (const c of cells) {
    if (timeframe !== null && c.timeframe !== timeframe) continue;
    const row = (out[c.alpha] ??= {});
    const s = (row[c.regime] ??= { edge_r: 0, n_eff: 0, cells: 0 });
    const w = s.n_eff + c.n_eff;
    s.edge_r = w > 0 ? (s.edge_r * s.n_eff + c.edge_r * c.n_eff) / w : c.edge_r;
    s.n_eff = w;
    s.cells += 1;
  }
  return out;
}

/** The timeframes the cells cover, in the order they first appear (the artefact writes them shortest first). */
export function timeframes(cells: EdgeCell[]): string[] {
  return [...new Set(cells.map((c) => c.timeframe))];
}

/** An edge in R after costs, signed, 3 decimals: "+0.012 R". */
export function edgeR(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)} R`;
}

/** Green for a positive edge, red for a negative one, stronger with its size (0.2 R and more is full). */
export function edgeHeat(v: number): string {
  const a = Math.min(0.65, 0.12 + Math.min(1, Math.abs(v) / 0.2) * 0.53);
  return v >= 0 ? `background:rgba(34,197,94,${a.toFixed(2)})` : `background:rgba(239,68,68,${a.toFixed(2)})`;
}

/**
 * The source line as a plain statement: not a nodata block, since hand-set priors are the engine's real state, not
 * data still missing (and the pages' other nodata blocks keep their meaning for the e2e checks).
 */
function sourceEl(e: Edges): HTMLElement {
  return h('div', { class: 'muted', 'data-edges-source': e.source, style: 'margin-bottom:8px' }, sourceLine(e));
}

function sumCell(s: EdgeSum | undefined, key: string): HTMLElement {
  if (!s) return h('span', { class: 'muted' }, '·');
  return h('div', { class: 'cell', style: `${edgeHeat(s.edge_r)};padding:3px 6px;border-radius:3px`, 'data-edge': key },
    h('div', {}, edgeR(s.edge_r)), h('div', {}, `n_eff ${s.n_eff}`));
}

/** The source line, then per timeframe an alpha × regime heatmap of the fitted edge (or the hand-set statement). */
export function edgesCard(e: Edges): HTMLElement {
  const line = sourceEl(e);
  if (e.source === 'handset' || e.cells.length === 0) return card('Fitted edges (engine.edges)', line);
  const parts: HTMLElement[] = [line, h('div', { class: 'muted', style: 'margin-bottom:8px' },
    'shrunk edge per trade in R after costs (spread, commission, swaps), n_eff-weighted over sessions and symbol classes; n_eff = independent trades')];
  for (const tf of timeframes(e.cells)) {
    const g = edgeGrid(e.cells, tf);
    const regs = [...new Set(Object.values(g).flatMap((r) => Object.keys(r)))].sort();
    parts.push(h('h3', {}, tf), table(['alpha \\ regime', ...regs],
      Object.keys(g).sort().map((a) => [h('b', {}, a), ...regs.map((r) => sumCell(g[a][r], `${tf}|${a}|${r}`))]), { class: 'heat' }));
  }
  return card('Fitted edges (engine.edges)', ...parts);
}

/** Per symbol's current regime, the fitted edge of every alpha over all timeframes (Regimes page). */
export function edgesByRegimeCard(e: Edges, current: Record<string, string>): HTMLElement {
  const line = sourceEl(e);
  if (e.source === 'handset' || e.cells.length === 0) return card('Fitted edge per alpha in the current regime', line);
  const g = edgeGrid(e.cells, null);
  const alphas = Object.keys(g).sort();
  const allRegimes = [...new Set(e.cells.map((c) => c.regime))].sort();
  // with no live regime yet, one row per regime the artefact knows, so the numbers are still there to read
  const rows: [string, string][] = Object.keys(current).length ? Object.entries(current) : allRegimes.map((r) => ['any symbol', r]);
  return card('Fitted edge per alpha in the current regime', line,
    h('div', { class: 'muted', style: 'margin-bottom:8px' }, 'edge per trade in R after costs, n_eff-weighted over timeframes, sessions and symbol classes'),
    table(['Symbol', 'Regime', ...alphas], rows.map(([sym, reg]) => [sym, reg,
      ...alphas.map((a) => sumCell(g[a][reg.toLowerCase()], `${sym}|${a}`))]), { class: 'heat' }));
}
