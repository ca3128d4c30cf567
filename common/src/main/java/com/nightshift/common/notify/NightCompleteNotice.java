package com.nightshift.common.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The message the job topic receives once per business date, when every report of its night is rendered
 * from the night's final results (docs/operations.md, "Job notifications").
 *
 * @param type                  always {@value #TYPE}
 * @param businessDate          the night's business date
 * @param reportIds             the reports of the night, by id
 * @param completedAt           when the night was found complete
 * @param deadline              the night's deadline (09:30 America/New_York on the next weekday)
 * @param secondsBeforeDeadline the time left before the deadline, negative when the night finished late
 */
public record NightCompleteNotice(String type, LocalDate businessDate, List<String> reportIds, Instant completedAt,
        Instant deadline, long secondsBeforeDeadline) {

    public static final String TYPE = "night-complete";

    public NightCompleteNotice {
        Objects.requireNonNull(businessDate, "businessDate");
        reportIds = List.copyOf(reportIds);
    }

    /** The notice of the night of {@code businessDate}, complete at {@code completedAt}. */
    public static NightCompleteNotice of(LocalDate businessDate, List<String> reportIds, Instant completedAt,
            Instant deadline) {
        return new NightCompleteNotice(TYPE, businessDate, reportIds, completedAt, deadline,
                Duration.between(completedAt, deadline).toSeconds());
    }
}
