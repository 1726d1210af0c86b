#!/usr/bin/env python3
"""The evidence behind fitted edges artefacts, per timeframe, as Markdown (docs/research/edges-intraday/evidence.md).

Usage: research/edges-evidence.py OUT.md "TITLE=ARTEFACT.json" ...
Reads only the artefacts (written by vprop edges fit / merge); nothing is typed by hand. Per artefact and timeframe:
cells, candidates n, non-overlapping n_eff, the candidate-weighted mean gross R, cost R and net R (before shrinkage),
the largest |shrunk gross R|, the cells with a positive shrunk edge after costs and with a positive 95 % lower bound.
"""
import json
import sys

ORDER = ["M1", "M5", "M15", "M30", "H1", "H4", "D1"]


def rows(cells):
    by = {}
    for c in cells:
        by.setdefault(c["timeframe"], []).append(c)
    for tf in sorted(by, key=ORDER.index):
        cs = by[tf]
        n = sum(c["n"] for c in cs)
        w = lambda k: sum(c["n"] * (c[k] or 0) for c in cs) / n if n else 0
        yield (tf, len(cs), n, sum(c["n_eff"] for c in cs), w("mean_gross_r"), w("mean_cost_r"), w("mean_net_r"),
               max(abs(c["shrunk_gross_r"]) for c in cs), sum(1 for c in cs if c["shrunk_net_r"] > 0),
               sum(1 for c in cs if (c["lower95_gross_r"] or -9) - (c["mean_cost_r"] or 0) > 0),
               ", ".join(sorted({c["symbol_class"] for c in cs})))


def main():
    out, specs = sys.argv[1], sys.argv[2:]
    b = ["<!-- written by research/edges-evidence.py (research/edges-intraday-report.sh); do not edit by hand -->",
         "# Intraday edges: the evidence in each fitted part (generated)", "",
         "Per timeframe: cells, candidates n, non-overlapping n_eff, candidate-weighted mean R before shrinkage (gross = "
         "before spread and commission; cost = spread at entry + round-trip commission; net = after all costs), the "
         "largest |shrunk gross R| of a cell, cells whose shrunk edge after costs is positive, cells whose one-sided 95 % "
         "t lower bound after costs is positive.", ""]
    for spec in specs:
        title, path = spec.split("=", 1)
        a = json.load(open(path))
        shown = "WORK_DIR/" + path.rsplit("/", 1)[-1] if path.startswith("/") else path   # a temporary file
        b.append(f"## {title}")
        b.append("")
        if "parts" in a:
            b.append(f"`{shown}`, version `{a['version']}`, merged from:")
            b.append("")
            b.append("| part | version | timeframes | fit to (UTC) | candidates | tau^2 | cells fitted | supplies (timeframe/class) | bandit priors |")
            b.append("|---|---|---|---|---|---|---|---|---|")
            for p in a["parts"]:
                pp = p["parameters"]
                b.append(f"| {p['name']} | `{p['version']}` | {','.join(pp['timeframes'])} | {pp.get('fit_to_utc')} | "
                         f"{p['candidates']:,} | {p['tau2']} | {p['cells_fitted']} | {', '.join(p['supplies']) or 'nothing (shadowed)'} | "
                         f"{'used for regime ' + p['regime_timeframe'] if p['priors_used'] else 'shadowed'} |")
            b.append("")
            b.append("Cells the engine reads, by timeframe:")
        else:
            pp = a["parameters"]
            b.append(f"`{shown}`, version `{a['version']}`: symbols {', '.join(pp['symbols'])}; timeframes "
                     f"{','.join(pp['timeframes'])}, quotes {pp.get('quotes', pp['timeframes'][0])}, regime "
                     f"{pp.get('regime_timeframe', pp['timeframes'][0])}; fit window to {pp['fit_to_utc']} (embargo "
                     f"{pp['embargo_days']} d); {a['candidates']:,} candidates fitted; tau^2 = {a['tau2']}.")
        b.append("")
        b.append("| timeframe | cells | n | n_eff | mean gross R | mean cost R | mean net R | max abs shrunk gross R | cells net > 0 | cells lower95 net > 0 | classes |")
        b.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rows(a["cells"]):
            b.append(f"| {r[0]} | {r[1]} | {r[2]:,} | {r[3]:,} | {r[4]:.3f} | {r[5]:.3f} | {r[6]:.3f} | {r[7]:.3f} | {r[8]} | {r[9]} | {r[10]} |")
        b.append("")
    open(out, "w").write("\n".join(b))


if __name__ == "__main__":
    main()
