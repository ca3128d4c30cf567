package com.nightshift.reconciliation;

/**
 * A rules file that cannot be used: not JSON, an unknown field, or a bad value. The message names the
 * file and, where there is one, the field (dotted, as in {@code tolerance.absolute}), and says what was
 * expected and what was found.
 */
public final class RulesFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public RulesFileException(String message) {
        super(message);
    }

    public RulesFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
