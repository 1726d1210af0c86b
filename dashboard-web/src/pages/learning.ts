import { getOptional, post } from '../api';
import { DASH, int, num, pct, rMultiple, signedMoney, time, tone, zoneName } from '../format';
import {
  driftChart, levelClass, liveRows, modelsDir, registriesOf, rollbackRule, shortSha, trainCommand, trainingWindow,
  type DriftReport, type MemoryAnswer, type ModelService, type ModelsAnswer, type RegistryState,
} from '../models';
import type { Page } from '../page';
import { card, h, kpi, nodata, table } from '../ui';

// The models in the running sidecar (GET /api/models: every registry, the live record, retraining, drift) and the
// trade memory (GET /api/memory). The buttons call the registry's own endpoints; a refusal shows the server's reason.

/** The outcome of the last button press per target (a registry name or "retrain"): survives the periodic re-render. */
const flash = new Map<string, { ok: boolean; text: string }>();

const badge = (cls: string, text: string, attrs: Record<string, string> = {}) => h('span', { class: `badge ${cls}`, ...attrs }, text);

function flashLine(key: string): HTMLElement | null {
  const f = flash.get(key);
  return f ? h('div', { class: `action-result ${f.ok ? 'ok' : 'error'}`, 'data-action-result': key }, f.text) : null;
}

/** Runs an action, remembers its outcome (the server's error text on 4xx), then redraws the page. */
async function act(key: string, path: string, okText: (body: unknown) => string, redraw: () => void, button: HTMLButtonElement) {
  button.disabled = true;
  try {
    flash.set(key, { ok: true, text: okText(await post<unknown>(path)) });
  } catch (e) {
    flash.set(key, { ok: false, text: (e as Error).message });
  }
  redraw();
}

function button(label: string, attrs: Record<string, string>, onClick: (b: HTMLButtonElement) => void, disabled = false): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'action', disabled, ...attrs }, label);
  b.addEventListener('click', () => onClick(b));
  return b;
}

/** A "no data" statement that names the command to run, the command set apart so it can be copied. */
function withCommand(text: string, command: string, after = ''): HTMLElement {
  return h('div', { class: 'nodata', 'data-nodata': 'true' }, text, h('code', {}, command), after);
}

const wide = (el: HTMLElement) => {
  el.classList.add('wide');
  return el;
};

function registryCard(reg: RegistryState, dir: string, redraw: () => void, inactive?: string | null): HTMLElement {
  const served = reg.served;
  const canRollBack = reg.history.length >= 2;
  // disabled with nothing to go back to; should the server still refuse (a race), its reason is shown
  const rollback = button('Roll back', { 'data-rollback': reg.name, title: canRollBack
    ? `serve v${reg.history[reg.history.length - 2]} again` : 'no previous version in the activation history' },
  (b) => void act(reg.name, `/api/models/${encodeURIComponent(reg.name)}/rollback`,
    (r) => `rolled back: now serving v${(r as RegistryState).served}`, redraw, b), !canRollBack);
  const rows = reg.versions.slice().reverse().map((v) => [
    h('span', { 'data-version': `${reg.name}.${v.version}` }, `v${v.version}`),
    v.version === served ? badge('ok', 'served', { 'data-served-marker': reg.name }) : '',
    v.kind, v.timeframe ?? DASH, v.symbol ?? DASH, trainingWindow(v.train_from_ms, v.train_to_ms, zoneName()),
    num(v.holdout_auc ?? null, 4), num(v.holdout_brier ?? null, 4),
    h('code', { title: v.sha256 }, shortSha(v.sha256)),
    v.version === served ? '' : button(`Serve v${v.version}`, { 'data-activate': `${reg.name}.${v.version}` },
      (b) => void act(reg.name, `/api/models/${encodeURIComponent(reg.name)}/activate/${v.version}`,
        () => `now serving v${v.version}`, redraw, b)),
  ]);
  return h('section', { class: 'card wide', 'data-registry': reg.name },
    h('h2', {}, `Registry ${reg.name} · `, h('span', { 'data-served': reg.name }, served === null ? 'nothing served' : `serving v${served}`)),
    h('div', { class: 'actions' }, rollback, h('span', { class: 'muted', 'data-rollback-why': reg.name },
      (reg.history.length ? `activation history ${reg.history.map((x) => `v${x}`).join(' → ')}` : 'never activated')
      + (canRollBack ? '' : ' · nothing to roll back to'))),
    flashLine(reg.name),
    inactive ? h('div', { class: 'warn', 'data-inactive': reg.name }, `not answering: ${inactive} — run `,
      h('code', {}, trainCommand(reg.name, dir)), ' to train it on the served stack') : '',
    reg.versions.length
      ? table(['Version', '', 'Kind', 'Timeframe', 'Symbol', `Training window (${zoneName()})`, 'Holdout AUC', 'Holdout Brier', 'SHA-256', ''],
        rows, { 'data-versions': reg.name })
      : withCommand('no version stored — train one with ', trainCommand(reg.name, dir)));
}

