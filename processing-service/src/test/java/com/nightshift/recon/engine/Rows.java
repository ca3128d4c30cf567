package com.nightshift.recon.engine;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** Builds transactions for one (account, date) in tests. */
final class Rows {

    static final AccountId ACCOUNT = AccountId.of("ACC-1");
    static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    private Rows() {
    }

    static Transaction row(String entryId, String amount, String currency, String reference) {
        return Transaction.of(entryId, ACCOUNT, DATE, DATE, new BigDecimal(amount), Currency.getInstance(currency),
                "", reference, "");
    }

    static Transaction row(String entryId, String amount, String reference) {
        return row(entryId, amount, "EUR", reference);
    }
}
