#!/usr/bin/env python3
"""Summarises bench/ab.sh's rounds: the median of each figure per side across rounds, and head/base."""
import glob, json, os, platform, statistics, sys

if sys.argv[1] == "--print":  # a table of an ab.json
    d = json.load(open(sys.argv[2]))
    for name, v in d["figures"].items():
        better = "lower" if v["lower_is_better"] else "higher"
        print(f"{name:68s} base {v['base']:>11.4g}  head {v['head']:>11.4g}  head/base {v['ratio']:.3f}  "
              f"({v['unit']}, {better} is better)")
    sys.exit(0)
out, base_rev, head_rev = sys.argv[1], sys.argv[2], sys.argv[3]
figures = {}  # name -> {"base": [..], "head": [..], unit, lower_is_better}


def add(name, side, value, unit, lower):
    f = figures.setdefault(name, {"base": [], "head": [], "unit": unit, "lower_is_better": lower})
    f[side].append(value)


for d in sorted(glob.glob(os.path.join(out, "*-*"))):
    side = os.path.basename(d).split("-")[0]
    replay = os.path.join(d, "replay-throughput.json")
    if os.path.exists(replay):
        with open(replay) as fh:
            r = json.load(fh)
        add("replay: decode + aggregation + journal, median", side, r["full_pipeline_ticks_per_s"]["median"], "ticks/s", False)
        add("replay: decode alone, median", side, r["decode_only_ticks_per_s"]["median"], "ticks/s", False)
    with open(os.path.join(d, "jmh.json")) as fh:
        for b in json.load(fh):
            name = b["benchmark"].replace("io.vprop.bench.", "")
            pm = b["primaryMetric"]
            if b["mode"] == "sample":
                for p in ("50.0", "99.0"):
                    add(f"{name} p{p[:-2]}", side, pm["scorePercentiles"][p], pm["scoreUnit"], True)
            else:
                add(name, side, pm["score"], pm["scoreUnit"], False)

result = {"base": base_rev, "head": head_rev, "rounds": len(glob.glob(os.path.join(out, "base-*"))),
          "machine": {"cores": os.cpu_count(), "python_platform": platform.platform(),
                      "load_average_at_end": open("/proc/loadavg").read().strip()},
          "how": "median across rounds of each side's figure; rounds alternate the order of base and head",
          "figures": {}}
for name, f in figures.items():
    if not f["base"] or not f["head"]:
        continue
    b, h = statistics.median(f["base"]), statistics.median(f["head"])
    result["figures"][name] = {"base": b, "head": h, "ratio": round(h / b, 4) if b else None, "unit": f["unit"],
                               "lower_is_better": f["lower_is_better"], "base_rounds": f["base"],
                               "head_rounds": f["head"]}
json.dump(result, sys.stdout, indent=2)
print()
