package io.vprop.governors.profile;

/**
 * Embargo around high-impact releases for the instrument's currencies.
 *
 * @param haircutKeepPct           HAIRCUT mode: share of a winning trade's profit that still counts
 * @param exemptIfOpenedMinutesBefore positions opened at least this long before the release are exempt
 */
public record NewsConfig(int minutesBefore, int minutesAfter, Mode mode, double haircutKeepPct,
                         int exemptIfOpenedMinutesBefore) {
    public enum Mode { BLOCK, HAIRCUT }

    public NewsConfig {
        Require.nonNegative("news.minutesBefore", minutesBefore);
        Require.nonNegative("news.minutesAfter", minutesAfter);
        Require.present("news.mode", mode);
        Require.pct("news.haircutKeepPct", haircutKeepPct);
        Require.exactPct("news.haircutKeepPct", haircutKeepPct);
        Require.nonNegative("news.exemptIfOpenedMinutesBefore", exemptIfOpenedMinutesBefore);
        if (minutesBefore == 0 && minutesAfter == 0) {
            throw new ProfileException("news.minutesBefore", "news embargo of 0 minutes on both sides is contradictory; omit the block instead");
        }
        if (mode == Mode.BLOCK && haircutKeepPct != 100) {
            throw new ProfileException("news.haircutKeepPct", "is only meaningful in mode HAIRCUT (mode is BLOCK)");
        }
    }
}
