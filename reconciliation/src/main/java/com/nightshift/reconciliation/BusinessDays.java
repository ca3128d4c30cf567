package com.nightshift.reconciliation;

import java.time.LocalDate;

/**
 * Business-day arithmetic for value dates: weekends are not business days, and a weekend date counts as
 * the Monday after it (a payment due on a Saturday has value on Monday). Market holidays are not
 * modelled, as in {@link com.nightshift.common.time.BusinessCalendar}.
 */
final class BusinessDays {

    /** 1970-01-05, a Monday, as an epoch day. */
    private static final long FIRST_MONDAY = 4;

    private BusinessDays() {
    }

    /**
     * The number of business days from 1970-01-05 to {@code date}: the distance between two dates in
     * business days is the difference of their indexes. Saturday and Sunday have Monday's index.
     */
    static int index(LocalDate date) {
        long days = date.toEpochDay() - FIRST_MONDAY;
        long week = Math.floorDiv(days, 7);
        long dayOfWeek = Math.floorMod(days, 7);
        return Math.toIntExact(week * 5 + Math.min(dayOfWeek, 5));
    }

    /** Business days from {@code from} to {@code to}, negative when {@code to} is earlier. */
    static int between(LocalDate from, LocalDate to) {
        return index(to) - index(from);
    }
}
