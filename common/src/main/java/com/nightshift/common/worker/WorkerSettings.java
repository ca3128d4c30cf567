package com.nightshift.common.worker;

import java.time.Duration;

/**
 * How a worker polls: messages per receive, long-poll wait, retry back-off, and how long a stop waits
 * for a job in progress (kept below the task definition's stop timeout).
 */
public record WorkerSettings(int maxMessages, Duration waitTime, Duration stopTimeout, Duration errorBackoff,
        Duration visibilityTimeoutCeiling) {

    public WorkerSettings {
        if (maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("maxMessages must be 1..10, was " + maxMessages);
        }
        if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
            throw new IllegalArgumentException("waitTime must be 0..20 s, was " + waitTime);
        }
    }

    /** One message at a time, 20 s long polls, 100 s to finish a job on stop. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(1, Duration.ofSeconds(20), Duration.ofSeconds(100), Duration.ofSeconds(5),
                Duration.ofMinutes(15));
    }

    /** Exponential back-off from 5 s, capped at 5 minutes, by how often the message was delivered. */
    public Duration retryBackoff(int receiveCount) {
        long seconds = Math.min(300, 5L << Math.min(6, Math.max(0, receiveCount - 1)));
        return Duration.ofSeconds(seconds);
    }
}
