package io.vprop.governors.profile;

/**
 * VProp's own safety margins before each hard limit, as % of that limit already used:
 * block new entries from {@code blockEntriesAtPct}, flatten (pause until reset) from {@code flattenAtPct}.
 * 100 means "no buffer". {@code flattenBeforeResetMinutes} (0 = off): in the last N minutes before a daily reset,
 * flatten when the equity would already be inside the flatten buffer of the next day's floor (a floating loss
 * carried over a balance-anchored reset is measured against the new, higher anchor).
 */
public record BufferConfig(double blockEntriesAtPct, double flattenAtPct, int flattenBeforeResetMinutes) {
    public static final BufferConfig NONE = new BufferConfig(100, 100, 0);

    public BufferConfig {
        Require.nonNegative("buffers.flattenBeforeResetMinutes", flattenBeforeResetMinutes);
        if (flattenBeforeResetMinutes >= 24 * 60) {
            throw new ProfileException("buffers.flattenBeforeResetMinutes", flattenBeforeResetMinutes + " covers the whole day");
        }
        Require.positivePct("buffers.blockEntriesAtPct", blockEntriesAtPct);
        Require.positivePct("buffers.flattenAtPct", flattenAtPct);
        Require.exactPct("buffers.blockEntriesAtPct", blockEntriesAtPct);
        Require.exactPct("buffers.flattenAtPct", flattenAtPct);
        if (blockEntriesAtPct > flattenAtPct) {
            throw new ProfileException("buffers.blockEntriesAtPct",
                    blockEntriesAtPct + " is above buffers.flattenAtPct " + flattenAtPct + " (entries must stop before flattening)");
        }
    }
}
