package com.nightshift.infra.config;

/**
 * How a queue worker's task count follows its queue: target tracking keeps the visible messages per
 * running task near {@value #BACKLOG_PER_TASK}. The deployed policy ({@code ServiceScaling})
 * computes the metric with {@link #EXPRESSION}; {@link #desiredTasks} is the task count that target asks
 * for at a given backlog, which the local simulations compare their queue samples against.
 */
public final class BacklogScaling {

    /** Visible messages per running task the policy aims at. */
    public static final int BACKLOG_PER_TASK = 10;
    /** CloudWatch metric math: with no task running the whole backlog counts, so an idle service still scales out. */
    public static final String EXPRESSION = "IF(running > 0, visible / running, visible)";

    private BacklogScaling() {
    }

    /**
     * The metric of {@link #EXPRESSION}: visible messages per running task, or the whole backlog when none runs.
     */
    public static double backlogPerTask(long visible, long running) {
        if (visible < 0 || running < 0) {
            throw new IllegalArgumentException("visible and running must not be negative: " + visible + ", " + running);
        }
        return running > 0 ? (double) visible / running : visible;
    }

    /**
     * The tasks target tracking asks for with {@code visible} messages waiting: the fewest that bring the
     * backlog per task to the target or below, {@code ceil(visible / BACKLOG_PER_TASK)}; none for an
     * empty queue (the service's minimum count then applies).
     */
    public static int desiredTasks(long visible) {
        if (visible < 0) {
            throw new IllegalArgumentException("visible must not be negative: " + visible);
        }
        return Math.toIntExact((visible + BACKLOG_PER_TASK - 1) / BACKLOG_PER_TASK);
    }
}
