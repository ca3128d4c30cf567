package com.nightshift.reconciliation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Which side of a reconciliation an entry belongs to: the firm's ledger or the bank's statement. */
public enum Side {

    LEDGER("ledger"),
    STATEMENT("statement");

    private final String id;

    Side(String id) {
        this.id = id;
    }

    /** The side's stable lower-case name, as written in the open-items CSV. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The side named {@code id} (case-sensitive), if there is one. */
    public static Optional<Side> byId(String id) {
        for (Side side : values()) {
            if (side.id.equals(id)) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
