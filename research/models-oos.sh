#!/usr/bin/env bash
# Regenerates docs/research/models-oos (issue 16 item 3): the signal engine's walk-forward on EURUSD H1 2007-2018
# (tests 2010-2018, all in the selection period) without served models and with each one, every model trained per
# fold on its training window only (bars closed before the test start minus the embargo); then the comparison table.
# Usage: research/models-oos.sh [WORK_DIR] [ARMS]   (VPROP="java -jar sidecar/target/vprop-sidecar.jar" skips the build;
# ARMS default "none tpsl meta meta-seq"). Every arm is 8 trials (8 folds x 1 symbol), counted after the 920 of
# docs/research/edges-h4d1/ledger.csv in the order below.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a VPROP_CMD <<<"${VPROP:-install/vprop}"
WORK=${1:-$(mktemp -d)}
ARMS=${2:-none tpsl meta meta-seq}
OUT=docs/research/models-oos
DATA=../shared/data/bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz
mkdir -p "$WORK" "$OUT"
run() { echo "+ $*" >&2; nice -n 15 "${VPROP_CMD[@]}" "$@"; }
WF=(--data "$DATA" --timeframe H1 --server-tz UTC --strategy engine --grid none --mode rolling --train 3y --test 1y
    --embargo-days 5 --warmup 90d --objective sharpe --profile none --threads 2)
earlier=920
for arm in $ARMS; do
  run walkforward "${WF[@]}" --seed 1 --models "$arm" --earlier-trials "$earlier" --out "$WORK/h1-$arm" > "$WORK/h1-$arm.txt"
  mkdir -p "$OUT/h1-$arm"; cp "$WORK/h1-$arm/result.json" "$OUT/h1-$arm/result.json"
  earlier=$((earlier + 8))
done
args=()
for arm in $ARMS; do [ "$arm" = none ] || args+=("$arm=$OUT/h1-$arm"); done
# the DSR over every trial of the ledger (970: these 32, the 2 of FoldModelsTest and the 16 of the seed-2 check below)
python3 research/models-oos-compare.py --trials "${TRIALS:-970}" "$OUT/h1-none" "${args[@]}" | tee "$OUT/comparison.md"

# after the verdict, a robustness check of the tpsl result with the engine's seed 2 (counted; no default change)
if [ "${SEED2:-1}" = 1 ]; then
  earlier=954
  for arm in none tpsl; do
    run walkforward "${WF[@]}" --seed 2 --models "$arm" --earlier-trials "$earlier" --out "$WORK/h1s2-$arm" > "$WORK/h1s2-$arm.txt"
    mkdir -p "$OUT/h1-seed2-$arm"; cp "$WORK/h1s2-$arm/result.json" "$OUT/h1-seed2-$arm/result.json"
    earlier=$((earlier + 8))
  done
  python3 research/models-oos-compare.py --trials "${TRIALS:-970}" "$OUT/h1-seed2-none" "tpsl=$OUT/h1-seed2-tpsl" | tee "$OUT/comparison-seed2.md"
fi
