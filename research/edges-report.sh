#!/usr/bin/env bash
# Regenerates docs/research/edges-h4d1 (issue 16): records every candidate of the signal engine's alphas on the 12
# shared pairs' H4 + D1 bars, fits the H4/D1 part of the edges artefact on 2007-09..2021-09-05 (the last two years are
# the final holdout, never used for a choice), runs the four walk-forwards of the ledger and writes results.md.
# The bundled artefact (engine/src/main/resources/io/vprop/signal/edge/edges-default.json) merges this part with the
# intraday ones: research/edges-intraday-report.sh writes it (docs/research/edges-intraday).
# Usage: research/edges-report.sh [WORK_DIR]   (VPROP="java -jar sidecar/target/vprop-sidecar.jar" to skip the build)
# About 5-10 minutes on 2 idle cores.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a VPROP_CMD <<<"${VPROP:-install/vprop}"
WORK=${1:-$(mktemp -d)}
OUT=docs/research/edges-h4d1
ART=$OUT/edges-h4d1.json
DATA=../shared/data/bars/h4_d1
mkdir -p "$WORK" "$OUT"
run() { echo "+ $*" >&2; nice -n 10 "${VPROP_CMD[@]}" "$@"; }

run edges record --data "$DATA" --timeframe H4,D1 --server-tz UTC --threads 2 --out "$WORK/candidates.csv.gz"
run edges fit --data "$DATA" --timeframe H4,D1 --server-tz UTC --threads 2 --to 2021-09-05 --out "$ART"

WF=(--data "$DATA" --timeframe "H4,D1" --server-tz UTC --strategy engine --grid none --mode rolling --train 3y --test 1y
    --embargo-days 5 --warmup 90d --objective sharpe --profile none --seed 1 --threads 2)
# selection period: tests 2010-09-05..2021-09-05 (11 folds x 12 symbols = 132 trials each)
run walkforward "${WF[@]}" --from 2007-09-05 --to 2021-09-05 --edges handset --earlier-trials 476 --out "$WORK/sel-handset"
run walkforward "${WF[@]}" --from 2007-09-05 --to 2021-09-05 --edges fold --candidates "$WORK/candidates.csv.gz" \
    --earlier-trials 608 --out "$WORK/sel-fold"
# final holdout: tests 2021-09-05..2023-09-05 (2 folds x 12 = 24 trials each), run once per configuration
run walkforward "${WF[@]}" --from 2018-09-05 --edges handset --earlier-trials 740 --out "$WORK/hold-handset"
run walkforward "${WF[@]}" --from 2018-09-05 --edges "$ART" --earlier-trials 764 --out "$WORK/hold-fitted"
# after the holdout, a stricter fit tried on the selection period only (no holdout run, no default change)
run walkforward "${WF[@]}" --from 2007-09-05 --to 2021-09-05 --edges fold --edges-gate lower95 \
    --candidates "$WORK/candidates.csv.gz" --earlier-trials 788 --out "$WORK/sel-fold-gated"

for r in sel-handset sel-fold hold-handset hold-fitted sel-fold-gated; do
  mkdir -p "$OUT/$r"; cp "$WORK/$r/result.json" "$OUT/$r/result.json"
done
run edges report --ledger "$OUT/ledger.csv" --artefact "$ART" --out "$OUT/results.md" \
    --run "sel-handset=selection, hand-set priors=$OUT/sel-handset" \
    --run "sel-fold=selection, edges fitted per fold=$OUT/sel-fold" \
    --run "hold-handset=holdout, hand-set priors=$OUT/hold-handset" \
    --run "hold-fitted=holdout, bundled fitted edges=$OUT/hold-fitted" \
    --run "sel-fold-gated=selection, fitted per fold, lower-bound gate=$OUT/sel-fold-gated"
echo "written: $OUT/results.md" >&2

# the challenge lab on the selection period's out-of-sample trades: P(pass) per firm at 1 % risk and the best risk
# with P(breach) <= 10 % (the lab's risk curve); the holdout has too few trades to say anything
for r in sel-handset sel-fold; do
  run challenge "$OUT/$r/result.json" --seed 1 --breach-bound 10 --out "$WORK/challenge-$r" > "$OUT/challenge-$r.txt"
done
# the sidecar's default risk per trade per firm (issue 16 item 4; docs/configuration.md, "Risk per trade"): the lab's
# risk curve on the fitted engine's selection-period trades, highest P(pass) with P(breach) <= 10 %
run challenge "$OUT/sel-fold/result.json" --seed 1 --breach-bound 10 --method bootstrap --paths 2000 --threads 2 \
    --write-risk-default challenge/src/main/resources/io/vprop/challenge/risk/risk-default.json > /dev/null
