package com.nightshift.infra.config;

/**
 * When the alarms of an environment fire. Immutable; validated by {@link EnvironmentConfigLoader}.
 *
 * @param cpuHighPercent          service CPU utilisation (average over 5 minutes, 3 periods) above which to alarm
 * @param memoryHighPercent       service memory utilisation above which to alarm
 * @param oldestMessageAgeMinutes age of the oldest message in a work queue above which to alarm
 */
public record AlarmThresholds(int cpuHighPercent, int memoryHighPercent, int oldestMessageAgeMinutes) {
}
