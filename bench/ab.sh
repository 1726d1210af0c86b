#!/usr/bin/env bash
# A/B benchmark of this checkout against another git revision, both measured in the same run on this machine:
# the protocol codec, the governors, the signal engine's scanner and tick-to-decision (JMH), and the replay
# pipeline (decode + bar aggregation + journal). Rounds alternate base and head so that drift in the machine's
# load hits both sides alike. JSON: bench/results/ab.json (medians per side, ratio head/base per figure).
#   bench/ab.sh REV [ROUNDS]     e.g. bench/ab.sh main~5 2
#   AB_JMH=REGEX bench/ab.sh ...  only the JMH benchmarks matching REGEX, without the replay (a closer look at one)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REV="${1:?usage: bench/ab.sh REV [ROUNDS]}"
ROUNDS="${2:-2}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ab: ROUNDS must be a positive whole number, got '$ROUNDS'" >&2; exit 2; }
git rev-parse --verify -q "$REV^{commit}" >/dev/null || { echo "ab: '$REV' is not a commit of this repository" >&2; exit 2; }
SHARED="$(cd "$ROOT/.." && pwd)/shared/data"
TICKS="$SHARED/ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz"
[ -f "$TICKS" ] || { echo "ab: shared tick file missing: $TICKS (../shared beside the repository)" >&2; exit 2; }
JMH_REGEX="${AB_JMH:-CodecBenchmark|GovernorBenchmark|ScannerThroughputBenchmark|TickToDecisionBenchmark}"

work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo ">>> building base $REV in $work/base" >&2
git worktree add --detach -q "$work/base" "$REV"
ln -s "$(cd "$ROOT/.." && pwd)/shared" "$work/shared"
(cd "$work/base" && mvn -B -q -ntp -DskipTests -Dexec.skip=true package -pl bench -am) >&2
echo ">>> building head" >&2
mvn -B -q -ntp -DskipTests -Dexec.skip=true package -pl bench -am >&2

out="$work/out"
mkdir -p "$out"
run_side() { # side round
  local side=$1 round=$2 dir cp
  if [ "$side" = base ]; then dir="$work/base/bench/target"; else dir="$ROOT/bench/target"; fi
  cp="$dir/classes:$dir/lib/*"
  mkdir -p "$out/$side-$round"
  echo ">>> round $round: $side" >&2
  if [ -z "${AB_JMH:-}" ]; then
    VPROP_BENCH_OUT="$out/$side-$round" java -Xms512m -Xmx2g -cp "$cp" io.vprop.bench.e2e.ReplayThroughputHarness "$TICKS" 3 >&2
  fi
  java -Xms512m -Xmx2g -cp "$cp" org.openjdk.jmh.Main "$JMH_REGEX" -rf json -rff "$out/$side-$round/jmh.json" >&2
}
for ((r = 1; r <= ROUNDS; r++)); do
  if (( r % 2 )); then run_side base "$r"; run_side head "$r"; else run_side head "$r"; run_side base "$r"; fi
done
mkdir -p bench/results
python3 "$ROOT/bench/ab_summary.py" "$out" "$REV" "$(git rev-parse --short HEAD)" > bench/results/ab.json
echo "results written to bench/results/ab.json" >&2
python3 "$ROOT/bench/ab_summary.py" --print bench/results/ab.json