function liveCard(regs: RegistryState[], s: ModelService): HTMLElement {
  const parts: HTMLElement[] = [];
  for (const reg of regs) {
    const live = reg.name === 'tpsl' ? s.live : (s as unknown as Record<string, Record<string, never>>)[`live_${reg.name}`];
    if (live === undefined) continue; // only the classifiers are judged by live outcomes
    const rows = liveRows(reg, live);
    parts.push(h('div', { class: 'kpi-label', style: 'margin-top:10px' }, reg.name),
      rows.length ? table(['Version', 'Trades', 'Win rate', 'Live Brier', 'Holdout Brier', 'Live − holdout'], rows.map((r) => [
        r.served ? h('b', {}, `v${r.version} (served)`) : `v${r.version}`, h('span', { 'data-live-trades': `${reg.name}.${r.version}` }, int(r.trades)),
        pct(r.winRate), num(r.liveBrier, 4), num(r.holdoutBrier, 4),
        h('span', { class: r.delta === null ? 'flat' : r.delta > 0 ? 'neg' : 'pos' }, r.delta === null ? DASH : (r.delta > 0 ? '+' : '') + num(r.delta, 4))]),
      { 'data-live': reg.name })
        : nodata(`no ${reg.name} version served yet: nothing to score`));
  }
  return card('Live record of the served versions', ...parts,
    h('p', { class: 'muted', 'data-rollback-rule': 'true' }, `Rule: ${rollbackRule(s.rollback_rule)}.`),
    h('p', { class: 'muted' }, `Last automatic rollback: ${s.last_rollback ?? 'none'}`));
}

function retrainCard(s: ModelService, redraw: () => void): HTMLElement {
  const r = s.retraining;
  const last = r.last;
  const triggers = [r.interval_hours ? `every ${num(r.interval_hours, 1)} h` : null, r.after_trades ? `after ${r.after_trades} trades` : null,
    r.on_drift ? 'on a drift alarm' : null].filter(Boolean).join(', ') || 'on request only';
  return card('Retraining (tpsl)',
    h('div', { class: 'actions' },
      badge(r.running ? 'warning' : 'ok', r.running ? 'running' : 'idle', { 'data-retrain-state': r.running ? 'running' : 'idle' }),
      button('Retrain now', { 'data-retrain': 'true' }, (b) => void act('retrain', '/api/models/retrain',
        (x) => String((x as { status?: string }).status ?? 'retraining started'), redraw, b), r.running)),
    flashLine('retrain'),
    h('div', { class: 'kpis' }, kpi('Triggers', triggers), kpi('Trades since last', int(r.trades_since_last)),
      kpi('Recorded bars', s.recorded_bars ? int(s.recorded_bars.written) : 'off')),
    last
      ? h('div', {}, h('p', { 'data-retrain-message': 'true' }, last.message),
        h('p', { class: 'muted' }, `${time(last.started_ms)} ${zoneName()} · trigger ${last.trigger} · ${int(last.rows)} rows · ${num(last.seconds, 1)} s · `
          + `challenger Brier ${num(last.challenger_brier, 4)} vs champion ${num(last.champion_brier, 4)}`))
      : nodata('no retraining since the sidecar started'));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}
