package io.vprop.http.challenge;

import io.vprop.challenge.sim.LabProgress;
import io.vprop.challenge.sim.LabResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One challenge-lab run of the API: its progress while it runs (written by the lab's thread, read by HTTP threads),
 * then its result or why it stopped. The lab's progress callback is also where a cancel or the time limit stops it.
 */
final class ChallengeRun implements LabProgress {
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** Thrown from the progress callback to stop the lab: a cancel or the time limit. */
    static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    final String id;
    final String source;
    final int trades;
    final long createdMs = System.currentTimeMillis();
    private final long limitMs;
    private volatile State state = State.QUEUED;
    private volatile long startedNs, endedNs;
    private volatile long done, total;
    private volatile boolean cancelRequested;
    private volatile String error = "";
    private volatile LabResult result;
    private volatile String resultJson;

    ChallengeRun(String id, String source, int trades, long limitMs) {
        this.id = id;
        this.source = source;
        this.trades = trades;
        this.limitMs = limitMs;
    }

    @Override
    public void paths(long doneNow, long totalNow) {
        total = totalNow;
        if (doneNow > done) done = doneNow; // workers may report out of order
        if (cancelRequested) throw new Stopped("cancelled");
        if ((System.nanoTime() - startedNs) / 1_000_000 > limitMs)
            throw new Stopped("stopped after the time limit of " + limitMs / 1000 + " s (" + done + " of " + total
                    + " paths done): ask for fewer paths, firms or risk-curve points");
    }

    void started() {
        startedNs = System.nanoTime();
        state = State.RUNNING;
    }

    void finished(LabResult r, String json) {
        result = r;
        resultJson = json;
        endedNs = System.nanoTime();
        state = State.DONE;
    }

    void failed(RuntimeException e) {
        endedNs = System.nanoTime();
        if (e instanceof Stopped s && s.getMessage().equals("cancelled")) {
            error = "cancelled after " + done + " of " + total + " paths";
            state = State.CANCELLED;
        } else {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            state = State.FAILED;
        }
    }

    void cancel() {
        cancelRequested = true;
        if (state == State.QUEUED) {
            error = "cancelled before it started";
            state = State.CANCELLED;
        }
    }

    State state() { return state; }

    String progressText() {
        return done + " of " + total + " paths done";
    }

    boolean finished() { return state == State.DONE || state == State.FAILED || state == State.CANCELLED; }

    LabResult result() { return result; }

    String resultJson() { return resultJson; }

    /** The run as the API shows it, without the result (which the handler adds as the lab's own JSON). */
    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("source", source);
        m.put("trades", trades);
        m.put("done_paths", done);
        m.put("total_paths", total);
        double elapsed = startedNs == 0 ? 0 : ((endedNs != 0 ? endedNs : System.nanoTime()) - startedNs) / 1e9;
        m.put("elapsed_s", Math.round(elapsed * 10) / 10.0);
        double rate = done / Math.max(elapsed, 1e-9);
        m.put("eta_s", state != State.RUNNING || done == 0 ? null : Math.round((total - done) / rate));
        m.put("limit_s", limitMs / 1000);
        m.put("error", error);
        return m;
    }
}
