package com.nightshift.common.transaction;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * One booked entry of a ledger or a bank statement.
 *
 * <p>Immutable and thread-safe. Guarantees: no component is null; {@code entryId} is not empty;
 * {@code amount} is exact (credits positive, debits negative) with at most
 * {@value #MAX_FRACTION_DIGITS} fraction digits and keeps the scale it was written with, so a
 * staged file repeats the inbound text; {@code counterparty}, {@code reference} and
 * {@code description} may be empty. Because {@link BigDecimal#equals} compares scale,
 * {@code 1.5} and {@code 1.50} make different records; compare amounts with {@code compareTo}.
 */
public record Transaction(
        String entryId,
        AccountId account,
        LocalDate bookingDate,
        LocalDate valueDate,
        BigDecimal amount,
        Currency currency,
        String counterparty,
        String reference,
        String description) {

    public static final int MAX_FRACTION_DIGITS = 4;

    public Transaction {
        Objects.requireNonNull(entryId, "entryId");
        if (entryId.isEmpty()) {
            throw new IllegalArgumentException("entry_id is empty");
        }
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(bookingDate, "bookingDate");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(amount, "amount");
        if (amount.scale() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("amount '" + amount.toPlainString() + "' has " + amount.scale()
                    + " fraction digits, at most " + MAX_FRACTION_DIGITS + " allowed");
        }
        if (amount.scale() < 0) {
            // 1E+3 written plainly; keeps toPlainString() and the staged text free of exponents.
            amount = amount.setScale(0);
        }
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(description, "description");
    }

    public static Transaction of(String entryId, AccountId account, LocalDate bookingDate, LocalDate valueDate,
                                 BigDecimal amount, Currency currency, String counterparty, String reference,
                                 String description) {
        return new Transaction(entryId, account, bookingDate, valueDate, amount, currency, counterparty, reference,
                description);
    }
}