const LEVEL_FILL: Record<string, string> = { ok: '#22c55e', warning: '#f59e0b', breach: '#ef4444', unknown: '#8193a8' };

/**
 * PSI per feature as horizontal bars with each feature's warn (amber) and alarm (red) threshold marks; grey bars
 * while the live window is not full (the PSI of a few rows says nothing).
 */
function driftSvg(report: DriftReport): SVGElement {
  const g = driftChart(report.features, 900, 22, 170);
  const root = svg('svg', { width: g.width, height: g.height, viewBox: `0 0 ${g.width} ${g.height}`, role: 'img', 'aria-label': 'PSI per feature' });
  for (const t of g.ticks) {
    root.append(svg('line', { x1: t.x, x2: t.x, y1: 0, y2: g.height - 18, stroke: '#1a2330' }),
      svg('text', { x: t.x, y: g.height - 4, fill: '#8193a8', 'font-size': 10, 'text-anchor': 'middle' }, num(t.value, 2)));
  }
  for (const r of g.rows) {
    const mid = r.y + 11;
    root.append(svg('text', { x: g.plotX - 8, y: mid + 4, fill: '#d6dde6', 'font-size': 11, 'text-anchor': 'end' }, r.feature),
      svg('rect', { x: g.plotX, y: r.y + 4, width: Math.max(0, r.barWidth), height: 14, rx: 2, fill: report.ready ? LEVEL_FILL[levelClass(r.level)] : LEVEL_FILL.unknown, opacity: 0.8,
        'data-psi': r.feature }));
    if (r.warnX !== null) root.append(svg('line', { x1: r.warnX, x2: r.warnX, y1: r.y + 1, y2: r.y + 21, stroke: '#f59e0b', 'stroke-width': 2 }));
    if (r.alarmX !== null) root.append(svg('line', { x1: r.alarmX, x2: r.alarmX, y1: r.y + 1, y2: r.y + 21, stroke: '#ef4444', 'stroke-width': 2 }));
  }
  return root;
}

function driftCard(s: ModelService, dir: string): HTMLElement {
  const d = s.drift;
  const r = d.report;
  if (d.served === null || d.served === undefined)
    return card('Drift', withCommand('no drift autoencoder served — train one with ', trainCommand('autoencoder', dir)));
  if (!r) return card('Drift', nodata(d.error ? `drift report failed: ${d.error}` : 'no drift report yet'));
  const ae = r.autoencoder;
  return card(`Drift (autoencoder v${d.served})`,
    h('div', { class: 'actions' }, badge(levelClass(r.level), r.level, { 'data-drift-level': r.level }),
      h('span', { class: 'muted' }, `${int(r.rows)} live feature vectors${r.window ? ` of a ${int(r.window)}-row window` : ''}`
        + `${r.ready ? '' : ' — not enough yet: the values below are not meaningful until the window fills'}`
        + `${r.calibrated ? '' : ' · thresholds not calibrated (defaults)'}`)),
    h('div', { class: 'kpis' },
      kpi('AE error ratio (live / reference)', num(ae?.ratio ?? null, 3), 'drift.ae_ratio',
        { warning: 'warn', breach: 'neg' }[levelClass(ae?.level) as string] ?? ''),
      kpi('AE warn / alarm at', ae ? `${num(ae.warnAt, 2)} / ${num(ae.alarmAt, 2)}` : DASH),
      kpi('Features warn/alarm', `${r.features.filter((f) => levelClass(f.level) !== 'ok').length} of ${r.features.length}`)),
    h('div', { class: 'legend' }, h('span', {}, h('i', { style: 'background:#22c55e' }), 'PSI (bar colour = level)'),
      h('span', {}, h('i', { style: 'background:#f59e0b' }), 'warn threshold'), h('span', {}, h('i', { style: 'background:#ef4444' }), 'alarm threshold')),
    r.features.length ? h('div', { id: 'drift-chart', class: 'svg-chart' }, driftSvg(r)) : nodata('the report has no features'));
}

