package com.nightshift.risk.book;

/**
 * An input file of a VaR run that cannot be used: the message names the file, the line (when the
 * problem is on one) and the problem, so the person who sent it can fix it.
 */
public class RiskInputException extends IllegalArgumentException {

    private final String file;
    private final long line;

    /** A problem on one line (1-based) of {@code file}. */
    public RiskInputException(String file, long line, String problem) {
        super(file + ", line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with {@code file} as a whole. */
    public RiskInputException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
    }

    /** The file's name as given. */
    public String file() {
        return file;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
