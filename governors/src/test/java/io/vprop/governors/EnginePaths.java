package io.vprop.governors;

/** For the tests of other packages: an engine without its shortcuts, evaluating every event in full. */
public final class EnginePaths {
    private EnginePaths() {}

    /** The engine with its steady path off ({@link GovernorEngine}: every snapshot and clock tick runs the rules). */
    public static GovernorEngine withoutSteadyPath(GovernorEngine e) {
        e.steadyPath = false;
        return e;
    }
}
