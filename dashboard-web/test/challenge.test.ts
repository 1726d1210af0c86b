import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  daysOption, defaultForm, failureOption, headline, mainFailure, riskCurveOption, runBody, toBase64, type LabResult, type Overview,
} from '../src/challenge';

// fixtures/lab-result.json is the real output of
// vprop challenge challenge/src/test/resources/history/ReportHistory-51234567.html --server-tz Broker/US-DST
//   --firm ftmo-2step,e8-one --paths 500 --risk-curve 0.5..1.5:0.5 --curve-paths 200 --json
const lab = JSON.parse(readFileSync(new URL('./fixtures/lab-result.json', import.meta.url), 'utf8')) as LabResult;
const [ftmo, e8] = lab.firms;

const overview: Overview = {
  firms: [{ id: 'ftmo-2step', name: 'FTMO 2-Step' }, { id: 'e8-one', name: 'E8 One' }],
  defaults: { balance: 100000, risk_pct: 1, risk_curve: { from: 0.25, to: 3, step: 0.25 }, curve_paths: 2000, paths: 10000, seed: 1,
    breach_bound_pct: 20, method: 'both', server_tz: 'Broker/US-DST' },
  limits: { max_upload_bytes: 20_000_000, max_paths: 50_000, max_run_seconds: 600, threads: 1 },
  formats: [], research: { dir: '/var/research', file: null, how: 'write one' }, journal: { closed_trades: 0 }, last_run: null,
};

describe('the request body', () => {
  it('carries the defaults, every firm and the file as base64', () => {
    const body = runBody(defaultForm(overview), { name: 'r.html', base64: 'AAEC' });
    expect(body).toEqual({
      source: 'upload', firms: ['ftmo-2step', 'e8-one'], balance: 100000, risk_pct: 1, method: 'both', paths: 10000, seed: 1,
      breach_bound_pct: 20, risk_curve: { from: 0.25, to: 3, step: 0.25 }, curve_paths: 2000, server_tz: 'Broker/US-DST',
      file_name: 'r.html', content_base64: 'AAEC',
    });
  });

  it('says which field is wrong and what is missing', () => {
    const f = defaultForm(overview);
    expect(() => runBody(f)).toThrow('choose a file to upload');
    f.riskPct = 'one';
    expect(() => runBody(f, { name: 'x', base64: '' })).toThrow('risk per trade: "one" is not a number');
    f.firms = [];
    expect(() => runBody(f, { name: 'x', base64: '' })).toThrow('choose at least one firm');
  });

  it('sends null for "as recorded" and "no curve", and no file for the research source', () => {
    const f = defaultForm(overview);
    f.source = 'research';
    f.recorded = true;
    f.curve = false;
    f.serverTz = ' ';
    const body = runBody(f);
    expect(body.risk_pct).toBeNull();
    expect(body.risk_curve).toBeNull();
    expect(body).not.toHaveProperty('content_base64');
    expect(body).not.toHaveProperty('server_tz');
  });
});

describe('base64', () => {
  it('matches node for a file larger than one chunk', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('results', () => {
  it('headline numbers come from the bootstrap when it ran', () => {
    expect(headline(ftmo)?.method).toBe('bootstrap');
    expect(headline(ftmo)?.passAll.p).toBe(1);
    expect(headline({ ...ftmo, methods: ftmo.methods.filter((m) => m.method === 'historical') })?.method).toBe('historical');
  });

  it('the main failure is the rule that failed most paths', () => {
    const m = headline(e8)!;
    const rules = Object.entries(m.failByRule).sort((a, b) => (b[1].p ?? 0) - (a[1].p ?? 0));
    expect(mainFailure(m)).toEqual({ rule: rules[0][0], p: rules[0][1].p });
    expect(mainFailure(headline(ftmo)!)).toBeNull();
  });
});

describe('chart options (the HTML report\'s plots)', () => {
  it('risk curve: risk in % on x, P(pass all) and P(breach) in % on y, the bound as a line', () => {
    const o = riskCurveOption(ftmo) as any;
    expect(o.xAxis.name).toBe('risk per trade, %');
    expect(o.yAxis.name).toBe('probability, %');
    const pts = ftmo.riskCurve!.points;
    expect(o.series[0].data).toEqual(pts.map((p) => [p.riskPct, +(100 * p.passAll.p!).toFixed(2)]));
    expect(o.series[1].data).toEqual(pts.map((p) => [p.riskPct, +(100 * p.breach.p!).toFixed(2)]));
    expect(o.series[1].markLine.data[0].yAxis).toBe(100 * ftmo.riskCurve!.breachBound);
    expect(riskCurveOption({ ...ftmo, riskCurve: undefined })).toBeNull();
  });

  it('days to pass: one bar per calendar day, paths on y', () => {
    const o = daysOption(ftmo) as any;
    const hist = headline(ftmo)!.daysToPassAll.histogram;
    expect(o.xAxis.name).toBe('calendar days');
    expect(o.series[0].data).toEqual(hist);
    expect(o.series[0].data.reduce((a: number, b: number) => a + b, 0)).toBe(headline(ftmo)!.daysToPassAll.count);
    expect(headline(e8)!.daysToPassAll.count).toBe(0);
    expect(daysOption(e8)).toBeNull(); // the page says no path passed instead of an empty chart
  });

  it('failures: every rule of every method, in % of paths', () => {
    const o = failureOption(e8) as any;
    const rules = [...new Set(e8.methods.flatMap((m) => Object.keys(m.failByRule)))];
    expect(o.xAxis.data).toEqual(rules);
    expect(o.yAxis.name).toBe('% of paths');
    expect(o.series.map((s: any) => s.name)).toEqual(e8.methods.map((m) => m.method));
    const boot = e8.methods.findIndex((m) => m.method === 'bootstrap');
    expect(o.series[boot].data).toEqual(rules.map((r) => +(100 * e8.methods[boot].failByRule[r].p!).toFixed(2)));
    expect(failureOption(ftmo)).toBeNull();
  });
});
