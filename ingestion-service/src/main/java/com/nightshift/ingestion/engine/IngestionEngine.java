package com.nightshift.ingestion.engine;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.CsvReader;
import com.nightshift.common.csv.CsvRecord;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RecordWriter;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.common.transaction.TransactionReader;
import com.nightshift.risk.book.PositionsCsv;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.PriceHistoryCsv;
import com.nightshift.risk.market.PriceRow;
import com.nightshift.statements.StatementReaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns one inbound file into staged objects, a rejects file and the jobs to announce.
 *
 * <p>Routing is by key prefix ({@link InputType}); a statement's format (transaction CSV, ISO 20022
 * camt.053 or SWIFT MT940) is then told from its content, whatever the file is called, and every
 * statement is staged as transaction CSV. Accepted rows are grouped: transactions by
 * (account, booking date); positions, which have no date column, into one group dated by the last
 * {@code YYYY-MM-DD} in the file name ({@link FileNameDate}); prices into one group dated by the
 * file's latest price date. Each group becomes one staged CSV in the same public format, rows in
 * input order. Within a ledger or statement file, a second row with an entry_id already seen is
 * rejected. Positions and prices are read with the risk engine's own codecs ({@link PositionsCsv},
 * {@link PriceHistoryCsv}), leniently: a bad row is rejected and the rest is staged, where the
 * engine's strict readers would stop. A prices file has either header, with or without a currency
 * column; in a file with currencies, a row whose currency differs from the first accepted row's is
 * rejected.
 *
 * <p>No I/O beyond reading the given stream: the service writes what {@link IngestionOutcome}
 * describes. The output depends only on the key and the bytes, so a re-delivery gives an equal
 * outcome. Stateless and thread-safe.
 */
public final class IngestionEngine {

    // Staged files are always the public CSV, whatever format the inbound file had.
    private final TransactionCsvCodec transactions = new TransactionCsvCodec();
    private final PositionsCsv positions = new PositionsCsv();
    private final TransactionReader ledgerReader;
    private final TransactionReader statementReader;

    /**
     * Reads ledgers as transaction CSV, and statements as whichever of transaction CSV, camt.053 or
     * MT940 their content is ({@link StatementReaders#detecting()}); unrecognised statement content is
     * an {@link UnreadableFileException}.
     */
    public IngestionEngine() {
        this(new TransactionCsvCodec(), StatementReaders.detecting());
    }

    /**
     * Reads ledgers and statements with the given readers (for example a camt.053 statement reader);
     * staged output is transaction CSV either way.
     */
    public IngestionEngine(TransactionReader ledgerReader, TransactionReader statementReader) {
        this.ledgerReader = Objects.requireNonNull(ledgerReader, "ledgerReader");
        this.statementReader = Objects.requireNonNull(statementReader, "statementReader");
    }

    /**
     * Ingests one file; the stream is read to the end and not closed.
     *
     * @throws UnknownInputTypeException the key is not under a known inbound prefix
     * @throws UnreadableFileException the content is not the format its prefix promises (header, encoding),
     *     or for a statement none of the statement formats
     */
    public IngestionOutcome ingest(String inboundKey, InputStream content)
            throws IOException, UnreadableFileException, UnknownInputTypeException {
        Objects.requireNonNull(content, "content");
        InputType type = InputType.ofKey(inboundKey);
        SourceId sourceId = SourceId.fromInboundKey(inboundKey);
        return switch (type) {
            case LEDGER, STATEMENT -> ingestTransactions(inboundKey, type, sourceId, content);
            case POSITIONS -> ingestPositions(inboundKey, sourceId, content);
            case MARKET_DATA -> ingestPrices(inboundKey, sourceId, content);
        };
    }

    private IngestionOutcome ingestTransactions(String key, InputType type, SourceId sourceId, InputStream content)
            throws IOException, UnreadableFileException {
        TransactionReader reader = type == InputType.LEDGER ? ledgerReader : statementReader;
        ReadResult<Transaction> read = reader.readAll(content);
        List<RejectedRow> rejected = new ArrayList<>(read.rejected());
        List<Transaction> kept = new ArrayList<>();
        Map<String, Long> firstSeenOn = new HashMap<>();
        for (AcceptedRow<Transaction> row : read.accepted()) {
            Long firstLine = firstSeenOn.putIfAbsent(row.record().entryId(), row.lineNumber());
            if (firstLine == null) {
                kept.add(row.record());
            } else {
                rejected.add(row.reject("duplicate entry_id '" + row.record().entryId()
                        + "', first seen on line " + firstLine));
            }
        }
        // Rejects are reported in file order whichever rule rejected them.
        rejected.sort(Comparator.comparingLong(RejectedRow::lineNumber));

        Map<ReconciliationPair, List<Transaction>> groups = group(kept,
                t -> ReconciliationPair.of(t.account(), t.bookingDate()));
        List<StagedObject> staged = new ArrayList<>();
        groups.forEach((pair, rows) -> staged.add(stage(type.stagedPrefix() + pair.account().value() + "/"
                + pair.businessDate() + "/" + sourceId.value() + ".csv", transactions, rows)));
        return outcome(key, type, sourceId, read.counts().rowsRead(), staged, rejected,
                List.copyOf(groups.keySet()), List.of());
    }

