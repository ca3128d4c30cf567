package com.nightshift.common.csv;

/**
 * The input cannot be read as the expected format at all, so no row of it can be trusted: the
 * header is wrong or missing, or the bytes are not UTF-8. The message says what was expected and
 * what was found. The job that read the file should fail (and be retried, then dead-lettered).
 */
public final class UnreadableFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
