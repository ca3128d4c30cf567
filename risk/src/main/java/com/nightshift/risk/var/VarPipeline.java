package com.nightshift.risk.var;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.io.OutputSink;
import com.nightshift.risk.book.PositionsFile;
import com.nightshift.risk.book.RiskInputException;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.EwmaEstimator;
import com.nightshift.risk.market.MarketFile;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.PriceHistory;
import com.nightshift.risk.market.PriceRow;

/**
 * One VaR job, the same for {@code bin/nightshift var} and the risk service (DESIGN.md: one code path
 * per job): read and validate the positions and the market, compile the book, and write the results.
 * The caller runs the {@link VarEngine} between {@link #prepare} and {@link #write}, in one process or
 * spread over shards.
 *
 * <p>Inputs are {@link InputSource}s (files or S3 objects); each is checksummed as it is read, for the
 * manifest. Outputs go to an {@link OutputSink}: {@value #VAR_JSON} for the whole run and
 * {@code <portfolio>/}{@value #PORTFOLIO_RESULT} per portfolio.
 */
public final class VarPipeline {

    /** The run's result document. */
    public static final String VAR_JSON = "var.json";
    /** Each portfolio's result document, under a folder named after the portfolio. */
    public static final String PORTFOLIO_RESULT = "result.json";

    private VarPipeline() {
    }

    /** Where the market comes from. */
    public sealed interface MarketSource permits ExplicitMarket, PriceHistoryMarket {
    }

    /**
     * {@code market.csv} and {@code corr.csv}; a correlation matrix that is not positive definite is
     * replaced by its nearest correlation matrix only when {@code repairCorrelation} is set.
     */
    public record ExplicitMarket(InputSource market, InputSource correlation, boolean repairCorrelation)
            implements MarketSource {
        public ExplicitMarket {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(correlation, "correlation");
        }
    }

    /**
     * One or more {@code prices.csv} files, read together, from which volatilities and correlations are
     * estimated by EWMA; the settings' {@link VarSettings#historyRate()} prices the options (price
     * histories carry no rates).
     */
    public record PriceHistoryMarket(List<InputSource> prices) implements MarketSource {
        public PriceHistoryMarket {
            prices = List.copyOf(prices);
            if (prices.isEmpty()) {
                throw new IllegalArgumentException("a price-history market needs at least one prices file");
            }
        }
    }

