// The Learning page's data: shapes of GET /api/models and GET /api/memory, and the pure helpers that turn them into
// what the page shows (badges, dates, the live-versus-holdout rows, the drift chart's geometry). No DOM here, so the
// helpers are unit-tested (test/models.test.ts).
import { DASH, date, isNum, num } from './format';
import type { N } from './types';

export interface ModelVersion {
  version: number; kind: string; features: string[]; train_from_ms: number; train_to_ms: number; sha256: string;
  holdout_auc?: N; holdout_brier?: N; holdout_log_loss?: N; timeframe?: string; symbol?: string;
}

export interface RegistryState { name: string; served: number | null; history: number[]; versions: ModelVersion[] }

export interface LiveStats { trades: number; win_rate: N; brier: N; log_loss: N }

export interface FeatureDrift { feature: string; psi: N; kl: N; warnAt: N; alarmAt: N; level: string }

export interface DriftReport {
  rows: number; window?: number; ready: boolean; calibrated: boolean; level: string; alarm: boolean;
  features: FeatureDrift[];
  autoencoder?: { liveMean: N; referenceMean: N; ratio: N; fractionAboveReferenceP99?: N; warnAt: N; alarmAt: N; level: string };
}

export interface RetrainResult {
  trigger: string; started_ms: number; seconds: N; rows: number; published: number; activated: boolean;
  challenger_brier: N; champion_brier: N; message: string;
}

export interface ModelService {
  serving: boolean; served: number | null; meta_served: number | null;
  /** why the served meta model is silent (it was stacked on other tpsl/seq versions), or null/absent */
  meta_inactive?: string | null;
  live?: Record<string, LiveStats>; live_meta?: Record<string, LiveStats>;
  rollback_rule: { margin: N; min_trades: number }; last_rollback: string | null;
  retraining: { running: boolean; interval_hours: N; after_trades: number; on_drift: boolean; trades_since_last: number; last: RetrainResult | null };
  recorded_bars?: { dir: string; written: number; dropped: number; failed: number };
  drift: { served: number | null; report?: DriftReport | null; error?: string };
  last_error: string | null;
}

export interface ModelsAnswer extends RegistryState {
  registries?: Record<string, RegistryState>;
  service?: ModelService;
}

export interface MemoryTrade {
  id: number; account: string; symbol: string; side: string; alpha: string; regime: string; grade: string; timeframe: string;
  entry_ms: number; exit_ms: number; pnl: N; r_multiple: N; exit_reason: string;
}

export interface MemoryAnswer {
  short_term: { backend: string; capacity: number; trades: number; decisions: number; accounts: Record<string, { trades: number; decisions: number }> };
  long_term: { trades: number; schema_version: number };
  index: { kind: string; size: number; dimension: number; rebuilt_at_open: boolean; open_note: string };
  last_trades: MemoryTrade[];
}

/** The registries of an answer; an older sidecar without {@code registries} has only the tpsl one at the top level. */
export function registriesOf(m: ModelsAnswer): RegistryState[] {
  if (m.registries) return Object.values(m.registries);
  return [{ name: m.name ?? 'tpsl', served: m.served, history: m.history ?? [], versions: m.versions ?? [] }];
}

/** The CLI command that stores a first version of each registry (shown where a registry is empty). */
export function trainCommand(registry: string, modelsDir = '<data.dir>/models'): string {
  const sub = { tpsl: 'train', meta: 'train-meta', autoencoder: 'train-drift', seq: 'train-seq' }[registry] ?? 'train';
  return `vprop models ${sub} --dir ${modelsDir} --bars <bars.csv.gz> --activate`;
}

/** The registry root, from where the service records bars (<models.dir>/bars); null when it records none. */
export function modelsDir(s: ModelService | undefined): string | null {
  const d = s?.recorded_bars?.dir;
  return d ? d.replace(/[/\\]bars$/, '') : null;
}

/** Drift level → the panel's status class (badge colours shared with the compliance page). */
export function levelClass(level: string | null | undefined): 'ok' | 'warning' | 'breach' | 'unknown' {
  switch ((level ?? '').toUpperCase()) {
    case 'OK': return 'ok';
    case 'WARN': case 'WARNING': return 'warning';
    case 'ALARM': return 'breach';
    default: return 'unknown';
  }
}

