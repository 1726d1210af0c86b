import { describe, expect, it } from 'vitest';
import { type EdgeCell, type Edges, HANDSET_LINE, edgeGrid, edgeR, sourceLine, timeframes } from '../src/edges';
import { currentRegimes } from '../src/pages/regimes';

const cell = (o: Partial<EdgeCell>): EdgeCell => ({ alpha: 'momentum', timeframe: 'H4', regime: 'trend', session: 'asia',
  symbol_class: 'major', n: 100, n_eff: 10, edge_r: 0, win_rate: 0.4, ...o });

describe('fitted edges (Alphas and Regimes pages)', () => {
  it('weights cells by n_eff over sessions and symbol classes, per timeframe', () => {
    const cells = [cell({ edge_r: 0.1, n_eff: 30 }), cell({ session: 'london', edge_r: -0.1, n_eff: 10 }),
      cell({ timeframe: 'D1', edge_r: 0.5, n_eff: 5 }), cell({ alpha: 'breakout', regime: 'range', edge_r: -0.2, n_eff: 0 })];
    const h4 = edgeGrid(cells, 'H4');
    expect(h4.momentum.trend.edge_r).toBeCloseTo(0.05, 10);
    expect(h4.momentum.trend).toMatchObject({ n_eff: 40, cells: 2 });
    expect(h4.breakout.range).toEqual({ edge_r: -0.2, n_eff: 0, cells: 1 });
    expect(edgeGrid(cells, 'D1')).toEqual({ momentum: { trend: { edge_r: 0.5, n_eff: 5, cells: 1 } } });
    expect(edgeGrid(cells, null).momentum.trend.n_eff).toBe(45);
    expect(timeframes(cells)).toEqual(['H4', 'D1']);
  });

  it('says where the edges come from, and never shows numbers for hand-set priors', () => {
    const handset: Edges = { source: 'handset', setting: 'auto', cells: [], priors: [] };
    expect(sourceLine(handset)).toBe(HANDSET_LINE);
    expect(HANDSET_LINE).toBe('edges: hand-set priors (engine.edges=handset) — no fitted cells');
    const fitted: Edges = { source: 'fitted', setting: 'fitted', version: 'edges-9bcb5ba77c56', fit_to_utc: '2021-09-05',
      cells: [cell({}), cell({ session: 'london' })], priors: [] };
    expect(sourceLine(fitted)).toBe('edges: fitted (bundled artefact) edges-9bcb5ba77c56, fit to 2021-09-05 — 2 cells');
    expect(sourceLine({ ...fitted, source: '/data/edges.json' })).toContain('file /data/edges.json');
    expect(edgeR(0.0124)).toBe('+0.012 R');
    expect(edgeR(-0.2)).toBe('−0.200 R');
  });

  it('takes the live engine regime per symbol before the journaled one', () => {
    expect(currentRegimes({ EURUSD: { regime: 'range' }, GBPUSD: { regime: 'trend' } }, { p: { regimes: { EURUSD: 'high_trend' } } }))
      .toEqual({ EURUSD: 'high_trend', GBPUSD: 'trend' });
  });
});
