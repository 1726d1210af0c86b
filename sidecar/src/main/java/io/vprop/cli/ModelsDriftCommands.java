package io.vprop.cli;

import io.vprop.models.drift.AutoencoderTrainer;
import io.vprop.models.drift.DriftPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vprop models train-drift|drift}: the drift autoencoder (docs/models.md, "Drift"). */
final class ModelsDriftCommands {
    private ModelsDriftCommands() {
    }

    abstract static class PeriodOptions {
        @Option(names = "--dir", required = true, description = "registry root directory")
        Path dir;
        @Option(names = "--bars", required = true, description = "bar file (MT5 or CSV, gzip ok)")
        Path bars;
        @Option(names = "--from", description = "first day (UTC, yyyy-MM-dd, inclusive) of bars that produce rows")
        String from;
        @Option(names = "--to", description = "last day (UTC, yyyy-MM-dd, inclusive) of bars that produce rows")
        String to;
        @Option(names = "--report", description = "JSON report file")
        Path report;

        long fromMs() {
            return from == null ? Long.MIN_VALUE : day(from, "--from");
        }

        long toMs() {
            return to == null ? Long.MAX_VALUE : day(to, "--to") + 86_400_000L;
        }

        private static long day(String s, String opt) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(opt + " must be a date like 2013-01-01, got '" + s + "'");
            }
        }
    }

    @Command(name = "train-drift", mixinStandardHelpOptions = true,
            description = "Train the drift autoencoder + reference histograms on a bar file, publish, optionally serve.")
    static final class TrainDrift extends PeriodOptions implements Callable<Integer> {
        @Option(names = "--activate", description = "serve the new version after verifying it")
        boolean activate;
        @Option(names = "--epochs", defaultValue = "30", description = "training epochs (default ${DEFAULT-VALUE})")
        int epochs;
        @Option(names = "--window", defaultValue = "500",
                description = "live window (feature vectors) to calibrate the thresholds for (default ${DEFAULT-VALUE})")
        int window;

        @Override
        public Integer call() {
            AutoencoderTrainer.Params d = AutoencoderTrainer.Params.defaults();
            AutoencoderTrainer.Params p = new AutoencoderTrainer.Params(d.hidden(), epochs, d.batch(), d.learningRate(), d.seed());
            DriftPipeline.Outcome o = DriftPipeline.train(bars, fromMs(), toMs(), p, window, dir, report, activate);
            System.out.printf("published %s v%d%s: rows=%s loss %.4f → %.4f, held-out error %s%n", DriftPipeline.MODEL_NAME,
                    o.version(), activate ? " (serving)" : "", o.report().get("rows"), (Double) o.report().get("lossBeforeTraining"),
                    last((double[]) o.report().get("lossPerEpoch")), o.report().get("heldOutError"));
            return 0;
        }

        private static double last(double[] a) {
            return a[a.length - 1];
        }
    }

    @Command(name = "drift", mixinStandardHelpOptions = true,
            description = "Replay a bar file through the served autoencoder and its drift reference: has the market changed?")
    static final class Drift extends PeriodOptions implements Callable<Integer> {
        @Option(names = "--window", defaultValue = "500", description = "live window in feature vectors (default ${DEFAULT-VALUE})")
        int window;

        @Override
        public Integer call() {
            Map<String, Object> r;
            try {
                r = DriftPipeline.replay(dir, bars, fromMs(), toMs(), window, report);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.println(DriftPipeline.json(r));
            return 0;
        }
    }
}