    /**
     * Reads the positions (one or more files, read together: a position id may appear once in all of
     * them) and the market, checks every position's factor, and compiles the book.
     *
     * @param date the business date; without one, the last price date of a price history, or
     *             {@code today} for an explicit market
     * @throws RiskInputException   for a bad input, naming the file, line and problem
     * @throws IllegalArgumentException if the book cannot be compiled (for example a covariance that
     *                              cannot be factorised)
     */
    public static BookModel prepare(List<InputSource> positions, MarketSource market, Optional<LocalDate> date,
            LocalDate today, VarSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("no positions file given");
        }
        // The positions and the market are independent and each is parsed on one thread: read the
        // positions beside the market. Errors keep their order: a bad positions file is reported first.
        List<InputFile> positionInputs = new ArrayList<>();
        FutureTask<List<PositionsFile>> positionsRead = new FutureTask<>(() -> {
            List<PositionsFile> read = new ArrayList<>();
            for (InputSource source : positions) {
                read.add(read(source, positionInputs, in -> PositionsFile.load(source.name(), in)));
            }
            return read;
        });
        Thread reader = new Thread(positionsRead, "positions-reader");
        reader.setDaemon(true);
        reader.start();
        List<InputFile> inputs = new ArrayList<>();
        MarketSnapshot snapshot;
        LocalDate businessDate;
        String kind;
        double lambda = 0.0;
        boolean repaired = false;
        double change = 0.0;
        try {
            // instanceof rather than a switch on types: that builds its dispatch class at run time, a cost a
            // run of under a second notices.
            if (market instanceof ExplicitMarket explicit) {
                MarketFile file = readMarket(explicit, inputs);
                snapshot = file.snapshot();
                repaired = file.correlationRepaired();
                change = file.correlationChange();
                businessDate = date.orElse(today);
                kind = "explicit";
            } else {
                PriceHistory prices = readHistory((PriceHistoryMarket) market, inputs);
                businessDate = date.orElseGet(() -> prices.lastDate().orElseThrow(() ->
                        new RiskInputException(prices.fileName(), "no prices after the header")));
                lambda = settings.ewmaLambda();
                snapshot = new EwmaEstimator(lambda).estimate(prices, businessDate, settings.historyRate());
                kind = "ewma";
            }
        } catch (RuntimeException marketError) {
            joined(positionsRead);
            throw marketError;
        }
        List<PositionsFile> files = joined(positionsRead);
        inputs.addAll(0, positionInputs);
        List<RiskPosition> book = new ArrayList<>();
        Map<String, String> firstFile = new HashMap<>();
        for (PositionsFile file : files) {
            file.validate(snapshot);
            for (int i = 0; i < file.positions().size(); i++) {
                RiskPosition position = file.positions().get(i);
                String earlier = firstFile.putIfAbsent(position.positionId(), file.fileName());
                if (earlier != null) {
                    throw new RiskInputException(file.fileName(), file.lineOf(i), "position_id " + position.positionId()
                            + " is also in " + earlier);
                }
                book.add(position);
            }
        }
        VarManifest manifest = new VarManifest(businessDate, inputs, kind, lambda, repaired, change,
                VarManifest.currentCodeVersion(), positionInputs.size(),
                market instanceof PriceHistoryMarket ? settings.historyRate() : 0.0, "");
        return BookModel.of(book, snapshot, settings, manifest);
    }

    /**
     * Writes {@value #VAR_JSON} and each portfolio's {@value #PORTFOLIO_RESULT}.
     *
     * @return the names written, {@value #VAR_JSON} first
     */
    public static List<String> write(BookModel model, VarReport report, OutputSink sink) throws IOException {
        List<String> written = new ArrayList<>();
        try (OutputStream out = sink.open(VAR_JSON)) {
            DocumentJson.write(report, out);
        }
        written.add(VAR_JSON);
        int[] counts = model.positionCounts();
        List<String> portfolios = model.portfolios();
        for (int p = 0; p < portfolios.size(); p++) {
            String name = portfolios.get(p);
            PortfolioRiskDocument document = new PortfolioRiskDocument(name, report.businessDate(), counts[p],
                    report.portfolios().get(name), report.components().get(name), report.book(), report.scenarios(),
                    report.seed(), report.method(), report.horizonDays(), report.returns(), report.manifest());
            String file = name + "/" + PORTFOLIO_RESULT;
            try (OutputStream out = sink.open(file)) {
                DocumentJson.write(document, out);
            }
            written.add(file);
        }
        return written;
    }

    /** Reads a {@value #VAR_JSON}, failing on a missing or unknown field. */
    public static VarReport readReport(InputStream in) throws IOException {
        return DocumentJson.read(in, VarReport.class);
    }

    /** Reads a portfolio's {@value #PORTFOLIO_RESULT}, failing on a missing or unknown field. */
    public static PortfolioRiskDocument readPortfolio(InputStream in) throws IOException {
        return DocumentJson.read(in, PortfolioRiskDocument.class);
    }

    private static MarketFile readMarket(ExplicitMarket explicit, List<InputFile> inputs) {
        // Both streams must be open at once; each is checksummed as it is read.
        MessageDigest marketDigest = InputFile.newDigest();
        MessageDigest corrDigest = InputFile.newDigest();
        try (InputStream market = new DigestInputStream(explicit.market().open(InputLimits.DEFAULTS), marketDigest);
                InputStream corr = new DigestInputStream(explicit.correlation().open(InputLimits.DEFAULTS), corrDigest)) {
            MarketFile file = MarketFile.load(explicit.market().name(), market, explicit.correlation().name(), corr,
                    explicit.repairCorrelation());
            inputs.add(InputFile.of(explicit.market().name(), marketDigest));
            inputs.add(InputFile.of(explicit.correlation().name(), corrDigest));
            return file;
        } catch (IOException e) {
            throw new RiskInputException(explicit.market().name() + " / " + explicit.correlation().name(),
                    "cannot be read: " + e);
        }
    }

    private static PriceHistory readHistory(PriceHistoryMarket history, List<InputFile> inputs) {
        if (history.prices().size() == 1) {
            InputSource only = history.prices().get(0);
            return read(only, inputs, in -> PriceHistory.read(only.name(), in));
        }
        List<PriceRow> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (InputSource source : history.prices()) {
            PriceHistory part = read(source, inputs, in -> PriceHistory.read(source.name(), in));
            names.add(source.name());
            for (String factor : part.factors()) {
                part.closes(factor).forEach((day, close) -> rows.add(part.currency()
                        .map(ccy -> new PriceRow(day, factor, close, Optional.of(ccy)))
                        .orElseGet(() -> PriceRow.of(day, factor, close))));
            }
        }
        return PriceHistory.of(String.join(" + ", names), rows);
    }

    /** The positions files, or the error reading them threw, as it was thrown. */
    private static List<PositionsFile> joined(FutureTask<List<PositionsFile>> positionsRead) {
        try {
            return positionsRead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the positions", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException error) {
                throw error;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T read(InputSource source, List<InputFile> inputs, Reader<T> reader) {
        MessageDigest digest = InputFile.newDigest();
        try (InputStream in = new DigestInputStream(source.open(InputLimits.DEFAULTS), digest)) {
            T value = reader.read(in);
            in.transferTo(OutputStream.nullOutputStream());
            inputs.add(InputFile.of(source.name(), digest));
            return value;
        } catch (IOException e) {
            throw new RiskInputException(source.name(), "cannot be read: " + e);
        } catch (UncheckedIOException e) {
            throw new RiskInputException(source.name(), "cannot be read: " + e.getCause());
        }
    }
}
