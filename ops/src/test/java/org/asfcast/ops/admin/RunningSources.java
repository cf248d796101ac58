package org.asfcast.ops.admin;

/**
 * For tests: a server program whose every source runs and which does nothing it is asked to
 * (start, stop, reload: refused with a sentence).
 */
public final class RunningSources implements AdminActions {

    @Override
    public String version() {
        return "test";
    }

    @Override
    public SourceState sourceState(String path) {
        return new SourceState(SourceState.State.RUNNING, "a test", 0);
    }

    @Override
    public ActionOutcome startSource(String path) {
        return ActionOutcome.refused("not in this test");
    }

    @Override
    public ActionOutcome stopSource(String path) {
        return ActionOutcome.refused("not in this test");
    }

    @Override
    public ActionOutcome reloadConfig() {
        return ActionOutcome.refused("not in this test");
    }
}
