package com.nightshift.reporting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How figures are written on a report, in one place so that every report writes them alike: amounts
 * with thousands separators (decimal amounts exactly as computed, at least two decimals; simulated
 * amounts to the cent), counts with separators, percentages to a fixed number of decimals (never the
 * binary noise of {@code 0.57 * 100}), times in UTC to the minute.
 */
public final class Figures {

    private static final DateTimeFormatter UTC_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /** An exact decimal amount written as a result holds it ({@code "-1250.5"}): {@code -1,250.50}, no digit lost. */
    public static String amount(String exactDecimal) {
        return amount(new BigDecimal(exactDecimal));
    }

    /** An exact decimal amount with separators and at least two decimals, no digit lost. */
    public static String amount(BigDecimal value) {
        BigDecimal shown = value.scale() < 2 ? value.setScale(2) : value;
        return String.format(Locale.ROOT, "%,." + shown.scale() + "f", shown);
    }

    /** A simulated amount, to the cent, with separators: {@code 12,345.68}. */
    public static String money(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** A count with separators: {@code 100,000}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A fraction as a percentage with {@code decimals} decimals: {@code percent(0.57, 1)} is {@code 57.0%}. */
    public static String percent(double fraction, int decimals) {
        return new BigDecimal(Double.toString(fraction)).movePointRight(2)
                .setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** A confidence level as its percentage without trailing zeros: {@code 0.99} is {@code 99%}, {@code 0.975} is {@code 97.5%}. */
    public static String level(double confidence) {
        return new BigDecimal(Double.toString(confidence)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** An instant in UTC to the minute: {@code 2026-11-21 07:12 UTC}. */
    public static String utc(Instant at) {
        return UTC_MINUTE.format(at);
    }

    /** A duration as hours and minutes, rounded down to the minute: {@code 3 h 05 min}, {@code 12 min}. */
    public static String hoursMinutes(Duration duration) {
        long minutes = Math.abs(duration.toMinutes());
        return minutes >= 60 ? String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60) : minutes + " min";
    }
}
