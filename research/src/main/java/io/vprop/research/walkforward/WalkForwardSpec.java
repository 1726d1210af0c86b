package io.vprop.research.walkforward;

import java.time.Period;
import java.util.List;

/**
 * What a walk-forward computes (how it runs — threads, checkpoint, progress — is {@code SweepOptions}).
 *
 * @param symbols        symbols, each selects its own parameters per fold
 * @param plan           folds: mode, history, train and test lengths, embargo
 * @param grid           the parameter sets tried on every training window
 * @param objective      what the training window maximises
 * @param warmup         data read before a window starts, for the indicators (nothing is traded in it)
 * @param initialBalance account balance of every unit and of the out-of-sample portfolio, USD
 * @param earlierTrials  configurations tried before this run (other grids, other ideas): counted in the deflated
 *                       Sharpe ratio on top of this run's trials
 * @param commandLine    how this run was started, shown in the report ("" when not from a command line)
 */
public record WalkForwardSpec(List<String> symbols, FoldPlan plan, ParamGrid grid, Objective objective, Period warmup,
                              double initialBalance, long earlierTrials, String commandLine) {
    public WalkForwardSpec {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) throw new IllegalArgumentException("a walk-forward needs at least one symbol");
        if (symbols.stream().distinct().count() != symbols.size()) {
            throw new IllegalArgumentException("a symbol is listed twice: " + symbols);
        }
        if (!(initialBalance > 0)) throw new IllegalArgumentException("initial balance must be positive: " + initialBalance);
        if (earlierTrials < 0) throw new IllegalArgumentException("earlier trials cannot be negative: " + earlierTrials);
        if (warmup.isNegative()) throw new IllegalArgumentException("warm-up cannot be negative: " + warmup);
    }
}
