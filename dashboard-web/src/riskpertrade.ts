// The risk per trade the sidecar trades at and where it came from (`risk_per_trade` of GET /api/governors, docs/api.md),
// and why the demo runs its stand-in strategy (`strategy`). Pure helpers, tested without a browser; the risk curve's
// chart option is the Challenge page's own (riskCurveOption), fed with the lab file's curve.
import { riskCurveOption, type FirmResult } from './challenge';
import { pct, pctValue } from './format';

export interface LabPoint { risk_pct: number; p_pass: number | null; p_breach: number | null }
export interface LabChoice {
  firm: string; breach_bound: number; risk_pct: number; advised: boolean; verdict: string;
  p_pass: number | null; p_breach: number | null; points: LabPoint[];
}
export interface RiskPerTrade {
  pct: number; source: 'config' | 'lab' | 'built_in'; firm: string; note: string; lab: LabChoice | null;
  lab_file: { version: string; command_line: string; input: string; input_sha256: string } | null;
}

/** `risk_per_trade` of a /api/governors answer, or null (an older sidecar, or none sent yet). */
export function riskPerTradeOf(governors: unknown): RiskPerTrade | null {
  const r = (governors as { risk_per_trade?: RiskPerTrade | null } | null)?.risk_per_trade;
  return r && typeof r.pct === 'number' ? r : null;
}

/** Where the number comes from, in words: the lab (firm, P(pass), P(breach) at that risk), the configuration or built in. */
export function sourceText(r: RiskPerTrade): string {
  if (r.source === 'config') return 'set by the configuration (risk.per.trade.pct)';
  if (r.source === 'built_in') return `built in (${r.note.replace(/^built in: /, '')})`;
  const l = r.lab;
  if (!l) return 'challenge lab';
  return `challenge lab for ${l.firm}: P(pass) ${pct(l.p_pass, 2)}, P(breach) ${pct(l.p_breach, 2)} at ${pctValue(l.risk_pct, 2)}`
    + ` (bound ${pct(l.breach_bound, 0)})`;
}

/** The lab's negative verdict, shown in the panel whatever the source: the lab advises against trading. */
export function verdictOf(r: RiskPerTrade): string | null {
  return r.lab && !r.lab.advised && r.lab.verdict ? r.lab.verdict : null;
}

/** The lab file's curve as the Challenge page's risk-curve chart option, or null without a lab curve. */
export function labCurveOption(r: RiskPerTrade): Record<string, unknown> | null {
  const l = r.lab;
  if (!l || !l.points.length) return null;
  const rate = (p: number | null) => ({ successes: 0, trials: 0, p, lo95: null, hi95: null });
  const firm = {
    firm: l.firm, name: l.firm, historyDays: 0, meanBlockDays: null, blockRule: '', phases: [], methods: [],
    riskCurve: { breachBound: l.breach_bound, bestRiskPct: l.advised ? l.risk_pct : null, rule: '',
      points: l.points.map((p) => ({ riskPct: p.risk_pct, passAll: rate(p.p_pass), breach: rate(p.p_breach), tradesSkippedZeroLots: 0 })) },
  } satisfies FirmResult;
  return riskCurveOption(firm);
}

/** Why the demo runs its stand-in instead of the signal engine (`strategy.reason`), or null. */
export function strategyReasonOf(governors: unknown): string | null {
  const s = (governors as { strategy?: { running: string; reason: string } | null } | null)?.strategy;
  return s && s.reason ? s.reason : null;
}
