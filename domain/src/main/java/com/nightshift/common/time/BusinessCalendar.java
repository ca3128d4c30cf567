package com.nightshift.common.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The firm's business days as the nightly batch sees them: the night after a business day works on
 * that day, and the run must be done by 09:30 New York time. Weekends are not business days; market
 * holidays are not modelled yet, so a night after a holiday works on the holiday's date (its inputs,
 * if any, decide what is computed).
 */
public final class BusinessCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime MARKET_OPEN = LocalTime.of(9, 30);

    private BusinessCalendar() {
    }

    /** The business date a night's run at {@code now} works on: the last weekday before today in New York. */
    public static LocalDate businessDateOfNightAt(Instant now) {
        LocalDate date = now.atZone(NEW_YORK).toLocalDate().minusDays(1);
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.minusDays(1);
        }
        return date;
    }

    /** The deadline of the night that works on {@code businessDate}: 09:30 New York on the next weekday. */
    public static Instant deadlineFor(LocalDate businessDate) {
        LocalDate next = businessDate.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next.atTime(MARKET_OPEN).atZone(NEW_YORK).toInstant();
    }
}
