// The Challenge page's data and pure helpers: the request body of POST /api/challenge/runs, the lab's result as
// LabJson writes it (challenge/…/sim/LabJson.java; probabilities are fractions, days calendar days, money in the
// result's currency) and the chart options. The options are the HTML report's (LabHtml) in the panel's colours, so
// the page shows the same plots; they are plain objects, tested without a browser.

export interface Rate { successes: number; trials: number; p: number | null; lo95: number | null; hi95: number | null }
export interface Days {
  count: number; meanDays: number | null; p10: number; p25: number; p50: number; p75: number; p90: number; maxDays: number;
  histogram: number[];
}
export interface MethodResult {
  method: string; paths: number; unfinished: number; passAll: Rate; breach: Rate; failByRule: Record<string, Rate>;
  expectedFeesPerFundedAccount: number | null; daysToPassAll: Days;
  phases: { phase: string; reached: number; pass: Rate; failByRule: Record<string, Rate>; horizon: Rate; daysToPass: Days }[];
  fundedSurvival: { months: number; days: number; survives: Rate; censored: number }[];
}
export interface RiskPoint { riskPct: number; passAll: Rate; breach: Rate; tradesSkippedZeroLots: number }
export interface FirmResult {
  firm: string; name: string; historyDays: number; meanBlockDays: number | null; blockRule: string;
  phases: { name: string; profileId: string; funded: boolean; targetPct: number; minTradingDays: number; source: string; note: string }[];
  methods: MethodResult[];
  riskCurve?: { breachBound: number; bestRiskPct: number | null; rule: string; points: RiskPoint[] };
}
export interface LabResult {
  source: string; currency: string; initialBalance: number; riskPctPerTrade: number | null; seed: number;
  threads: number; elapsedMs: number;
  trades: { total: number; kept: number; skippedZeroLots: number; withProxyRisk: number; proxyRiskMoney: number | null; withAssumedWorst: number };
  firms: FirmResult[];
}

export interface RunStatus {
  id: string; state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'; source: string; trades: number;
  done_paths: number; total_paths: number; elapsed_s: number; eta_s: number | null; limit_s: number; error: string;
  result?: LabResult | null;
}

export interface Overview {
  firms: { id: string; name: string }[];
  defaults: { balance: number; risk_pct: number; risk_curve: { from: number; to: number; step: number }; curve_paths: number;
    paths: number; seed: number; breach_bound_pct: number; method: string; server_tz: string };
  limits: { max_upload_bytes: number; max_paths: number; max_run_seconds: number; threads: number };
  formats: { id: string; description: string; needs_server_tz: boolean }[];
  research: { dir: string; file: string | null; how?: string; format?: string; trades?: number; source?: string; error?: string; modified_ms?: number };
  journal: { closed_trades: number; note?: string };
  last_run: RunStatus | null;
}

/** What the form holds; numbers as typed (strings), read and checked by {@link runBody}. */
export interface Form {
  source: 'upload' | 'research' | 'journal';
  serverTz: string; currency: string; firms: string[]; balance: string; recorded: boolean; riskPct: string;
  curve: boolean; curveFrom: string; curveTo: string; curveStep: string; curvePaths: string; method: string;
  paths: string; seed: string; breachBoundPct: string;
}

export function defaultForm(o: Overview): Form {
  const d = o.defaults;
  return {
    source: 'upload', serverTz: d.server_tz, currency: '', firms: o.firms.map((f) => f.id), balance: String(d.balance),
    recorded: false, riskPct: String(d.risk_pct), curve: true, curveFrom: String(d.risk_curve.from), curveTo: String(d.risk_curve.to),
    curveStep: String(d.risk_curve.step), curvePaths: String(d.curve_paths), method: d.method, paths: String(d.paths),
    seed: String(d.seed), breachBoundPct: String(d.breach_bound_pct),
  };
}

/** A typed number, named in the error when it is not one. */
function number(label: string, text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) throw new Error(`${label}: "${text}" is not a number`);
  return v;
}

/** The body of POST /api/challenge/runs; the file (upload only) as its name and base64 bytes. */
export function runBody(f: Form, file?: { name: string; base64: string }): Record<string, unknown> {
  if (f.firms.length === 0) throw new Error('choose at least one firm');
  const body: Record<string, unknown> = {
    source: f.source, firms: f.firms, balance: number('account size', f.balance),
    risk_pct: f.recorded ? null : number('risk per trade', f.riskPct), method: f.method, paths: number('paths', f.paths),
    seed: number('seed', f.seed), breach_bound_pct: number('P(breach) bound', f.breachBoundPct),
    risk_curve: f.curve ? { from: number('risk curve from', f.curveFrom), to: number('risk curve to', f.curveTo),
      step: number('risk curve step', f.curveStep) } : null,
    curve_paths: number('paths per risk-curve point', f.curvePaths),
  };
  if (f.serverTz.trim()) body.server_tz = f.serverTz.trim();
  if (f.currency.trim()) body.currency = f.currency.trim();
  if (f.source === 'upload') {
    if (!file) throw new Error('choose a file to upload');
    body.file_name = file.name;
    body.content_base64 = file.base64;
  }
  return body;
}

