package com.nightshift.reconciliation;

import com.nightshift.common.transaction.Transaction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An entry that no rule has matched yet, with the business date of the night it was first seen. Tonight's
 * unmatched entries become tomorrow night's open items, so an entry whose counterpart arrives days later
 * still matches, and its age is known.
 *
 * <p>Immutable. {@code firstSeen} is a business date: for an entry of tonight's files it is tonight's
 * business date; an open item keeps the date it already had. {@link OpenItemCsvCodec} is the stored form.
 */
public record OpenItem(Side side, Transaction entry, LocalDate firstSeen) {

    public OpenItem {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(firstSeen, "firstSeen");
    }

    public static OpenItem of(Side side, Transaction entry, LocalDate firstSeen) {
        return new OpenItem(side, entry, firstSeen);
    }

    /** Calendar days from {@code firstSeen} to {@code businessDate}: 0 for an entry first seen tonight. */
    public long ageDays(LocalDate businessDate) {
        return ChronoUnit.DAYS.between(firstSeen, businessDate);
    }
}
