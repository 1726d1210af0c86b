import { describe, expect, it } from 'vitest';
import { labCurveOption, riskPerTradeOf, sourceText, strategyReasonOf, verdictOf, type RiskPerTrade } from '../src/riskpertrade';

// the shape of risk_per_trade in GET /api/governors (docs/api.md), with the bundled lab file's ftmo-2step numbers
const lab: RiskPerTrade = {
  pct: 0.25, source: 'lab', firm: 'ftmo-2step',
  note: "the challenge lab's lowest risk for ftmo-2step: no risk level passes ftmo-2step's challenge with P(breach) ≤ 10 % …",
  lab: {
    firm: 'ftmo-2step', breach_bound: 0.1, risk_pct: 0.25, advised: false,
    verdict: "no risk level passes ftmo-2step's challenge with P(breach) ≤ 10 % (P(pass) is 0 wherever P(breach) is within the bound): "
      + 'the lab advises not to trade this strategy on this firm (default: the curve\'s lowest risk, 0.25 %)',
    p_pass: 0, p_breach: 0.0005,
    points: [{ risk_pct: 0.25, p_pass: 0, p_breach: 0.0005 }, { risk_pct: 0.5, p_pass: 0.001, p_breach: 0.2 }],
  },
  lab_file: { version: 'risk-08eba81802d9', command_line: 'vprop challenge … --write-risk-default F', input: 'r.json', input_sha256: '5cca' },
};

describe('risk per trade', () => {
  it('reads it from the governors answer, and nothing from an older one', () => {
    expect(riskPerTradeOf({ risk_per_trade: lab })?.pct).toBe(0.25);
    expect(riskPerTradeOf({ accounts: {} })).toBeNull();
    expect(riskPerTradeOf(null)).toBeNull();
  });

  it('names the lab with the firm and P(pass), P(breach) at that risk', () => {
    expect(sourceText(lab)).toBe('challenge lab for ftmo-2step: P(pass) 0.00 %, P(breach) 0.05 % at 0.25 % (bound 10 %)');
  });

  it('names the configuration and the built-in value', () => {
    expect(sourceText({ ...lab, source: 'config', pct: 0.5 })).toBe('set by the configuration (risk.per.trade.pct)');
    expect(sourceText({ ...lab, source: 'built_in', lab: null, note: 'built in: the challenge lab was not run on my.json' }))
      .toBe('built in (the challenge lab was not run on my.json)');
  });

  it("shows the lab's negative verdict, even when the configuration overrides the risk", () => {
    expect(verdictOf(lab)).toContain('the lab advises not to trade this strategy on this firm');
    expect(verdictOf({ ...lab, source: 'config', pct: 1 })).toContain('advises not to trade');
    expect(verdictOf({ ...lab, lab: { ...lab.lab!, advised: true, verdict: '' } })).toBeNull();
  });

  it("draws the lab's curve with the Challenge page's chart, the bound as a line", () => {
    const o = labCurveOption(lab) as { series: { name: string; data: number[][]; markLine?: { data: { yAxis: number }[] } }[] };
    expect(o.series[0].name).toBe('P(pass all)');
    expect(o.series[0].data).toEqual([[0.25, 0], [0.5, 0.1]]);
    expect(o.series[1].data).toEqual([[0.25, 0.05], [0.5, 20]]);
    expect(o.series[1].markLine?.data[0].yAxis).toBe(10);
    expect(labCurveOption({ ...lab, lab: null })).toBeNull();
  });
});

describe("the demo's strategy banner", () => {
  it('says why the demo runs its stand-in, and nothing when there is no reason', () => {
    const reason = 'Demo strategy: EMA crossover, not the signal engine — the calibrated engine made 0 trades in 12 weeks';
    expect(strategyReasonOf({ strategy: { running: 'demo', reason } })).toBe(reason);
    expect(strategyReasonOf({ strategy: { running: 'engine', reason: '' } })).toBeNull();
    expect(strategyReasonOf({})).toBeNull();
  });
});
