package com.nightshift.recon.engine;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The sum of all amounts in one currency on each side of a reconciliation, matched and unmatched
 * rows alike. Immutable; a side with no row in the currency totals {@code 0}.
 */
public record CurrencyTotals(Currency currency, BigDecimal ledgerTotal, BigDecimal statementTotal) {

    public CurrencyTotals {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(ledgerTotal, "ledgerTotal");
        Objects.requireNonNull(statementTotal, "statementTotal");
    }

    /** Statement total minus ledger total. */
    public BigDecimal difference() {
        return statementTotal.subtract(ledgerTotal);
    }
}
