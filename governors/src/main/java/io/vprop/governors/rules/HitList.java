package io.vprop.governors.rules;

import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;

import java.util.ArrayList;
import java.util.List;

/** Reusable collector for the hits of one evaluation, kept sorted most severe first. */
public final class HitList {
    private final ArrayList<RuleHit> hits = new ArrayList<>(8);

    public void clear() {
        hits.clear();
    }

    public boolean isEmpty() {
        return hits.isEmpty();
    }

    public void add(RuleHit hit) {
        int i = 0;
        while (i < hits.size() && !hit.action().moreSevereThan(hits.get(i).action())) i++;
        hits.add(i, hit);
    }

    void add(Action action, String ruleId, double measured, double threshold, long untilMs, String message) {
        add(new RuleHit(action, ruleId, measured, threshold, untilMs, message));
    }

    public List<RuleHit> view() {
        return hits;
    }
}
