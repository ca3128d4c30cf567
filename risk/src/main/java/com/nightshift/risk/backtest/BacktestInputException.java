package com.nightshift.risk.backtest;

/**
 * A backtest input file that cannot be used. The message is {@code file:line: problem} (or
 * {@code file: problem} for the file as a whole), so whoever sent the file can find and fix it.
 */
public final class BacktestInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /** A problem on one line (1-based) of {@code file}; {@code message} is the whole message. */
    BacktestInputException(String file, long line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    static BacktestInputException onLine(String file, long line, String problem) {
        return new BacktestInputException(file, line, file + ":" + line + ": " + problem);
    }

    static BacktestInputException ofFile(String file, String problem) {
        return new BacktestInputException(file, 0, file + ": " + problem);
    }

    /** The file's name as given. */
    public String file() {
        return file;
    }

    /** The 1-based line of the (first) problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