function memoryCards(mem: MemoryAnswer | null): HTMLElement[] {
  if (mem === null) {
    const why = 'trade memory is not open in this sidecar — the signal engine opens it (strategy=engine); GET /api/memory is served then';
    return [card('Memory size', nodata(why)), card('Last stored trades', nodata(why))];
  }
  const st = mem.short_term;
  return [
    card('Memory size', h('div', { class: 'kpis' },
      kpi('Short-term trades', int(st.trades), 'memory.short_term'), kpi('Short-term decisions', int(st.decisions)),
      kpi('Ring capacity / account', int(st.capacity)), kpi('Long-term trades', int(mem.long_term.trades), 'memory.long_term'),
      kpi(`Index (${mem.index.kind})`, int(mem.index.size), 'memory.index'), kpi('Dimension', int(mem.index.dimension))),
    h('p', { class: 'muted' }, `short-term: ${st.backend}; index ${mem.index.rebuilt_at_open ? 'rebuilt at open' : 'loaded'}: ${mem.index.open_note}`)),
    card('Last stored trades', mem.last_trades.length
      ? table([`Closed (${zoneName()})`, 'Account', 'Symbol', 'Side', 'Alpha', 'Regime', 'Grade', 'P&L', 'R', 'Exit'], mem.last_trades.map((t) => [
        time(t.exit_ms), t.account, t.symbol, t.side, t.alpha, t.regime, t.grade,
        h('span', { class: tone(t.pnl) }, signedMoney(t.pnl)), rMultiple(t.r_multiple), t.exit_reason]), { 'data-memory-trades': 'true' })
      : nodata('no trade stored yet')),
  ];
}

async function draw(root: HTMLElement): Promise<void> {
  const [models, memory] = await Promise.all([getOptional<ModelsAnswer>('models'), getOptional<MemoryAnswer>('memory')]);
  // a periodic refresh may have replaced this root since: redraw whichever Learning page is on screen
  const redraw = () => {
    const target = root.isConnected ? root : document.querySelector<HTMLElement>('main[data-page="learning"] > div') ?? root;
    void draw(target).catch((e) => target.append(h('div', { class: 'card error' }, (e as Error).message)));
  };
  const head = h('header', { class: 'page' }, h('h1', {}, 'Learning'), h('span', { class: 'sub' }, 'models, drift, memory'));
  const sections: HTMLElement[] = [];
  if (models === null) {
    sections.push(card('Models', nodata('no data yet — the learning module is not connected (GET /api/models is not served by this build)')));
  } else {
    const regs = registriesOf(models);
    const s = models.service;
    const dir = modelsDir(s) ?? '<data.dir>/models';
    if (regs.every((r) => r.served === null)) {
      const none = withCommand('no model served yet — train one with ', trainCommand('tpsl', dir),
        ' (or press Retrain now when models.retrain.bars is set)');
      none.setAttribute('data-no-model', 'true');
      sections.push(h('section', { class: 'card wide' }, h('h2', {}, 'Models'), none));
    }
    if (s?.last_error) sections.push(h('section', { class: 'card wide error', 'data-model-error': 'true' }, h('h2', {}, 'Last model error'), s.last_error));
    sections.push(...regs.map((r) => registryCard(r, dir, redraw, r.name === 'meta' ? s?.meta_inactive : null)));
    if (s) sections.push(wide(liveCard(regs, s)), wide(driftCard(s, dir)), retrainCard(s, redraw));
  }
  const [size, trades] = memoryCards(memory);
  sections.push(size, memory && memory.last_trades.length ? wide(trades) : trades);
  root.replaceChildren(head, h('div', { class: 'grid' }, ...sections));
}

export const learning: Page = {
  id: 'learning',
  title: 'Learning',
  events: ['model_rolled_back', 'model_retrained', 'model_error'],
  refreshMs: 5000,
  async render(root) {
    await draw(root);
  },
};
