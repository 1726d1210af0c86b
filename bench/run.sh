#!/usr/bin/env bash
# Runs VProp's benchmarks and writes their JSON results to bench/results/ (see docs/benchmarks.md).
#   bench/run.sh                 everything
#   bench/run.sh roundtrip       one harness: roundtrip | replay | swap | walkforward [threads] | challenge | backtest [rounds]
#                                | backtest-lockstep [fromDay days] | lockstep [fromDay days impls] | jmh [JMH regex]
#                                | reconnect [cycles] | restart [restarts] | chaos [points] [seed]
#                                | soak [marketDays ticksPerSecondPerSymbol sampleDays]
#                                | spark [runs]  (the sweep on 2 local threads vs Spark local[2], nice -n 10)
#                                (soak, chaos, restart, reconnect and spark are not part of "everything")
#   bench/run.sh fuzz [target|all] [inputs] [--seed N]   the fuzz campaigns (docs/fuzzing.md): protocol | ticks | bars
#                                | profiles | scenarios | config, default 10,000,000 inputs each -> bench/results/fuzz-<target>.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
case "${1:-}" in -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;; esac
what="${1:-all}"
shift || true
if [ "$what" = fuzz ]; then
  # the fuzzer is its own leaf module (fuzz/): build it alone, never the benchmarks
  if [ ! -d fuzz/target/classes ] || [ ! -d fuzz/target/lib ]; then mvn -B -q -ntp -pl fuzz -am -DskipTests package; fi
  mkdir -p bench/results
  echo ">>> fuzz $*" >&2
  exec java -Xms256m -Xmx1g -XX:+UseSerialGC -cp "fuzz/target/classes:fuzz/target/lib/*" io.vprop.fuzz.FuzzMain "$@"
fi
if [ "$what" = spark ]; then
  # the sweep on 2 local threads vs Spark local[2] (docs/benchmarks.md): the launcher's class path for --spark-master,
  # never the bench module's (Spark stays out of every other harness)
  rs=research-spark/target
  if [ ! -f sidecar/target/vprop-sidecar.jar ] || [ ! -f "$rs/vprop-research-spark.jar" ] || [ ! -d "$rs/lib" ]; then
    mvn -B -q -ntp -DskipTests package
  fi
  mkdir -p bench/results
  echo ">>> spark $*" >&2
  # shellcheck disable=SC2046 # the launcher's Spark JVM options, one per line
  exec nice -n 10 java $(sed -n '/^SPARK_JAVA_OPTS=(/,/)$/p' install/vprop | tr -d '()' | sed 's/^SPARK_JAVA_OPTS=//') \
    -Xms512m -Xmx2g -Dvprop.shared.data=../shared/data \
    -cp "sidecar/target/vprop-sidecar.jar:$rs/vprop-research-spark.jar:$rs/lib/*" io.vprop.research.spark.bench.SparkSweepBench "$@"
fi
if [ ! -d bench/target/classes ] || [ ! -d bench/target/lib ]; then mvn -B -q -ntp -DskipTests package; fi
CP="bench/target/classes:bench/target/lib/*"
mkdir -p bench/results
# VPROP_BENCH_JAVA_OPTS: extra JVM options, e.g. -Dvprop.bench.before.cp=OLD_JARS for the backtest harness's before/after
# shellcheck disable=SC2086 # VPROP_BENCH_JAVA_OPTS holds several JVM options: it is meant to split into words
run() { echo ">>> $*" >&2; java ${VPROP_BENCH_JAVA_OPTS:-} -Xms512m -Xmx2g -cp "$CP" "$@"; }
case "$what" in
  roundtrip) run io.vprop.bench.e2e.RoundTripHarness "$@" ;;
  replay) run io.vprop.bench.e2e.ReplayThroughputHarness "$@" ;;
  swap) run -Dvprop.shared.data=../shared/data io.vprop.bench.models.SwapUnderLoadHarness "$@" ;;
  # the collector install/vprop gives `vprop walkforward`; VPROP_WF_GC=-XX:+UseG1GC measures with the default one
  walkforward) run "${VPROP_WF_GC:--XX:+UseParallelGC}" io.vprop.bench.research.WalkForwardHarness "$@" ;;
  challenge) run io.vprop.bench.challenge.ChallengeLabHarness "$@" ;;
  backtest) run io.vprop.bench.backtest.BacktestThroughputHarness "$@" ;;
  backtest-lockstep) run io.vprop.bench.backtest.LockstepVsBacktestHarness "$@" ;;
  lockstep) run io.vprop.bench.backtest.LockstepTransportHarness "$@" ;;
  soak) run io.vprop.bench.e2e.SoakHarness "$@" ;;
  reconnect) run io.vprop.bench.e2e.ReconnectHarness "$@" ;;
  restart) run io.vprop.bench.e2e.RestartHarness "$@" ;;
  chaos) run io.vprop.bench.e2e.ChaosHarness "$@" ;;
  jmh) run org.openjdk.jmh.Main "${1:-.*Benchmark.*}" -rf json -rff bench/results/jmh.json ;;
  all)
    run io.vprop.bench.e2e.ReplayThroughputHarness
    run io.vprop.bench.e2e.RoundTripHarness
    run -Dvprop.shared.data=../shared/data io.vprop.bench.models.SwapUnderLoadHarness
    run "${VPROP_WF_GC:--XX:+UseParallelGC}" io.vprop.bench.research.WalkForwardHarness
    run io.vprop.bench.challenge.ChallengeLabHarness
    run io.vprop.bench.backtest.BacktestThroughputHarness
    run io.vprop.bench.backtest.LockstepVsBacktestHarness
    run org.openjdk.jmh.Main ".*Benchmark.*" -rf json -rff bench/results/jmh.json ;;
  *) echo "usage: bench/run.sh [all|roundtrip|replay|swap|walkforward [threads]|challenge|backtest [rounds]|backtest-lockstep [fromDay days]|lockstep [fromDay days impls]|jmh [regex]|reconnect [cycles]|restart [restarts]|chaos [points] [seed]|soak [days rate sampleDays]|spark [runs]|fuzz [target|all] [inputs]]" >&2; exit 2 ;;
esac
