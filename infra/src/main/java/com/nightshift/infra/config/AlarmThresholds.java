package com.nightshift.infra.config;

import java.time.LocalTime;

/**
 * When the alarms of an environment fire. Immutable; validated by {@link EnvironmentConfigLoader}.
 *
 * @param cpuHighPercent          service CPU utilisation (average over 5 minutes, 3 periods) above which to alarm
 * @param memoryHighPercent       service memory utilisation above which to alarm
 * @param oldestMessageAgeMinutes age of the oldest message in a work queue above which to alarm
 * @param deadlineMarginMinutes   a night that completes with less than this left before its 09:30 New York
 *                                deadline (or after it) raises the night-late alarm
 * @param nightCheckTime          New York time of day, on weekdays, by which the night must be complete, or the
 *                                night-not-complete alarm fires; before the 09:30 deadline
 */
public record AlarmThresholds(int cpuHighPercent, int memoryHighPercent, int oldestMessageAgeMinutes,
        int deadlineMarginMinutes, LocalTime nightCheckTime) {
}
