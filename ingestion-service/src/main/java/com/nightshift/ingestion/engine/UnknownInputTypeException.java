package com.nightshift.ingestion.engine;

/**
 * An inbound key is not under any prefix this engine reads ({@code inbound/ledger/},
 * {@code inbound/statements/}, {@code inbound/positions/}, {@code inbound/market-data/}), or has no
 * file name after the prefix. Retrying cannot help: the key itself is wrong.
 */
public final class UnknownInputTypeException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownInputTypeException(String message) {
        super(message);
    }
}