/** Bytes as base64, in chunks (a 20 MB report would overflow String.fromCharCode's arguments at once). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The method the headline numbers come from: the bootstrap when it ran (its interval is honest), else the first. */
export function headline(f: FirmResult): MethodResult | undefined {
  return f.methods.find((m) => m.method === 'bootstrap') ?? f.methods[0];
}

/** The rule that failed most paths, with its probability; null when none failed. */
export function mainFailure(m: MethodResult): { rule: string; p: number } | null {
  let best: { rule: string; p: number } | null = null;
  for (const [rule, r] of Object.entries(m.failByRule)) if (r.p !== null && (best === null || r.p > best.p)) best = { rule, p: r.p };
  return best;
}

/** 0.4567 → 45.7 (percent, for a chart); null stays null. */
const pc = (v: number | null | undefined) => (v === null || v === undefined ? null : +(100 * v).toFixed(2));

const AXIS = { axisLine: { lineStyle: { color: '#8193a8' } }, axisLabel: { color: '#8193a8' }, splitLine: { lineStyle: { color: '#1f2937' } },
  nameTextStyle: { color: '#8193a8' } };
const TITLE = (text: string) => ({ text, textStyle: { fontSize: 13, color: '#d6dde6', fontWeight: 600 } });
const LEGEND = { bottom: 0, textStyle: { color: '#d6dde6' } };

/** P(pass all) and P(breach) against risk per trade, with the breach bound as a line (the report's "risk curve"). */
export function riskCurveOption(f: FirmResult): Record<string, unknown> | null {
  const c = f.riskCurve;
  if (!c) return null;
  return {
    animation: false, backgroundColor: 'transparent', title: TITLE('Risk curve (bootstrap)'), tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} %` },
    legend: LEGEND, grid: { left: 50, right: 50, bottom: 55, top: 40 },
    xAxis: { type: 'value', name: 'risk per trade, %', nameLocation: 'middle', nameGap: 25, min: 'dataMin', max: 'dataMax', ...AXIS },
    yAxis: { type: 'value', name: 'probability, %', min: 0, max: 100, ...AXIS },
    series: [
      { name: 'P(pass all)', type: 'line', color: '#34d399', data: c.points.map((p) => [p.riskPct, pc(p.passAll.p)]) },
      { name: 'P(breach)', type: 'line', color: '#f87171', data: c.points.map((p) => [p.riskPct, pc(p.breach.p)]),
        markLine: { symbol: 'none', label: { color: '#8193a8', formatter: 'bound' }, lineStyle: { color: '#f59e0b', type: 'dashed' },
          data: [{ yAxis: pc(c.breachBound) }] } },
    ],
  };
}

/** Paths by calendar days to pass every challenge phase (the headline method); null when no path passed. */
export function daysOption(f: FirmResult): Record<string, unknown> | null {
  const m = headline(f);
  if (!m || m.daysToPassAll.count === 0) return null;
  const hist = m.daysToPassAll.histogram;
  return {
    animation: false, backgroundColor: 'transparent', title: TITLE(`Days to pass all phases (${m.method})`), tooltip: {},
    grid: { left: 50, right: 15, bottom: 45, top: 40 },
    xAxis: { type: 'category', name: 'calendar days', nameLocation: 'middle', nameGap: 25, data: hist.map((_, d) => d), ...AXIS },
    yAxis: { type: 'value', name: 'paths', ...AXIS },
    series: [{ type: 'bar', name: 'paths', color: '#38bdf8', data: hist }],
  };
}

/** Each rule's share of failed paths, per method (the report's "failures by rule"); null when no path failed. */
export function failureOption(f: FirmResult): Record<string, unknown> | null {
  const rules = [...new Set(f.methods.flatMap((m) => Object.keys(m.failByRule)))];
  if (rules.length === 0) return null;
  return {
    animation: false, backgroundColor: 'transparent', title: TITLE('Failures by rule'), tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} %` },
    legend: LEGEND, grid: { left: 50, right: 15, bottom: 55, top: 40 },
    xAxis: { type: 'category', data: rules, ...AXIS }, yAxis: { type: 'value', name: '% of paths', ...AXIS },
    series: f.methods.map((m, i) => ({ name: m.method, type: 'bar', color: i === 0 ? '#f87171' : '#f59e0b',
      data: rules.map((r) => (m.failByRule[r] ? pc(m.failByRule[r].p) : 0)) })),
  };
}
