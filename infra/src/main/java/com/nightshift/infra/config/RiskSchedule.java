package com.nightshift.infra.config;

/**
 * When the nightly risk run is started: an EventBridge Scheduler cron expression evaluated in an IANA
 * time zone, so 02:00 stays 02:00 New York time across daylight-saving changes. Immutable;
 * validated by {@link EnvironmentConfigLoader}.
 *
 * @param cron     {@code cron(minutes hours day-of-month month day-of-week year)}
 * @param timezone an IANA zone id such as {@code America/New_York}
 */
public record RiskSchedule(String cron, String timezone) {

    /** Weekdays at 02:00 New York time, when the day's files have landed and well before the 09:30 deadline. */
    public static final RiskSchedule DEFAULT = new RiskSchedule("cron(0 2 ? * MON-FRI *)", "America/New_York");
}
