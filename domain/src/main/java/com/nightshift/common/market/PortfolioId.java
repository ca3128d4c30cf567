package com.nightshift.common.market;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A portfolio identifier: 1 to 64 characters from {@code [A-Za-z0-9._-]}.
 *
 * <p>Immutable. Same rule as account identifiers (docs/architecture.md), because the value becomes
 * a segment of S3 keys and report ids. {@link #toString()} is the value itself.
 */
public record PortfolioId(String value) implements Comparable<PortfolioId> {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static final String RULE = "must be 1 to 64 characters from [A-Za-z0-9._-]";

    public PortfolioId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("portfolio_id '" + value + "' " + RULE);
        }
    }

    public static PortfolioId of(String value) {
        return new PortfolioId(value);
    }

    @Override
    public int compareTo(PortfolioId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
