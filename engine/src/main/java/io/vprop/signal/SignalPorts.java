package io.vprop.signal;

import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.port.Clock;
import io.vprop.signal.port.RiskBudget;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;

/** The engine's collaborators from other modules, each replaceable. {@link #baseline} wires the calibrated baselines. */
public record SignalPorts(RiskBudget riskBudget, SimilarTradeOutcomes similarTrades, WinProbabilityModel winModel,
                          EventSource events, Clock clock) {
    public SignalPorts {
        if (riskBudget == null) throw new IllegalArgumentException("riskBudget port is missing");
        if (similarTrades == null) throw new IllegalArgumentException("similarTrades port is missing");
        if (winModel == null) throw new IllegalArgumentException("winModel port is missing");
        if (events == null) throw new IllegalArgumentException("events port is missing (use EventSource.NONE)");
        if (clock == null) throw new IllegalArgumentException("clock port is missing");
    }

    public static SignalPorts baseline(RiskBudget riskBudget, EventSource events) {
        return new SignalPorts(riskBudget, new RecentOutcomeMemory(50), new DriftWinProbability(), events, Clock.SYSTEM);
    }
}
