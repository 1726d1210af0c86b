package io.vprop.governors.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/** Wall-clock arithmetic on {@link ZoneRules}, in epoch milliseconds. Not on the per-tick path (callers cache). */
final class LocalClock {
    private final ZoneRules rules;

    LocalClock(ZoneRules rules) {
        this.rules = rules;
    }

    ZoneOffset offset(long epochMs) {
        return rules.getOffset(Instant.ofEpochSecond(Math.floorDiv(epochMs, 1000L)));
    }

    LocalDate localDate(long epochMs) {
        return localDateTime(epochMs).toLocalDate();
    }

    LocalDateTime localDateTime(long epochMs) {
        long sec = Math.floorDiv(epochMs, 1000L);
        return LocalDateTime.ofEpochSecond(sec, (int) Math.floorMod(epochMs, 1000L) * 1_000_000, offset(epochMs));
    }

    /**
     * Epoch ms of a wall time. In a spring-forward gap the wall time does not exist and the instant of the
     * transition is used; in an autumn overlap the earlier instant is used.
     */
    long epochMs(LocalDate date, LocalTime time) {
        return epochMs(date.atTime(time));
    }

    /** As {@link #epochMs(LocalDate, LocalTime)}. */
    long epochMs(LocalDateTime ldt) {
        List<ZoneOffset> offsets = rules.getValidOffsets(ldt);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(ldt);
            return gap.getInstant().toEpochMilli();
        }
        long best = Long.MAX_VALUE;
        for (ZoneOffset o : offsets) {
            best = Math.min(best, ldt.toInstant(o).toEpochMilli());
        }
        return best;
    }
}
