package com.nightshift.common.worker;

import java.time.Duration;

/**
 * How a worker polls: messages per receive, long-poll wait, how long a stop waits for a job in
 * progress (kept below the task definition's stop timeout), the pause after a failed receive, and
 * the retry back-off of a failed job (doubling from {@code retryBase} up to {@code retryCap}).
 */
public record WorkerSettings(int maxMessages, Duration waitTime, Duration stopTimeout, Duration errorBackoff,
        Duration retryBase, Duration retryCap) {

    public WorkerSettings {
        if (maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("maxMessages must be 1..10, was " + maxMessages);
        }
        if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
            throw new IllegalArgumentException("waitTime must be 0..20 s, was " + waitTime);
        }
        if (retryBase.isNegative() || retryCap.compareTo(retryBase) < 0 || retryCap.toSeconds() > 43_200) {
            throw new IllegalArgumentException("need 0 <= retryBase <= retryCap <= 12 h, was " + retryBase + ", " + retryCap);
        }
    }

    /** One message at a time, 20 s long polls, 100 s to finish a job on stop, retries from 5 s to 5 min. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(1, Duration.ofSeconds(20), Duration.ofSeconds(100), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    /** The back-off before delivery {@code receiveCount + 1}: base, 2 × base, 4 × base … capped. */
    public Duration retryBackoff(int receiveCount) {
        int doublings = Math.min(20, Math.max(0, receiveCount - 1));
        Duration backoff = retryBase.multipliedBy(1L << doublings);
        return backoff.compareTo(retryCap) > 0 ? retryCap : backoff;
    }
}
