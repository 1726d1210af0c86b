package io.vprop.governors.rules;

import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reusable collector for the hits of one evaluation, kept sorted most severe first. A rule that fires on every
 * quote (a loss buffer reached, a forced-flat window) hands its sentence over as a {@link Sentence}: it is written
 * only when someone reads the hits ({@link #view}), not on every evaluation whose verdict nobody reads — a
 * backtest evaluates the governors at every equity change and mostly looks at the action alone.
 */
public final class HitList {

    /** A hit's sentence, written when read. It must capture the values it states, not read the ledger later. */
    @FunctionalInterface
    interface Sentence {
        String text();
    }

    /** One hit: the sentence as given, or written (once) when the hit is first read. */
    private static final class Entry {
        Action action;
        String ruleId;
        double measured, threshold;
        long untilMs;
        String message;
        Sentence sentence;
        RuleHit hit;

        RuleHit hit() {
            if (hit == null) hit = new RuleHit(action, ruleId, measured, threshold, untilMs, message != null ? message : sentence.text());
            return hit;
        }
    }

    private Entry[] entries = new Entry[8];
    private int size;

    public HitList() {
        for (int i = 0; i < entries.length; i++) entries[i] = new Entry();
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            e.message = null;
            e.sentence = null;
            e.hit = null;
        }
        size = 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The most severe action of the hits, or {@link Action#ALLOW} when there are none. */
    public Action top() {
        return size == 0 ? Action.ALLOW : entries[0].action;
    }

    public void add(RuleHit hit) {
        Entry e = insert(hit.action());
        e.ruleId = hit.ruleId();
        e.hit = hit;
    }

    void add(Action action, String ruleId, double measured, double threshold, long untilMs, String message) {
        insert(action, ruleId, measured, threshold, untilMs).message = message;
    }

    void add(Action action, String ruleId, double measured, double threshold, long untilMs, Sentence sentence) {
        insert(action, ruleId, measured, threshold, untilMs).sentence = sentence;
    }

    /** The most severe hit, its sentence written now (the others' are not); the list must not be empty. */
    public RuleHit first() {
        if (size == 0) throw new IllegalStateException("no hit");
        return entries[0].hit();
    }

    /** The hits, most severe first, their sentences written now. */
    public List<RuleHit> view() {
        List<RuleHit> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(entries[i].hit());
        return out;
    }

    private Entry insert(Action action, String ruleId, double measured, double threshold, long untilMs) {
        Entry e = insert(action);
        e.ruleId = ruleId;
        e.measured = measured;
        e.threshold = threshold;
        e.untilMs = untilMs;
        return e;
    }

    /** A free entry at the place of {@code action}: after every hit at least as severe (equal ones keep their order). */
    private Entry insert(Action action) {
        int i = 0;
        while (i < size && !action.moreSevereThan(entries[i].action)) i++;
        if (size == entries.length) {
            Entry[] grown = new Entry[size * 2];
            System.arraycopy(entries, 0, grown, 0, size);
            for (int k = size; k < grown.length; k++) grown[k] = new Entry();
            entries = grown;
        }
        Entry free = entries[size];
        System.arraycopy(entries, i, entries, i + 1, size - i);
        entries[i] = free;
        size++;
        free.action = action;
        free.message = null;
        free.sentence = null;
        free.hit = null;
        return free;
    }
}
