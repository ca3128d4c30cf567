package com.nightshift.recon.engine;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a ledger row with a statement row when account, currency, amount (by value, so
 * {@code 10.5} equals {@code 10.50}) and normalised reference are all equal.
 *
 * <p>Duplicates pair off one-to-one in {@link ReconciliationEngine#ENTRY_ORDER}: the first ledger
 * row with a key takes the first statement row with that key, and so on; extra rows on either side
 * stay unmatched. Two empty references are equal references under this rule. Stateless and
 * thread-safe.
 */
public final class ExactMatchRule implements MatchRule {

    public static final String NAME = "exact";

    private record MatchKey(AccountId account, Currency currency, BigDecimal amount, String reference) {
        static MatchKey of(Transaction t) {
            return new MatchKey(t.account(), t.currency(), t.amount().stripTrailingZeros(),
                    normaliseReference(t.reference()));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The reference as this rule compares it: upper-cased, then every character that is not a
     * letter or a digit removed. {@code "inv-2026/0042 "} becomes {@code "INV20260042"}.
     */
    public static String normaliseReference(String reference) {
        StringBuilder normalised = new StringBuilder(reference.length());
        reference.toUpperCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(normalised::appendCodePoint);
        return normalised.toString();
    }

    @Override
    public List<MatchedPair> pair(List<Transaction> ledger, List<Transaction> statement) {
        Map<MatchKey, Deque<Transaction>> waiting = new HashMap<>();
        for (Transaction row : sorted(ledger)) {
            waiting.computeIfAbsent(MatchKey.of(row), k -> new ArrayDeque<>()).addLast(row);
        }
        List<MatchedPair> pairs = new ArrayList<>();
        for (Transaction row : sorted(statement)) {
            Deque<Transaction> candidates = waiting.get(MatchKey.of(row));
            if (candidates != null && !candidates.isEmpty()) {
                pairs.add(MatchedPair.of(candidates.removeFirst(), row, NAME));
            }
        }
        return pairs;
    }

    private static List<Transaction> sorted(List<Transaction> rows) {
        return rows.stream().sorted(ReconciliationEngine.ENTRY_ORDER).toList();
    }
}
