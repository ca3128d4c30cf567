package com.nightshift.ingestion.engine;

import com.nightshift.common.csv.UnreadableFileException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business date a positions file carries in its name, since its rows have no date column: the
 * last {@code YYYY-MM-DD} of the file name (the key's last path element), not part of a longer run
 * of digits. {@code inbound/positions/desk-a/positions-2026-11-27.csv} is 2026-11-27. Folders are
 * ignored, so a date in a folder name alone does not date the file.
 */
final class FileNameDate {

    static final String POSITIONS_EXAMPLE = "positions-2026-11-27.csv";

    private static final Pattern DATE = Pattern.compile("(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)");

    private FileNameDate() {
    }

    /**
     * The business date of the positions file at {@code key}.
     *
     * @throws UnreadableFileException the file name holds no {@code YYYY-MM-DD}, or its last one is not a date
     */
    static LocalDate ofPositions(String key) throws UnreadableFileException {
        Objects.requireNonNull(key, "key");
        String name = key.substring(key.lastIndexOf('/') + 1);
        String last = null;
        for (Matcher m = DATE.matcher(name); m.find(); ) {
            last = m.group();
        }
        String rule = "positions file name must carry its business date as YYYY-MM-DD, e.g. " + POSITIONS_EXAMPLE;
        if (last == null) {
            throw new UnreadableFileException(rule + "; found '" + name + "'");
        }
        try {
            return LocalDate.parse(last);
        } catch (DateTimeParseException e) {
            throw new UnreadableFileException(rule + "; '" + last + "' in '" + name + "' is not a date", e);
        }
    }
}
