package com.nightshift.reconciliation;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a reconciliation: the value-date window, the amount tolerance, the largest aggregate,
 * and which rules are on. The one settings type of the job: the rules file ({@link RulesFile}), the
 * manifest and every caller use it, and {@link #defaults()} is the only place defaults live.
 *
 * <p>Immutable. Every value is checked on construction; an {@link IllegalArgumentException} names the
 * field as it is spelt in the rules file. The rules always run in {@link MatchRule} order, whatever the
 * order of {@code enabled}.
 *
 * @param valueDateWindowBusinessDays how many business days two value dates may be apart and still
 *                                    match, 0 to {@value #MAX_WINDOW_BUSINESS_DAYS}; a weekend date counts as
 *                                    the Monday after it
 * @param tolerance                   how far apart two amounts may be under {@link MatchRule#TOLERANCE}
 * @param aggregate                   how many entries may add up to one under {@link MatchRule#AGGREGATE}
 * @param enabled                     the rules that run
 */
public record ReconciliationRules(int valueDateWindowBusinessDays, Tolerance tolerance, Aggregate aggregate,
                                  Set<MatchRule> enabled) {

    public static final int DEFAULT_WINDOW_BUSINESS_DAYS = 3;
    public static final int MAX_WINDOW_BUSINESS_DAYS = 30;

    public ReconciliationRules {
        if (valueDateWindowBusinessDays < 0 || valueDateWindowBusinessDays > MAX_WINDOW_BUSINESS_DAYS) {
            throw new IllegalArgumentException("valueDateWindowBusinessDays must be a whole number from 0 to "
                    + MAX_WINDOW_BUSINESS_DAYS + ", found " + valueDateWindowBusinessDays);
        }
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(enabled, "enabled");
        enabled = Collections.unmodifiableSet(enabled.isEmpty() ? EnumSet.noneOf(MatchRule.class) : EnumSet.copyOf(enabled));
    }

    /** Window 3 business days, tolerance 0.01 absolute, aggregates of up to 5 entries, every rule on. */
    public static ReconciliationRules defaults() {
        return new ReconciliationRules(DEFAULT_WINDOW_BUSINESS_DAYS, Tolerance.defaults(), Aggregate.defaults(),
                EnumSet.allOf(MatchRule.class));
    }

    public boolean isEnabled(MatchRule rule) {
        return enabled.contains(rule);
    }

    public ReconciliationRules withValueDateWindowBusinessDays(int days) {
        return new ReconciliationRules(days, tolerance, aggregate, enabled);
    }

    public ReconciliationRules withTolerance(Tolerance value) {
        return new ReconciliationRules(valueDateWindowBusinessDays, value, aggregate, enabled);
    }

    public ReconciliationRules withAggregate(Aggregate value) {
        return new ReconciliationRules(valueDateWindowBusinessDays, tolerance, value, enabled);
    }

    public ReconciliationRules withEnabled(Set<MatchRule> value) {
        return new ReconciliationRules(valueDateWindowBusinessDays, tolerance, aggregate, value);
    }

    /**
     * How far apart two amounts may be under {@link MatchRule#TOLERANCE}: the larger of {@code absolute}
     * and {@code basisPoints} / 10,000 of the larger of the two amounts (by magnitude). Amounts of opposite
     * signs are never within tolerance. The defaults, 0.01 and 0, give a plain one-cent tolerance; a
     * rate-only tolerance is {@code absolute} 0 with {@code basisPoints} set.
     *
     * @param absolute    a currency amount, at least 0, at most {@value #MAX_FRACTION_DIGITS} fraction digits
     * @param basisPoints a rate in hundredths of a percent, 0 to {@value #MAX_BASIS_POINTS}, at most
     *                    {@value #MAX_FRACTION_DIGITS} fraction digits
     */
    public record Tolerance(BigDecimal absolute, BigDecimal basisPoints) {

        public static final int MAX_FRACTION_DIGITS = 4;
        public static final int MAX_BASIS_POINTS = 1000;
        private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

        public Tolerance {
            Objects.requireNonNull(absolute, "absolute");
            Objects.requireNonNull(basisPoints, "basisPoints");
            absolute = plain(absolute);
            basisPoints = plain(basisPoints);
            if (absolute.signum() < 0 || absolute.scale() > MAX_FRACTION_DIGITS) {
                throw new IllegalArgumentException("tolerance.absolute must be a decimal of at least 0 with at most "
                        + MAX_FRACTION_DIGITS + " fraction digits, found " + absolute.toPlainString());
            }
            if (basisPoints.signum() < 0 || basisPoints.compareTo(BigDecimal.valueOf(MAX_BASIS_POINTS)) > 0
                    || basisPoints.scale() > MAX_FRACTION_DIGITS) {
                throw new IllegalArgumentException("tolerance.basisPoints must be a decimal from 0 to " + MAX_BASIS_POINTS
                        + " with at most " + MAX_FRACTION_DIGITS + " fraction digits, found " + basisPoints.toPlainString());
            }
        }

        /** 0.01 absolute, 0 basis points. */
        public static Tolerance defaults() {
            return new Tolerance(new BigDecimal("0.01"), BigDecimal.ZERO);
        }

        /** True when {@code ledger} and {@code statement} are within this tolerance of each other. */
        public boolean allows(BigDecimal ledger, BigDecimal statement) {
            if (ledger.signum() * statement.signum() < 0) {
                return false;
            }
            BigDecimal difference = statement.subtract(ledger).abs();
            if (difference.compareTo(absolute) <= 0) {
                return true;
            }
            BigDecimal larger = ledger.abs().max(statement.abs());
            return difference.multiply(TEN_THOUSAND).compareTo(larger.multiply(basisPoints)) <= 0;
        }

        private static BigDecimal plain(BigDecimal value) {
            // 0.0100 and 0.01 are one tolerance; a negative scale (1E+1) is written out.
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }

    /**
     * How many entries may add up to one entry of the other side under {@link MatchRule#AGGREGATE}.
     *
     * @param maxEntries the most entries in the sum, 2 to {@value #MAX_ENTRIES}
     */
    public record Aggregate(int maxEntries) {

        public static final int DEFAULT_MAX_ENTRIES = 5;
        public static final int MAX_ENTRIES = 10;

        public Aggregate {
            if (maxEntries < 2 || maxEntries > MAX_ENTRIES) {
                throw new IllegalArgumentException("aggregate.maxEntries must be a whole number from 2 to " + MAX_ENTRIES
                        + ", found " + maxEntries);
            }
        }

        /** Up to 5 entries. */
        public static Aggregate defaults() {
            return new Aggregate(DEFAULT_MAX_ENTRIES);
        }
    }
}
