package com.nightshift.risk.book;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict form of reading a risk input through its {@link CsvRecordCodec}: the first rejected row
 * (or an unreadable file) ends the read with a {@link RiskInputException} naming the file, the line
 * and the codec's reason. The command line wants this; ingestion uses the same codecs leniently, so
 * both apply the same row rules.
 */
public final class StrictCsv {

    private StrictCsv() {
    }

    /** Every row of {@code in}, in file order, or the first problem as a {@link RiskInputException}. */
    public static <T> List<AcceptedRow<T>> read(CsvRecordCodec<T> codec, String fileName, InputStream in) {
        List<AcceptedRow<T>> rows = new ArrayList<>();
        try {
            codec.read(in, rows::add, rejected -> {
                throw new RiskInputException(fileName, rejected.lineNumber(), rejected.reason());
            });
        } catch (UnreadableFileException e) {
            if (e.getCause() instanceof OversizedInputException) {
                // A limit of the whole file (its size, a line's length): the message says which and where.
                throw withCause(new RiskInputException(fileName, e.getMessage()), e);
            }
            // A wrong or missing header is a problem of line 1; the message names the expected header.
            throw withCause(new RiskInputException(fileName, 1, e.getMessage()), e);
        } catch (IOException e) {
            throw cannotRead(fileName, e);
        }
        return rows;
    }

    /** The name a message gives {@code path}: its last element, as the sender of the file knows it. */
    public static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /**
     * Opens {@code path} for one of the readers, turning a missing or unreadable file, or one over the file
     * size limit of {@link InputLimits#DEFAULTS} (refused before it is read), into a {@link RiskInputException}.
     */
    public static InputStream open(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                InputLimits.DEFAULTS.checkFileSize(Files.size(path));
            }
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw cannotRead(fileName(path), e);
        }
    }

    /** The file could not be read at all, or is over one of the {@link InputLimits}. */
    public static RiskInputException cannotRead(String fileName, IOException e) {
        if (e instanceof OversizedInputException) {
            return withCause(new RiskInputException(fileName, e.getMessage()), e);
        }
        return withCause(new RiskInputException(fileName, "cannot be read: " + e), e);
    }

    private static RiskInputException withCause(RiskInputException e, Exception cause) {
        e.initCause(cause);
        return e;
    }
}
