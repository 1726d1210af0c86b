import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { get, post, readLink } from '../api';
import {
  daysOption, defaultForm, failureOption, headline, mainFailure, riskCurveOption, runBody, toBase64,
  type FirmResult, type Form, type Overview, type RunStatus,
} from '../challenge';
import { DASH, int, money, num, pct, time } from '../format';
import type { Page } from '../page';
import { card, h, kpi, nodata, table } from '../ui';
import './challenge.css';

// The challenge lab on a history: an uploaded file (MT5 report, CSV, research result), the newest research result
// in the sidecar's research folder, or the live journal's closed trades (GET/POST /api/challenge…, docs/web-panel.md).
// The plots are ECharts, as in the lab's HTML report: a risk curve (x = risk per trade in %), a histogram of days
// and a bar chart by rule have no time axis, and lightweight-charts draws only time (or price) scales, without axis
// titles to carry the units.

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** What outlives a render (the panel re-renders pages on navigation): the form, the chosen file, the last run. */
const state: {
  form: Form | null; file: { name: string; base64: string; bytes: number } | null; run: RunStatus | null; message: string;
} = { form: null, file: null, run: null, message: '' };

const ZONES = ['Broker/US-DST', 'Broker/EU-DST', 'UTC', 'UTC+02:00', 'UTC+03:00', 'Europe/Athens', 'Europe/Prague', 'America/New_York'];

function field(label: string, control: HTMLElement, hint = ''): HTMLElement {
  return h('label', { class: 'lab-field' }, h('span', { class: 'kpi-label' }, label), control, hint ? h('span', { class: 'muted lab-hint' }, hint) : null);
}

function input(value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { value, ...attrs });
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

function checkbox(checked: boolean, onChange: (v: boolean) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { type: 'checkbox', ...attrs });
  el.checked = checked;
  el.addEventListener('change', () => onChange(el.checked));
  return el;
}

function sourceCard(o: Overview, f: Form, redraw: () => void): HTMLElement {
  const radio = (value: Form['source'], label: string, disabled: boolean) => {
    const el = h('input', { type: 'radio', name: 'lab-source', value, 'data-source': value, disabled });
    el.checked = f.source === value;
    el.addEventListener('change', () => { f.source = value; redraw(); });
    return h('label', { class: 'lab-radio' }, el, label);
  };
  const fileInput = h('input', { type: 'file', 'data-challenge-file': 'true', accept: '.html,.htm,.xlsx,.csv,.tsv,.txt,.json' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    if (file.size > o.limits.max_upload_bytes) {
      state.file = null;
      state.message = `${file.name}: ${int(file.size)} bytes, more than the ${int(o.limits.max_upload_bytes)} bytes an upload may have`;
    } else {
      state.file = { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())), bytes: file.size };
      state.message = '';
    }
    redraw();
  });
  const r = o.research;
  const research = r.file
    ? `Newest research result: ${r.file} (${r.format ?? 'unreadable'}${r.trades !== undefined ? `, ${int(r.trades)} trades` : ''}`
      + `${r.modified_ms ? `, written ${time(r.modified_ms)} UTC` : ''})${r.error ? ` — ${r.error}` : ''}`
    : 'No research result yet';
  return card('History',
    h('div', { class: 'lab-sources' },
      radio('upload', 'Upload a file', false),
      radio('research', research, !r.file || !!r.error),
      radio('journal', `Live journal: ${int(o.journal.closed_trades)} closed trades`, o.journal.closed_trades === 0)),
    r.file ? null : h('div', { class: 'nodata', 'data-nodata': 'research' }, `No walk-forward or backtest result in ${r.dir}: `,
      h('code', {}, r.how ?? ''), '.'),
    o.journal.note ? h('p', { class: 'muted' }, o.journal.note) : null,
    f.source === 'upload' ? h('div', { class: 'lab-row' },
      field('File', fileInput, state.file ? `${state.file.name}, ${int(state.file.bytes)} bytes` : 'MT5 account or Strategy Tester report (HTML, Excel), CSV of deals or positions, VProp result.json'),
      field('Server time zone', input(f.serverTz, (v) => { f.serverTz = v; }, { list: 'lab-zones', 'data-server-tz': 'true' }),
        'MT5 writes the broker\'s server time: most FX brokers run Broker/US-DST (GMT+2, GMT+3 in US summer)'),
      h('datalist', { id: 'lab-zones' }, ...ZONES.map((z) => h('option', { value: z })))) : null,
    f.source !== 'research' ? field('Account currency', input(f.currency, (v) => { f.currency = v; }, { placeholder: 'as the file states', size: '8' }),
      'needed for CSVs and the journal, which do not state it') : null);
}

