package io.vprop.governors.profile;

/**
 * Embargo around high-impact releases for the instrument's currencies.
 *
 * @param haircutKeepPct           HAIRCUT mode: share of a winning trade's profit that still counts
 * @param exemptIfOpenedMinutesBefore positions opened at least this long before the release are exempt
 * @param pendingOrders            what the firm's text requires of pending orders around a window: CANCEL (a pending
 *                                 fill inside it is a violation: placing one that could still rest when the window
 *                                 opens is refused, and resting ones are cancelled {@code cancelPendingMinutesBefore}
 *                                 before it) or KEEP (a pending fill inside it is allowed; HAIRCUT firms count it as a
 *                                 trade opened in the window)
 * @param cancelPendingMinutesBefore VProp's lead before the window for cancelling resting orders (the terminal needs
 *                                 time to answer)
 */
public record NewsConfig(int minutesBefore, int minutesAfter, Mode mode, double haircutKeepPct,
                         int exemptIfOpenedMinutesBefore, PendingPolicy pendingOrders, int cancelPendingMinutesBefore) {
    public enum Mode { BLOCK, HAIRCUT }

    public enum PendingPolicy { CANCEL, KEEP }

    /** Without a pending-order policy: a BLOCK firm's embargo covers pending fills (CANCEL, 1 min lead), a HAIRCUT firm's does not (KEEP). */
    public NewsConfig(int minutesBefore, int minutesAfter, Mode mode, double haircutKeepPct, int exemptIfOpenedMinutesBefore) {
        this(minutesBefore, minutesAfter, mode, haircutKeepPct, exemptIfOpenedMinutesBefore,
                mode == Mode.HAIRCUT ? PendingPolicy.KEEP : PendingPolicy.CANCEL, mode == Mode.HAIRCUT ? 0 : 1);
    }

    public NewsConfig {
        Require.present("news.pendingOrders", pendingOrders);
        Require.nonNegative("news.cancelPendingMinutesBefore", cancelPendingMinutesBefore);
        if (pendingOrders == PendingPolicy.KEEP && cancelPendingMinutesBefore != 0) {
            throw new ProfileException("news.cancelPendingMinutesBefore", "is only meaningful with pendingOrders CANCEL (it is KEEP)");
        }
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
