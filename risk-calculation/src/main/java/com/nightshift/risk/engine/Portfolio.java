package com.nightshift.risk.engine;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An equity portfolio as the VaR engine sees it: an identifier, the currency its values are
 * expressed in, and a quantity per instrument.
 *
 * <p>Immutable and thread-safe. Holdings are kept sorted by instrument id, so every computation
 * that iterates them (and therefore every floating-point sum) runs in the same order whatever map
 * the caller passed. Quantities are doubles because risk mathematics is double precision; they may
 * be negative (short positions) or zero, but must be finite. Prices are assumed to be quoted in the
 * portfolio's currency: the engine does no currency conversion.
 *
 * @param id        the portfolio identifier, {@code [A-Za-z0-9._-]{1,64}}
 * @param currency  the ISO 4217 code of the portfolio's currency, three upper-case letters
 * @param holdings  instrument id to quantity, sorted by instrument id, never empty, unmodifiable
 */
public record Portfolio(String id, String currency, SortedMap<String, Double> holdings) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Validates every argument and takes a sorted, unmodifiable copy of the holdings. */
    public Portfolio {
        Objects.requireNonNull(id, "portfolio id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "portfolio id '" + id + "' must match [A-Za-z0-9._-]{1,64}");
        }
        Objects.requireNonNull(currency, "portfolio " + id + ": currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(
                    "portfolio " + id + ": currency '" + currency + "' is not a three-letter ISO 4217 code");
        }
        Objects.requireNonNull(holdings, "portfolio " + id + ": holdings");
        if (holdings.isEmpty()) {
            throw new IllegalArgumentException("portfolio " + id + ": has no holdings");
        }
        TreeMap<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> holding : holdings.entrySet()) {
            String instrument = holding.getKey();
            Double quantity = holding.getValue();
            if (instrument == null || instrument.isBlank()) {
                throw new IllegalArgumentException("portfolio " + id + ": a holding has a blank instrument id");
            }
            if (quantity == null || !Double.isFinite(quantity)) {
                throw new IllegalArgumentException(
                        "portfolio " + id + ": quantity of " + instrument + " is " + quantity + ", not a finite number");
            }
            copy.put(instrument, quantity);
        }
        holdings = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * A portfolio from any map of holdings.
     *
     * @throws IllegalArgumentException if the id or currency is malformed, there are no holdings,
     *                                  or a quantity is not finite
     */
    public static Portfolio of(String id, String currency, Map<String, Double> holdings) {
        Objects.requireNonNull(holdings, "portfolio " + id + ": holdings");
        return new Portfolio(id, currency, new TreeMap<>(holdings));
    }
}
