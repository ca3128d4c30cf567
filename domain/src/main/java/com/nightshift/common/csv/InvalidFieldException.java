package com.nightshift.common.csv;

/**
 * One field of a row is not valid; the message is the rejection reason, naming the field and the
 * problem, for example {@code currency 'XXY' is not an ISO 4217 code}.
 */
public final class InvalidFieldException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidFieldException(String reason) {
        super(reason);
    }
}
