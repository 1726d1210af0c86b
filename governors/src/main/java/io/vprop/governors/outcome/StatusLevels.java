package io.vprop.governors.outcome;

import java.util.Arrays;

/**
 * The status of each line of the rules' panel view ({@code GovernorEngine.snapshot().rules()}), in its order, without
 * the lines themselves: what a caller needs to notice that a rule changed status, on every evaluation, without
 * writing a sentence per rule. Reused: {@link #clear} and refill.
 */
public final class StatusLevels {
    private RuleStatus.Status[] levels = new RuleStatus.Status[16];
    private int size;

    public void clear() { size = 0; }

    public void add(RuleStatus.Status s) {
        if (size == levels.length) levels = Arrays.copyOf(levels, size * 2);
        levels[size++] = s;
    }

    public int size() { return size; }

    /** Replaces the status of line {@code i}. */
    public void set(int i, RuleStatus.Status s) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("status line " + i + " of " + size);
        levels[i] = s;
    }

    public RuleStatus.Status get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("status line " + i + " of " + size);
        return levels[i];
    }

    /** True when both hold the same statuses in the same order. */
    public boolean sameAs(StatusLevels other) {
        return size == other.size && Arrays.equals(levels, 0, size, other.levels, 0, size);
    }

    public void copyFrom(StatusLevels other) {
        if (levels.length < other.size) levels = new RuleStatus.Status[other.levels.length];
        System.arraycopy(other.levels, 0, levels, 0, other.size);
        size = other.size;
    }
}
