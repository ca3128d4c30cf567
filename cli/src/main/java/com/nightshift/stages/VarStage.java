package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.io.OutputSink;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.risk.var.BookModel;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarEngine;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

/**
 * {@code nightshift var --positions F (--market F --corr F | --prices F) [...] --out DIR}: the VaR
 * engine on local files through the same {@link VarPipeline} as the risk service, with the service's
 * defaults ({@link VarSettings#DEFAULTS}), so the same inputs give the same numbers as the night.
 */
public final class VarStage {

    private VarStage() {
    }

    /** Where the market comes from on the command line. */
    public sealed interface MarketFiles permits ExplicitFiles, PriceFiles {
    }

    /** {@code --market} and {@code --corr}, with {@code --repair-correlation}. */
    public record ExplicitFiles(Path market, Path corr, boolean repairCorrelation) implements MarketFiles {
    }

    /** {@code --prices}; {@code --rate} prices the options ({@link VarSettings#historyRate()}). */
    public record PriceFiles(Path prices) implements MarketFiles {
    }

    /** The parameters of one run; empty {@code date} means the pipeline's default. */
    public record Options(Path positions, MarketFiles market, Optional<LocalDate> date, VarSettings settings, Path out,
            int threads) {
    }

    /**
     * Prepares on a background thread, while the command line is parsed, what the run needs but the
     * parsing does not: the SHA-256 digest every input is checksummed with (the first one loads the
     * security providers, some 15 ms), then the JSON writing path of the run's documents (Jackson's
     * generator and the reflective calls of the records' accessors), so {@link #run} reads and writes
     * without those costs. Optional: a run works the same without it.
     */
    public static void prepareInBackground() {
        Thread warmUp = new Thread(() -> {
            InputFile.newDigest();
            DocumentJson.warmUp();
        }, "var-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Runs the job and prints a summary; returns the report written to {@code out/var.json}, signed over
     * its whole content when {@code MANIFEST_SIGNING_KEY} is in {@code environment}.
     */
    public static VarReport run(Options options, Map<String, String> environment, PrintStream console)
            throws IOException {
        InputSource positions = InputSource.file(LocalInputs.existing(options.positions(), "--positions"));
        // instanceof rather than a pattern switch: a switch on types builds its dispatch class at run time,
        // which a run of well under a second notices.
        VarPipeline.MarketSource market;
        if (options.market() instanceof ExplicitFiles explicit) {
            market = new VarPipeline.ExplicitMarket(InputSource.file(LocalInputs.existing(explicit.market(), "--market")),
                    InputSource.file(LocalInputs.existing(explicit.corr(), "--corr")), explicit.repairCorrelation());
        } else {
            PriceFiles prices = (PriceFiles) options.market();
            market = new VarPipeline.PriceHistoryMarket(
                    List.of(InputSource.file(LocalInputs.existing(prices.prices(), "--prices"))));
        }
        VarSettings settings = options.settings();
        BookModel model = VarPipeline.prepare(List.of(positions), market, options.date(),
                LocalDate.now(ZoneOffset.UTC), settings);
        VarReport report = VarEngine.withParallelism(options.threads()).run(model);
        String key = environment.getOrDefault(ManifestSigner.KEY_VARIABLE, "");
        if (!key.isBlank()) {
            report = ManifestSigner.withKey(key).sign(report);
        }
        VarPipeline.write(model, report, OutputSink.directory(options.out()));

        console.printf(Locale.ROOT, "business date %s, %,d scenarios (%s, %s), %d-day horizon, seed %d%n",
                report.businessDate(), report.scenarios(), report.method(), report.returns(), report.horizonDays(),
                report.seed());
        if (report.manifest().correlationRepaired()) {
            console.printf(Locale.ROOT, "corr.csv was not positive definite: repaired, largest change %.6f%n",
                    report.manifest().correlationChange());
        }
        console.println("                          value         VaR 95%          ES 95%         VaR 99%          ES 99%");
        report.portfolios().forEach((name, m) -> console.println(row(name, m)));
        console.println(row("BOOK", report.book()));
        console.printf(Locale.ROOT, "99%% VaR standard error %.2f (%.2f%% of VaR); %d ms simulating%n",
                report.book().var99StdError(), 100 * report.book().var99StdError() / report.book().var99(),
                report.timings().simulateMillis());
        console.println("results in " + options.out().resolve(VarPipeline.VAR_JSON).toAbsolutePath());
        return report;
    }

    private static String row(String name, TailMeasures m) {
        return String.format(Locale.ROOT, "%-16s %15.2f %15.2f %15.2f %15.2f %15.2f", name, m.value(), m.var95(), m.es95(),
                m.var99(), m.es99());
    }
}
