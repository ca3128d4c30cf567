package com.nightshift.common.io;

import java.io.IOException;

/**
 * An input goes past one of the {@link InputLimits}: the file is too large, or a line or entry too long.
 * It is an {@link IOException} so that it can come out of a stream's {@code read}; the readers turn it into
 * an unreadable-file error naming the file. The message says which limit and where.
 */
public final class OversizedInputException extends IOException {

    private static final long serialVersionUID = 1L;

    public OversizedInputException(String message) {
        super(message);
    }

    /** The file has (at least) {@code size} bytes, more than {@code limit}. */
    static OversizedInputException file(long size, long limit) {
        return new OversizedInputException("file is larger than the limit of " + limit + " bytes (at least " + size
                + " bytes)");
    }
}
