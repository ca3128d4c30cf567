package com.nightshift.reconciliation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A way the engine pairs ledger entries with statement entries, in the order the engine applies them:
 * each rule sees only what the rules before it left open.
 *
 * <p>{@link #id()} is the stable lower-case name used in the rules file, in {@code matches.csv} and in
 * {@code summary.json}; it never changes for an existing rule.
 */
public enum MatchRule {

    /** Equal amount and equal non-empty normalised reference, value dates within the window. One to one. */
    EXACT("exact"),

    /**
     * Amount within the tolerance, value dates within the window, and an equal non-empty normalised
     * reference or counterparty. One to one; the amount difference is reported.
     */
    TOLERANCE("tolerance"),

    /**
     * One entry equal to the exact sum of 2 to K entries of the other side that share its normalised
     * reference or counterparty, all value dates within the window of the one entry.
     */
    AGGREGATE("aggregate");

    private final String id;

    MatchRule(String id) {
        this.id = id;
    }

    /** The rule's stable name, e.g. {@code exact}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The rule named {@code id} (case-sensitive), if there is one. */
    public static Optional<MatchRule> byId(String id) {
        for (MatchRule rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
