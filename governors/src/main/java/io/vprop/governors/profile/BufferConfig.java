package io.vprop.governors.profile;

/**
 * VProp's own safety margins before each hard limit, as % of that limit already used:
 * block new entries from {@code blockEntriesAtPct}, flatten (pause until reset) from {@code flattenAtPct}.
 * 100 means "no buffer".
 */
public record BufferConfig(double blockEntriesAtPct, double flattenAtPct) {
    public static final BufferConfig NONE = new BufferConfig(100, 100);

    public BufferConfig {
        Require.positivePct("buffers.blockEntriesAtPct", blockEntriesAtPct);
        Require.positivePct("buffers.flattenAtPct", flattenAtPct);
        if (blockEntriesAtPct > flattenAtPct) {
            throw new ProfileException("buffers.blockEntriesAtPct",
                    blockEntriesAtPct + " is above buffers.flattenAtPct " + flattenAtPct + " (entries must stop before flattening)");
        }
    }
}
