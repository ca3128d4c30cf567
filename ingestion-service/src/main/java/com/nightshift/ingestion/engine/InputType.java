package com.nightshift.ingestion.engine;

import java.util.Objects;

/**
 * The kinds of inbound file, each recognised by its key prefix (docs/architecture.md) and staged
 * under its own prefix. Note the contract's asymmetry: {@code inbound/statements/} is staged under
 * {@code staged/statement/}.
 */
public enum InputType {
    /** Transaction CSV, the firm's books. */
    LEDGER("inbound/ledger/", "staged/ledger/"),
    /** Transaction CSV, camt.053 or MT940, told apart by content. */
    STATEMENT("inbound/statements/", "staged/statement/"),
    /** The risk engine's {@code positions.csv}; the file name carries the business date ({@code positions-2026-11-27.csv}). */
    POSITIONS("inbound/positions/", "staged/positions/"),
    /** The risk engine's {@code prices.csv}, with or without a currency column. */
    MARKET_DATA("inbound/market-data/", "staged/market-data/");

    private final String inboundPrefix;
    private final String stagedPrefix;

    InputType(String inboundPrefix, String stagedPrefix) {
        this.inboundPrefix = inboundPrefix;
        this.stagedPrefix = stagedPrefix;
    }

    /** The type whose inbound prefix starts {@code key}, which must name a file below that prefix. */
    public static InputType ofKey(String key) throws UnknownInputTypeException {
        Objects.requireNonNull(key, "key");
        for (InputType type : values()) {
            if (key.startsWith(type.inboundPrefix)) {
                if (key.length() == type.inboundPrefix.length() || key.endsWith("/")) {
                    throw new UnknownInputTypeException("inbound key '" + key + "' names a folder, not a file");
                }
                return type;
            }
        }
        throw new UnknownInputTypeException("unknown input type for key '" + key + "'; expected a key under "
                + "inbound/ledger/, inbound/statements/, inbound/positions/ or inbound/market-data/");
    }

    /** For example {@code inbound/ledger/}. */
    public String inboundPrefix() {
        return inboundPrefix;
    }

    /** For example {@code staged/ledger/}. */
    public String stagedPrefix() {
        return stagedPrefix;
    }
}