function settingsCard(o: Overview, f: Form, redraw: () => void): HTMLElement {
  const firms = o.firms.map((x) => h('label', { class: 'lab-check' }, checkbox(f.firms.includes(x.id), (on) => {
    f.firms = on ? o.firms.map((y) => y.id).filter((id) => id === x.id || f.firms.includes(id)) : f.firms.filter((id) => id !== x.id);
  }, { 'data-firm': x.id }), x.name));
  const method = h('select', { 'data-method': 'true' }, ...['both', 'bootstrap', 'historical'].map((m) => {
    const opt = h('option', { value: m }, m === 'both' ? 'both methods' : m === 'bootstrap' ? 'block bootstrap' : 'historical start dates');
    opt.selected = f.method === m;
    return opt;
  }));
  method.addEventListener('change', () => { f.method = method.value; });
  return card('Firms and risk',
    h('div', { class: 'lab-firms' }, ...firms),
    h('div', { class: 'lab-row' },
      field('Account size', input(f.balance, (v) => { f.balance = v; }, { size: '9', 'data-balance': 'true' }), 'in the history\'s currency'),
      field('Risk per trade, %', input(f.riskPct, (v) => { f.riskPct = v; }, { size: '5', 'data-risk': 'true' }),
        '% of the account size at the trade\'s stop'),
      h('label', { class: 'lab-check' }, checkbox(f.recorded, (v) => { f.recorded = v; redraw(); }), 'replay the trades at their recorded size'),
      field('P(breach) bound, %', input(f.breachBoundPct, (v) => { f.breachBoundPct = v; }, { size: '5' }), 'for the best risk on the curve')),
    h('div', { class: 'lab-row' },
      h('label', { class: 'lab-check' }, checkbox(f.curve, (v) => { f.curve = v; redraw(); }, { 'data-curve': 'true' }), 'risk curve'),
      field('from, %', input(f.curveFrom, (v) => { f.curveFrom = v; }, { size: '5', 'data-curve-from': 'true' })),
      field('to, %', input(f.curveTo, (v) => { f.curveTo = v; }, { size: '5', 'data-curve-to': 'true' })),
      field('step, %', input(f.curveStep, (v) => { f.curveStep = v; }, { size: '5', 'data-curve-step': 'true' })),
      field('paths per point', input(f.curvePaths, (v) => { f.curvePaths = v; }, { size: '6', 'data-curve-paths': 'true' }))),
    h('div', { class: 'lab-row' },
      field('Method', method),
      field('Bootstrap paths per firm', input(f.paths, (v) => { f.paths = v; }, { size: '7', 'data-paths': 'true' }),
        `at most ${int(o.limits.max_paths)}`),
      field('Seed', input(f.seed, (v) => { f.seed = v; }, { size: '6' }), 'same seed, same result')));
}

function progress(run: RunStatus): HTMLElement {
  const frac = run.total_paths > 0 ? run.done_paths / run.total_paths : 0;
  return h('div', { class: 'lab-progress', 'data-run-state': run.state, 'data-run-id': run.id },
    h('div', { class: 'meter-bar' }, h('div', { class: 'meter-fill', style: `width:${(100 * frac).toFixed(1)}%` })),
    h('span', { class: 'meter-caption' }, `${run.state} · ${int(run.done_paths)} of ${int(run.total_paths)} paths (${pct(frac, 0)})`
      + ` · ${num(run.elapsed_s, 1)} s${run.eta_s !== null ? ` · about ${int(run.eta_s)} s left` : ''} · ${int(run.trades)} trades of ${run.source}`),
    run.error ? h('div', { class: 'error', 'data-run-error': 'true' }, run.error) : null);
}

const rateText = (r: { p: number | null; lo95: number | null; hi95: number | null }) =>
  r.p === null ? DASH : `${pct(r.p)} (95 %: ${pct(r.lo95)} – ${pct(r.hi95)})`;

/** Runs {@code fn} once {@code el} is in the document (a page is rendered detached, then swapped in), so charts get a size. */
function whenAttached(el: HTMLElement, fn: () => void, tries = 60): void {
  requestAnimationFrame(() => {
    if (el.isConnected) fn();
    else if (tries > 0) whenAttached(el, fn, tries - 1);
  });
}

