package com.nightshift.reconciliation;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One ledger or statement entry as the matcher works on it: the transaction, with what the rules compare
 * worked out once (amount in ten-thousandths, business-day index of the value date, normalised reference
 * and counterparty), and the matcher's bookkeeping. Mutable and confined to one matcher.
 */
final class Entry {

    /** Amounts from this magnitude up (10^14 currency units) are never matched: no rule can compare them exactly in a long. */
    static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(14);
    static final int AMOUNT_SCALE = 4;
    private static final String[] NONE = {};

    final Side side;
    final Transaction transaction;
    final LocalDate firstSeen;
    /** The open item this entry came from, reused when it stays open; null for an entry of tonight's files. */
    final OpenItem openItem;
    /** The amount in units of 10^-4; meaningful only when {@link #comparable}. */
    final long amount;
    final boolean comparable;
    final int day;
    final String reference;
    final String counterparty;
    /** Statement entries only: ledger references found in the description (see {@link References}). */
    String[] textReferences = NONE;
    /** Position in {@link #ORDER} among the entries of its side in its group. */
    int rank;
    boolean matched;
    /** Scratch for one matching phase: edges touching this entry, or a visit stamp. */
    int scratch;

    Entry(Side side, Transaction transaction, LocalDate firstSeen, OpenItem openItem, String counterparty) {
        this.side = side;
        this.transaction = transaction;
        this.firstSeen = firstSeen;
        this.openItem = openItem;
        BigDecimal value = transaction.amount();
        this.comparable = value.precision() - value.scale() <= 14;
        this.amount = comparable ? value.movePointRight(AMOUNT_SCALE).longValueExact() : 0;
        this.day = BusinessDays.index(transaction.valueDate());
        this.reference = References.normalise(transaction.reference());
        this.counterparty = counterparty;
    }

    /** Open, and with an amount the rules can compare. */
    boolean open() {
        return !matched && comparable;
    }

    OpenItem asOpenItem() {
        return openItem != null ? openItem : OpenItem.of(side, transaction, firstSeen);
    }

    private static final Comparator<Entry> TIE_BREAK = Comparator
            .comparing((Entry e) -> e.transaction.valueDate())
            .thenComparing(e -> e.transaction.amount())
            .thenComparing(e -> e.transaction.amount().toPlainString())
            .thenComparing(e -> e.transaction.reference())
            .thenComparing(e -> e.transaction.counterparty())
            .thenComparing(e -> e.transaction.description())
            .thenComparing(e -> e.transaction.bookingDate())
            .thenComparing(e -> e.firstSeen);

    /**
     * The deterministic order of entries of one side: entry id, then every other field, so that even
     * entries sharing an id (two files of one night may repeat one) sort the same way every run. Entries
     * equal in every field are interchangeable, so their order cannot change a result.
     */
    static final Comparator<Entry> ORDER = (a, b) -> {
        int byId = a.transaction.entryId().compareTo(b.transaction.entryId());
        return byId != 0 ? byId : TIE_BREAK.compare(a, b);
    };
}
