#!/usr/bin/env python3
"""Compares walk-forward arms with and without a served model (docs/research/models-oos, issue 16 item 3).

Usage: research/models-oos-compare.py [--trials N] BASE_DIR ARM=DIR [ARM=DIR ...]
Each DIR holds a vprop walkforward result.json; BASE_DIR is the arm without models. Prints a Markdown table and the
verdict of the rule written in docs/research/models-oos/README.md before the runs: a model is used by default only if
its mean R per trade AND its annualised Sharpe beat the base arm's by more than the standard error of the difference,
with at least 30 out-of-sample trades. --trials N: the DSR is also given over N trials (the ledger's full count),
with each run's own variance of the trial Sharpe ratios (SharpeInference's formulas). Standard library only.
"""
import json
import math
import sys
from statistics import NormalDist

N01 = NormalDist()
EULER_GAMMA = 0.5772156649015329


def dsr(o, var, trials):
    """PSR against SR0 = sqrt(V)((1-g)inv(1-1/N) + g inv(1-1/(N e))), as io.vprop.research.stats.SharpeInference."""
    sr, t = o['sharpe_daily'], o['days']
    sr0 = math.sqrt(var) * ((1 - EULER_GAMMA) * N01.inv_cdf(1 - 1 / trials) + EULER_GAMMA * N01.inv_cdf(1 - 1 / (trials * math.e)))
    v = 1 - o['skewness'] * sr + (o['kurtosis'] - 1) / 4 * sr * sr
    return N01.cdf((sr - sr0) * math.sqrt(t - 1) / math.sqrt(v))


def load(d, trials=None):
    with open(d.rstrip('/') + '/result.json') as f:
        r = json.load(f)
    o = r['overall']
    rs = [t['r'] for t in r.get('oos_trades', r.get('trades', [])) if t.get('r') is not None]
    n = len(rs)
    mean = sum(rs) / n if n else float('nan')
    var = sum((x - mean) ** 2 for x in rs) / (n - 1) if n > 1 else float('nan')
    sr_d, days = o['sharpe_daily'], o['days']
    # Lo (2002): SE of a Sharpe ratio estimated on T iid returns
    se_sr = math.sqrt((1 + sr_d * sr_d / 2) / days) if days and sr_d == sr_d else float('nan')
    return dict(n=n, trades=o['trades'], mean=mean, var=var, sr_d=sr_d, sr_a=o['sharpe_annual'], se_sr_d=se_sr,
                psr=o['psr'], dsr=o['dsr'], dsr_trials=o['dsr_trials'], pnl=o['pnl_usd'], days=days,
                test_units=r['run']['test_units'], folds=len(r['folds']),
                dsr_full=dsr(o, r['trials']['sharpe_variance_daily'], trials) if trials else float('nan'),
                dsr_check=dsr(o, r['trials']['sharpe_variance_daily'], o['dsr_trials']))


def fmt(x, p=3):
    return 'n/a' if x is None or x != x else f'{x:+.{p}f}'


def main(argv):
    trials = None
    if len(argv) > 2 and argv[1] == '--trials':
        trials = int(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 3:
        sys.exit(__doc__)
    base = load(argv[1], trials)
    print(f'| arm | test years traded | trades | mean R (SE) | Δ R vs none (SE) | Sharpe ann. | Δ Sharpe (SE) | net USD | PSR | '
          f'DSR (trials then) | DSR over {trials} trials | rule |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|')
    rows = [('none', argv[1])] + [a.split('=', 1) for a in argv[2:]]
    for name, d in rows:
        a = load(d, trials)
        if abs(a['dsr_check'] - a['dsr']) > 1e-6 * max(1e-300, abs(a['dsr'])) + 1e-12:
            sys.exit(f"{name}: recomputed DSR {a['dsr_check']} differs from the run's {a['dsr']}")
        se_r = math.sqrt(a['var'] / a['n']) if a['n'] > 1 else float('nan')
        if name == 'none':
            dr = dsr_ = se_dr = se_ds = float('nan')
            verdict = 'baseline'
        else:
            dr = a['mean'] - base['mean']
            se_dr = math.sqrt(a['var'] / a['n'] + base['var'] / base['n']) if a['n'] > 1 and base['n'] > 1 else float('nan')
            dsr_ = a['sr_a'] - base['sr_a']
            se_ds = math.sqrt(a['se_sr_d'] ** 2 + base['se_sr_d'] ** 2) * math.sqrt(260)
            ok = a['n'] >= 30 and dr > se_dr and dsr_ > se_ds
            verdict = 'USE' if ok else 'do not use'
        print(f"| {name} | {a['test_units']} of {a['folds']} | {a['trades']} | {fmt(a['mean'])} ({se_r:.3f}) | {fmt(dr)} ({se_dr:.3f}) | {a['sr_a']:+.2f} | "
              f"{fmt(dsr_, 2)} ({se_ds:.2f}) | {a['pnl']:,.0f} | {a['psr']:.3f} | {a['dsr']:.2g} ({a['dsr_trials']}) | {a['dsr_full']:.2g} | {verdict} |")


if __name__ == '__main__':
    main(sys.argv)
