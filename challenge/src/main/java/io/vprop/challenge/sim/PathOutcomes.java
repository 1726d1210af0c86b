package io.vprop.challenge.sim;

/**
 * What every path of one run ended with, indexed by path so that threads write disjoint cells and the summary does
 * not depend on which thread ran which path.
 */
final class PathOutcomes {
    final int paths;
    final int phases;
    final byte[] status;     // [path * phases + k], PathRunner.NOT_REACHED … END
    final short[] days;
    final String[] rule;
    final byte[] fundedStatus;
    final short[] fundedDays;
    final String[] fundedRule;

    PathOutcomes(int paths, int phases) {
        this.paths = paths;
        this.phases = phases;
        status = new byte[paths * phases];
        days = new short[paths * phases];
        rule = new String[paths * phases];
        fundedStatus = new byte[paths];
        fundedDays = new short[paths];
        fundedRule = new String[paths];
    }

    void set(int path, int phase, int st, int d, String r) {
        int i = path * phases + phase;
        status[i] = (byte) st;
        days[i] = (short) Math.min(d, Short.MAX_VALUE);
        rule[i] = r;
    }

    void setFunded(int path, int st, int d, String r) {
        fundedStatus[path] = (byte) st;
        fundedDays[path] = (short) Math.min(d, Short.MAX_VALUE);
        fundedRule[path] = r;
    }

    int status(int path, int phase) {
        return status[path * phases + phase];
    }
}
