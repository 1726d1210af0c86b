import { describe, expect, it } from 'vitest';
import {
  day, driftChart, levelClass, liveRows, modelsDir, registriesOf, rollbackRule, shortSha, trainCommand, trainingWindow,
  type RegistryState,
} from '../src/models';

const tpsl: RegistryState = {
  name: 'tpsl', served: 2, history: [1, 2], versions: [
    { version: 1, kind: 'tpsl-gbt', features: [], train_from_ms: 1398906480000, train_to_ms: 1400107980000, sha256: 'ab'.repeat(32), holdout_brier: 0.23 },
    { version: 2, kind: 'tpsl-gbt', features: [], train_from_ms: 1398906480000, train_to_ms: 1400107980000, sha256: 'cd'.repeat(32), holdout_brier: 0.22 },
  ],
};

describe('model formatting', () => {
  it('shows training windows as UTC dates and absent ones as a dash', () => {
    expect(trainingWindow(1398906480000, 1400107980000)).toBe('2014-05-01 → 2014-05-14');
    expect(day(0)).toBe('—');
    expect(day(null)).toBe('—');
    expect(shortSha('49df6c239dbfaec29851796f')).toBe('49df6c239d');
    expect(shortSha('')).toBe('—');
  });
  it('maps drift levels onto the panel badge classes', () => {
    expect(levelClass('OK')).toBe('ok');
    expect(levelClass('WARN')).toBe('warning');
    expect(levelClass('ALARM')).toBe('breach');
    expect(levelClass(undefined)).toBe('unknown');
  });
  it('names the CLI command that fills each registry, under the service models dir', () => {
    expect(trainCommand('autoencoder', '/d/models')).toBe('vprop models train-drift --dir /d/models --bars <bars.csv.gz> --activate');
    expect(trainCommand('meta')).toContain('vprop models train-meta --dir <data.dir>/models');
    expect(modelsDir({ recorded_bars: { dir: '/d/models/bars', written: 0, dropped: 0, failed: 0 } } as never)).toBe('/d/models');
    expect(modelsDir(undefined)).toBeNull();
  });
  it('reads the registries of a new answer and the lone tpsl of an older one', () => {
    expect(registriesOf({ ...tpsl, registries: { tpsl, meta: { name: 'meta', served: null, history: [], versions: [] } } }).map((r) => r.name))
      .toEqual(['tpsl', 'meta']);
    expect(registriesOf({ ...tpsl }).map((r) => r.served)).toEqual([2]);
  });
  it('puts live Brier beside holdout Brier, served version first even without trades', () => {
    const rows = liveRows(tpsl, { 1: { trades: 40, win_rate: 0.5, brier: 0.25, log_loss: 0.7 } });
    expect(rows.map((r) => [r.version, r.served, r.trades])).toEqual([[2, true, 0], [1, false, 40]]);
    expect(rows[0].delta).toBeNull();
    expect(rows[1].delta).toBeCloseTo(0.02, 10);
    expect(liveRows({ ...tpsl, served: null }, undefined)).toEqual([]);
  });
  it('states the rollback rule, or that it is off', () => {
    expect(rollbackRule({ margin: 0.02, min_trades: 30 })).toContain('30 live trades');
    expect(rollbackRule({ margin: 0.02, min_trades: 30 })).toContain('by more than 0.020');
    expect(rollbackRule({ margin: 0.02, min_trades: 0 })).toContain('off');
  });
});

describe('drift chart geometry', () => {
  const f = (feature: string, psi: number | null, warnAt: number | null, alarmAt: number | null, level = 'OK') => ({ feature, psi, kl: null, warnAt, alarmAt, level });
  it('scales to the largest of PSI and thresholds, so the alarm mark is always on the chart', () => {
    const g = driftChart([f('a', 0.1, 0.5, 1.0), f('b', 0.3, 0.4, 0.8)], 660, 22, 150);
    expect(g.plotWidth).toBe(500);
    expect(g.scaleMax).toBeCloseTo(1.1, 12);
    expect(g.rows[0].barWidth).toBeCloseTo(0.1 / 1.1 * 500, 9);
    expect(g.rows[0].alarmX).toBeCloseTo(150 + 500 / 1.1, 9);
    expect(g.rows[1].warnX).toBeCloseTo(150 + 0.4 / 1.1 * 500, 9);
    expect(g.rows[1].y).toBe(22);
    expect(g.height).toBe(2 * 22 + 20);
    expect(g.ticks[4].x).toBe(650);
  });
  it('lets a PSI above the alarm threshold set the scale, and draws nothing for absent numbers', () => {
    const g = driftChart([f('a', 2, 0.5, 1, 'ALARM'), f('b', null, null, null)], 660, 22, 150);
    expect(g.scaleMax).toBeCloseTo(2.2, 12);
    expect(g.rows[0].barWidth).toBeLessThan(g.plotWidth);
    expect(g.rows[1].barWidth).toBe(0);
    expect(g.rows[1].warnX).toBeNull();
    expect(driftChart([]).scaleMax).toBe(1);
  });
});