function firmCard(f: FirmResult, charts: echarts.ECharts[]): HTMLElement {
  const m = headline(f);
  const fail = m ? mainFailure(m) : null;
  const six = m?.fundedSurvival[m.fundedSurvival.length - 1];
  const fees = m?.expectedFeesPerFundedAccount;
  const best = f.riskCurve?.bestRiskPct;
  const rows = f.methods.map((x) => [x.method, x.unfinished > 0 ? `${int(x.paths - x.unfinished)} of ${int(x.paths)}` : int(x.paths),
    rateText(x.passAll), pct(x.breach.p), x.expectedFeesPerFundedAccount === null ? (x.passAll.p === 0 ? '∞' : DASH) : num(x.expectedFeesPerFundedAccount, 2),
    x.daysToPassAll.count ? `${x.daysToPassAll.p50} days (p10–p90 ${x.daysToPassAll.p10}–${x.daysToPassAll.p90})` : DASH,
    x.fundedSurvival.map((s) => pct(s.survives.p)).join(' / ')]);
  const div = (kind: string) => h('div', { class: 'chart lab-chart', id: `lab-${kind}-${f.firm}`, 'data-chart': `${kind}.${f.firm}` });
  const el = h('section', { class: 'card wide', 'data-firm-result': f.firm },
    h('h2', {}, `${f.name} · ${f.firm}`),
    h('div', { class: 'kpis' },
      kpi(`P(pass all phases), ${m?.method ?? ''}`, pct(m?.passAll.p), `pass.${f.firm}`),
      kpi('95 % interval', m && m.passAll.p !== null ? `${pct(m.passAll.lo95)} – ${pct(m.passAll.hi95)}` : DASH, `pass95.${f.firm}`),
      kpi('P(breach)', pct(m?.breach.p), `breach.${f.firm}`),
      kpi('Main failure', fail ? `${fail.rule} (${pct(fail.p)})` : 'none'),
      kpi('Fees per funded account', fees === null || fees === undefined ? (m?.passAll.p === 0 ? '∞ fees' : DASH) : `${num(fees, 2)} fees`, `fees.${f.firm}`),
      kpi('Median days to pass', m && m.daysToPassAll.count ? `${m.daysToPassAll.p50} days` : DASH),
      kpi('Funded survives 6 months', pct(six?.survives.p)),
      kpi(`Best risk, P(breach) ≤ ${pct(f.riskCurve?.breachBound ?? null, 0)}`, best === null || best === undefined ? (f.riskCurve ? 'none on the grid' : DASH) : `${num(best, 2)} % per trade`)),
    table(['Method', 'Paths', 'P(pass all) (95 % interval)', 'P(breach)', 'Fees per funded account', 'Days to pass, median', 'Funded survives 1 / 3 / 6 months'],
      rows, { 'data-methods': f.firm }),
    h('p', { class: 'muted' }, `Phases: ${f.phases.map((p) => p.funded ? `${p.name} (funded)` : `${p.name} (target ${num(p.targetPct, 1)} %, ${p.minTradingDays} min. trading days)`).join('; ')}. `
      + `${int(f.historyDays)} history days on the firm's clock; bootstrap blocks of ${num(f.meanBlockDays, 2)} days on average. Fees per funded account = 1 / P(pass all), independent attempts.`),
    h('div', { class: 'lab-charts' }, div('risk'), div('days'), div('fail')));
  whenAttached(el, () => {
    const draw = (kind: string, option: Record<string, unknown> | null, empty: string) => {
      const target = el.querySelector<HTMLElement>(`#lab-${kind}-${CSS.escape(f.firm)}`);
      if (!target) return;
      if (!option) {
        target.replaceChildren(nodata(empty));
        return;
      }
      const c = echarts.init(target, null, { renderer: 'canvas' });
      c.setOption(option);
      charts.push(c);
    };
    draw('risk', riskCurveOption(f), 'No risk curve in this run.');
    draw('days', daysOption(f), 'Days to pass: no path passed every phase.');
    draw('fail', failureOption(f), 'Failures by rule: no path failed a rule.');
  });
  return el;
}

