package io.vprop.challenge.sim;

import io.vprop.governors.profile.BufferConfig;
import io.vprop.governors.profile.FirmProfile;

import java.util.List;

/**
 * A firm's programme as the lab runs it: the challenge phases in order, then optionally the funded account.
 * {@link #bundled(String)} reads the phases of a bundled profile from {@code phases.json} (see docs/challenge-lab.md).
 */
public record FirmPlan(String id, String name, List<Phase> phases) {
    public FirmPlan {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("firm.id: missing value");
        phases = List.copyOf(phases);
        if (phases.isEmpty() || phases.get(0).funded()) {
            throw new IllegalArgumentException("firm " + id + ": the first phase must be a challenge phase");
        }
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).funded() && i != phases.size() - 1) {
                throw new IllegalArgumentException("firm " + id + ": the funded phase must be the last one");
            }
        }
    }

    /** The challenge phases (everything but the funded account). */
    public List<Phase> challenge() {
        return funded() == null ? phases : phases.subList(0, phases.size() - 1);
    }

    /** The funded account, or null when the plan stops at the last challenge phase. */
    public Phase funded() {
        Phase last = phases.get(phases.size() - 1);
        return last.funded() ? last : null;
    }

    /** The phases of a bundled firm profile ({@code ftmo-2step}, …, see {@code ProfileLoader.BUNDLED}). */
    public static FirmPlan bundled(String profileId) {
        return PhasePlans.bundled(profileId);
    }

    /** A one-phase plan with a profile of the caller's (its target required), no funded account. */
    public static FirmPlan single(FirmProfile profile) {
        FirmProfile p = firmRulesOnly(profile);
        return new FirmPlan(profile.id(), profile.name(), List.of(new Phase("phase 1", p, false, 0, 0, "", "")));
    }

    /**
     * The firm's rules without VProp's own safety layers: the buffers (block and flatten before a limit) and the
     * pre-trade worst-case check are VProp's choices for live trading, not what the firm enforces; the lab asks
     * whether the firm would pass or fail the trades.
     */
    static FirmProfile firmRulesOnly(FirmProfile p) {
        return new FirmProfile(p.id(), p.name(), p.dayReset(), p.dailyLoss(), p.maxLoss(), BufferConfig.NONE, null,
                p.news(), p.forcedFlat(), p.consistency(), p.tradingDays(), p.profitTarget(), p.activity(), p.size(),
                p.schedule(), p.symbolCurrencies(), p.sources());
    }
}