    private IngestionOutcome ingestPositions(String key, SourceId sourceId, InputStream content)
            throws IOException, UnreadableFileException {
        // Checked before the content: without its date no row of the file can be staged.
        LocalDate businessDate = FileNameDate.ofPositions(key);
        ReadResult<RiskPosition> read = positions.readAll(content);
        List<RejectedRow> rejected = read.rejected();
        List<RiskPosition> rows = read.records();
        List<StagedObject> staged = new ArrayList<>();
        List<LocalDate> riskDates = new ArrayList<>();
        if (!rows.isEmpty()) {
            staged.add(stage(InputType.POSITIONS.stagedPrefix() + businessDate + "/" + sourceId.value() + ".csv",
                    positions, rows));
            riskDates.add(businessDate);
        }
        return outcome(key, InputType.POSITIONS, sourceId, read.counts().rowsRead(), staged, rejected,
                List.of(), riskDates);
    }

    private IngestionOutcome ingestPrices(String key, SourceId sourceId, InputStream content)
            throws IOException, UnreadableFileException {
        byte[] bytes = content.readAllBytes();
        PriceHistoryCsv prices = pricesCodecFor(bytes);
        ReadResult<PriceRow> read = prices.readAll(new ByteArrayInputStream(bytes));
        List<RejectedRow> mixed = PriceHistoryCsv.otherCurrencies(read.accepted());
        Set<Long> mixedLines = mixed.stream().map(RejectedRow::lineNumber).collect(Collectors.toSet());
        List<PriceRow> rows = read.accepted().stream().filter(row -> !mixedLines.contains(row.lineNumber()))
                .map(AcceptedRow::record).toList();
        List<RejectedRow> rejected = new ArrayList<>(read.rejected());
        rejected.addAll(mixed);
        rejected.sort(Comparator.comparingLong(RejectedRow::lineNumber));

        List<StagedObject> staged = new ArrayList<>();
        List<LocalDate> riskDates = new ArrayList<>();
        rows.stream().map(PriceRow::date).max(Comparator.naturalOrder()).ifPresent(latest -> {
            staged.add(stage(InputType.MARKET_DATA.stagedPrefix() + latest + "/" + sourceId.value() + ".csv",
                    prices, rows));
            // New prices can complete the inputs of the run for their latest date.
            riskDates.add(latest);
        });
        return outcome(key, InputType.MARKET_DATA, sourceId, read.counts().rowsRead(), staged, rejected,
                List.of(), riskDates);
    }

    /** The codec whose header the file has; an empty file goes to the plain one, whose message says it is empty. */
    private static PriceHistoryCsv pricesCodecFor(byte[] bytes) throws IOException, UnreadableFileException {
        String expected = "'" + String.join(",", PriceHistoryCsv.HEADER) + "' or '"
                + String.join(",", PriceHistoryCsv.HEADER_WITH_CURRENCY) + "'";
        Optional<CsvRecord> first;
        try {
            first = CsvReader.ofUtf8(new ByteArrayInputStream(bytes)).next();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("file is not valid UTF-8 text; expected UTF-8 CSV with header "
                    + expected, e);
        }
        if (first.isEmpty()) {
            return PriceHistoryCsv.withoutCurrency();
        }
        CsvRecord header = first.get();
        Optional<PriceHistoryCsv> codec = header.wellFormed() ? PriceHistoryCsv.forHeader(header.fields())
                : Optional.empty();
        return codec.orElseThrow(() -> new UnreadableFileException("expected header " + expected
                + " on line 1, found '" + header.rawText() + "'"));
    }

    /** Groups in key order, rows within a group in input order, so the outcome is deterministic. */
    private static <K extends Comparable<? super K>, T> Map<K, List<T>> group(List<T> rows, Function<T, K> keyOf) {
        Map<K, List<T>> groups = new TreeMap<>();
        for (T row : rows) {
            groups.computeIfAbsent(keyOf.apply(row), k -> new ArrayList<>()).add(row);
        }
        return new LinkedHashMap<>(groups);
    }

    private static <T> StagedObject stage(String key, RecordWriter<T> writer, List<T> rows) {
        return StagedObject.of(key, writer.toBytes(rows), rows.size());
    }

    private static IngestionOutcome outcome(String key, InputType type, SourceId sourceId, long rowsRead,
                                            List<StagedObject> staged, List<RejectedRow> rejected,
                                            List<ReconciliationPair> pairs, List<LocalDate> riskDates) {
        ReadCounts counts = new ReadCounts(rowsRead, rowsRead - rejected.size(), rejected.size());
        List<StagedObject> byKey = staged.stream().sorted(Comparator.comparing(StagedObject::key)).toList();
        StagedObject rejects = StagedObject.of(sourceId.rejectsKey(), RejectsCsv.toBytes(rejected), rejected.size());
        return new IngestionOutcome(key, type, sourceId, counts, byKey, rejects, rejected, pairs, riskDates);
    }
}
