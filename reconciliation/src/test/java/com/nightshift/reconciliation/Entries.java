package com.nightshift.reconciliation;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** Test entries: a Friday business date, one account, USD unless said otherwise. */
final class Entries {

    static final AccountId ACCOUNT = AccountId.of("ACC-1");
    /** A Friday. */
    static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 11, 20);
    static final Currency USD = Currency.getInstance("USD");
    static final Currency EUR = Currency.getInstance("EUR");

    private Entries() {
    }

    /** An entry valued on the business date, with the given amount, counterparty and reference. */
    static Transaction entry(String id, String amount, String counterparty, String reference) {
        return entry(id, BUSINESS_DATE, amount, counterparty, reference, "");
    }

    static Transaction entry(String id, LocalDate valueDate, String amount, String counterparty, String reference) {
        return entry(id, valueDate, amount, counterparty, reference, "");
    }

    static Transaction entry(String id, LocalDate valueDate, String amount, String counterparty, String reference,
                             String description) {
        return Transaction.of(id, ACCOUNT, BUSINESS_DATE, valueDate, new BigDecimal(amount), USD, counterparty,
                reference, description);
    }

    static Transaction in(Currency currency, Transaction t) {
        return Transaction.of(t.entryId(), t.account(), t.bookingDate(), t.valueDate(), t.amount(), currency,
                t.counterparty(), t.reference(), t.description());
    }

    static Transaction inAccount(String account, Transaction t) {
        return Transaction.of(t.entryId(), AccountId.of(account), t.bookingDate(), t.valueDate(), t.amount(),
                t.currency(), t.counterparty(), t.reference(), t.description());
    }
}
