package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.market.Position;
import com.nightshift.common.market.PositionCsvCodec;
import com.nightshift.common.market.PriceCsvCodec;
import com.nightshift.common.market.PricePoint;
import com.nightshift.common.risk.VarSettings;
import com.nightshift.risk.engine.MonteCarloVarEngine;
import com.nightshift.risk.engine.Portfolio;
import com.nightshift.risk.engine.RiskBook;
import com.nightshift.risk.engine.RiskResult;
import com.nightshift.risk.engine.VarParameters;
import com.nightshift.risk.service.RiskDocument;

/**
 * {@code nightshift var --positions FILE --prices FILE [--date D] [--scenarios N] [--confidence C]
 * [--seed S] [--out DIR]}: the Monte Carlo VaR/ES engine on local files, with the service's defaults
 * ({@link VarSettings#DEFAULTS}: 10,000 scenarios, 99%, 1 day, seed 20261120, a 365-day look-back), so
 * the same inputs give the same numbers as the night.
 */
public final class VarStage {

    private VarStage() {
    }

    /** The parameters of one run; empty {@code date} means the last price date. */
    public record Options(Path positions, Path prices, Optional<LocalDate> date, VarSettings settings, Path out) {
    }

    public static void run(Options options, Map<String, String> environment, PrintStream console) throws IOException {
        Path out = options.out();
        LocalInputs inputs = new LocalInputs(console);
        List<Position> positions = inputs.read(LocalInputs.existing(options.positions(), "--positions"), new PositionCsvCodec());
        List<PricePoint> prices = inputs.read(LocalInputs.existing(options.prices(), "--prices"), new PriceCsvCodec());
        LocalDate date = options.date().orElseGet(() -> prices.stream()
                .map(PricePoint::priceDate).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("var: the prices file has no prices")));
        VarSettings settings = options.settings();
        int scenarios = settings.scenarios();
        double confidence = settings.confidence();
        long seed = settings.seed();
        VarParameters parameters = VarParameters.of(settings);
        RiskBook book = RiskBook.of(date, positions.stream().filter(p -> p.asOfDate().equals(date)).toList(), prices,
                settings.lookbackDays());
        if (book.portfolioIds().isEmpty()) {
            throw new IllegalArgumentException("var: no positions as of " + date + " (use --date)");
        }
        MonteCarloVarEngine engine = MonteCarloVarEngine.withParallelism(Runtime.getRuntime().availableProcessors());

        console.printf("business date %s, %d scenarios, %.1f%% %d-day, seed %d%n", date, scenarios, 100 * confidence,
                settings.horizonDays(), seed);
        console.println("portfolio       ccy           value             VaR              ES");
        for (String id : book.portfolioIds()) {
            Portfolio portfolio = book.portfolio(id);
            RiskResult result = engine.run(portfolio, book.marketData(), parameters);
            console.printf("%-14s  %s %15.2f %15.2f %15.2f%n", id, result.currency(), result.portfolioValue(),
                    result.valueAtRisk(), result.expectedShortfall());
            Path file = out.resolve("results/risk/" + date + "/" + id + "/result.json");
            Files.createDirectories(file.getParent());
            Files.write(file, JsonCodec.writeBytes(RiskDocument.of(portfolio, date, result, inputs.manifest(Map.of(
                    "portfolio", id, "businessDate", date.toString(), "confidence", Double.toString(confidence),
                    "horizonDays", Integer.toString(settings.horizonDays()), "scenarios", Integer.toString(scenarios),
                    "lookbackDays", Integer.toString(settings.lookbackDays()), "method", "monte-carlo-normal"), seed,
                    environment))));
        }
        console.println("results in " + out.resolve("results/risk").toAbsolutePath());
    }
}