function results(run: RunStatus, charts: echarts.ECharts[]): HTMLElement {
  const r = run.result;
  if (!r) return h('div', {});
  const t = r.trades;
  const summary = card('Run',
      h('p', { 'data-lab-summary': 'true' }, `${r.source}: ${int(t.kept)} of ${int(t.total)} trades taken at `
        + `${r.riskPctPerTrade === null ? 'their recorded size' : `${num(r.riskPctPerTrade, 2)} % risk per trade`} on ${money(r.initialBalance, r.currency, 0)}; `
        + `seed ${r.seed}, ${num(r.elapsedMs / 1000, 1)} s.`),
      h('p', { class: 'muted' }, `${int(t.skippedZeroLots)} trades rounded to 0 lots; ${int(t.withProxyRisk)} without a stated risk use the median loss`
        + ` (${t.proxyRiskMoney === null ? DASH : money(t.proxyRiskMoney, r.currency)}) as 1 R; ${int(t.withAssumedWorst)} without a recorded worst `
        + 'excursion are assumed to reach −1 R before they close (docs/challenge-lab.md).'),
      h('a', { href: readLink(`/api/challenge/runs/${encodeURIComponent(run.id)}/report.html`), target: '_blank', 'data-report-link': 'true' }, 'HTML report of this run'));
  summary.classList.add('wide');
  return h('div', { class: 'grid', 'data-lab-result': run.id }, summary, ...r.firms.map((f) => firmCard(f, charts)));
}

let poll = 0;

export const challenge: Page = {
  id: 'challenge',
  title: 'Challenge',
  events: [],
  refreshMs: 24 * 3_600_000, // a form: redrawn by its own actions, not on a timer
  async render(root) {
    const o = await get<Overview>('/api/challenge');
    if (!state.form) state.form = defaultForm(o);
    if (!state.run && o.last_run) state.run = await get<RunStatus>(`/api/challenge/runs/${encodeURIComponent(o.last_run.id)}`);
    const f = state.form;
    const charts: echarts.ECharts[] = [];
    const out = h('div', {});
    const disposeCharts = () => { while (charts.length) charts.pop()!.dispose(); };

    const drawOutput = () => {
      disposeCharts();
      const run = state.run;
      out.replaceChildren(
        state.message ? h('div', { class: 'card error', 'data-lab-message': 'true' }, state.message) : h('div', {}),
        run ? progress(run) : h('div', {}),
        run && run.state === 'done' ? results(run, charts) : h('div', {}));
    };

    const watch = (id: string) => {
      window.clearInterval(poll);
      poll = window.setInterval(async () => {
        try {
          const s = await get<RunStatus>(`/api/challenge/runs/${encodeURIComponent(id)}`);
          state.run = s;
          if (s.state !== 'running' && s.state !== 'queued') window.clearInterval(poll);
        } catch (e) {
          state.message = (e as Error).message;
          window.clearInterval(poll);
        }
        drawOutput();
      }, 500);
    };

    const runButton = h('button', { type: 'button', class: 'action', 'data-run': 'true' }, 'Run the lab');
    const cancelButton = h('button', { type: 'button', class: 'action', 'data-cancel': 'true' }, 'Cancel');
    runButton.addEventListener('click', async () => {
      try {
        const body = runBody(f, state.file ?? undefined);
        state.message = '';
        runButton.disabled = true;
        state.run = await post<RunStatus>('/api/challenge/runs', body);
        watch(state.run.id);
      } catch (e) {
        state.message = (e as Error).message;
      } finally {
        runButton.disabled = false;
      }
      drawOutput();
    });
    cancelButton.addEventListener('click', async () => {
      if (!state.run) return;
      try {
        state.run = await post<RunStatus>(`/api/challenge/runs/${encodeURIComponent(state.run.id)}/cancel`);
      } catch (e) {
        state.message = (e as Error).message;
      }
      drawOutput();
    });

    const form = h('div', { class: 'grid' });
    const drawForm = () => form.replaceChildren(sourceCard(o, f, drawForm), settingsCard(o, f, drawForm));
    drawForm();
    root.append(
      h('header', { class: 'page' }, h('h1', {}, 'Challenge lab'),
        h('span', { class: 'sub' }, `P(pass) of each firm's challenge by replaying a history through its exact rules · runs on the sidecar, `
          + `${o.limits.threads} thread${o.limits.threads === 1 ? '' : 's'}, at most ${int(o.limits.max_run_seconds)} s`)),
      form,
      h('div', { class: 'actions lab-actions' }, runButton, cancelButton),
      out);
    drawOutput();
    if (state.run && (state.run.state === 'running' || state.run.state === 'queued')) watch(state.run.id);
    return () => {
      window.clearInterval(poll);
      disposeCharts();
    };
  },
};
