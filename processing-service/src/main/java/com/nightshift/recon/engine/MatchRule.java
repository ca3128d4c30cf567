package com.nightshift.recon.engine;

import com.nightshift.common.transaction.Transaction;
import java.util.List;

/**
 * One way of pairing ledger rows with statement rows.
 *
 * <p>The engine applies its rules in order, each to the rows the earlier rules left unmatched, so a
 * strict rule runs before a tolerant one ("matched with a difference"). An implementation must:
 * use each row at most once (one-to-one), return only rows it was given, and return the same pairs
 * for the same input whatever its order (sort by {@link ReconciliationEngine#ENTRY_ORDER} before
 * choosing between candidates). Implementations should be stateless and thread-safe.
 */
public interface MatchRule {

    /** A short stable name recorded on every pair this rule makes, e.g. {@code exact}. */
    String name();

    /** The pairs this rule makes between the given rows. */
    List<MatchedPair> pair(List<Transaction> ledger, List<Transaction> statement);
}