/** UTC ms → "2014-05-01" on {@code zone}'s clock (UTC by default); absent or zero → em dash. */
export function day(ms: number | null | undefined, zone = 'UTC'): string {
  if (!isNum(ms) || ms <= 0) return DASH;
  return date(ms, zone);
}

/** The training window as dates: "2014-05-01 → 2014-05-15". */
export function trainingWindow(fromMs: number | null | undefined, toMs: number | null | undefined, zone = 'UTC'): string {
  return `${day(fromMs, zone)} → ${day(toMs, zone)}`;
}

/** The first characters of a SHA-256, enough to tell versions apart. */
export function shortSha(sha: string | null | undefined, n = 10): string {
  return sha ? sha.slice(0, n) : DASH;
}

export interface LiveRow { version: number; served: boolean; trades: number; winRate: N; liveBrier: N; holdoutBrier: N; delta: N }

/**
 * One row per version with a live record (plus the served one, even before its first trade): live Brier next to the
 * holdout Brier it was published with; delta = live − holdout (positive = worse live than on the holdout).
 */
export function liveRows(reg: RegistryState, live: Record<string, LiveStats> | undefined): LiveRow[] {
  const versions = new Set<number>(Object.keys(live ?? {}).map(Number));
  if (reg.served !== null) versions.add(reg.served);
  return [...versions].sort((a, b) => b - a).map((v) => {
    const st = live?.[String(v)];
    const holdout = reg.versions.find((x) => x.version === v)?.holdout_brier ?? null;
    const liveBrier = st?.brier ?? null;
    return {
      version: v, served: v === reg.served, trades: st?.trades ?? 0, winRate: st?.win_rate ?? null, liveBrier,
      holdoutBrier: holdout, delta: isNum(liveBrier) && isNum(holdout) ? liveBrier - holdout : null,
    };
  });
}

/** The automatic rollback rule in words, as ModelService applies it (LiveMetrics.check). */
export function rollbackRule(rule: { margin: N; min_trades: number } | undefined): string {
  if (!rule) return 'rollback rule not reported';
  if (!(rule.min_trades > 0)) return 'automatic rollback is off (models.rollback.min.trades = 0)';
  return `rolls back automatically once the served version has ${rule.min_trades} live trades and its live Brier exceeds `
    + `the previous version's (live when that has ${rule.min_trades} trades, else its holdout Brier) by more than ${num(rule.margin, 3)}`;
}

export interface DriftBarGeometry {
  feature: string; level: string; psi: N; y: number; barWidth: number;
  /** x of the warn and alarm thresholds of this feature (each feature has its own calibrated thresholds) */
  warnX: number | null; alarmX: number | null;
}

export interface DriftChartGeometry { width: number; height: number; plotX: number; plotWidth: number; scaleMax: number; rows: DriftBarGeometry[]; ticks: { x: number; value: number }[] }

/**
 * Horizontal PSI bars, one row per feature, on a common scale that always shows the highest alarm threshold (so a
 * quiet market reads as "far below the alarm", not as full-width bars). Absent numbers draw no bar / no mark.
 */
export function driftChart(features: FeatureDrift[], width = 640, rowHeight = 22, labelWidth = 150): DriftChartGeometry {
  const plotX = labelWidth;
  const plotWidth = Math.max(10, width - labelWidth - 10);
  let top = 0;
  for (const f of features) for (const v of [f.psi, f.warnAt, f.alarmAt]) if (isNum(v) && v > top) top = v;
  const scaleMax = top > 0 ? top * 1.1 : 1;
  const x = (v: N) => (isNum(v) ? plotX + (Math.max(0, v) / scaleMax) * plotWidth : null);
  const rows = features.map((f, i) => ({
    feature: f.feature, level: f.level, psi: f.psi, y: i * rowHeight,
    barWidth: isNum(f.psi) ? (Math.max(0, f.psi) / scaleMax) * plotWidth : 0, warnX: x(f.warnAt), alarmX: x(f.alarmAt),
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((q) => ({ x: plotX + q * plotWidth, value: q * scaleMax }));
  return { width, height: features.length * rowHeight + 20, plotX, plotWidth, scaleMax, rows, ticks };
}
