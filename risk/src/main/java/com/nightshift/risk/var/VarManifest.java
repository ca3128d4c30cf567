package com.nightshift.risk.var;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.nightshift.common.io.InputFile;

/**
 * What a VaR run was computed from, so that anyone can check later that the same inputs and settings
 * give the same numbers: the business date, every input file with its SHA-256, where the market came
 * from, and the engine's version. The settings are in the report beside it. No wall-clock time is
 * recorded, so a re-run writes an identical manifest.
 *
 * @param businessDate        the night (or the as-of date) the run is for
 * @param inputs              every input read, with checksums, in the order read: the positions files first,
 *                            then {@code market.csv} and {@code corr.csv}, or the price histories
 * @param market              {@code explicit} (market.csv and corr.csv) or {@code ewma} (estimated from prices.csv)
 * @param ewmaLambda          the EWMA decay used, or 0 for an explicit market
 * @param correlationRepaired whether corr.csv was replaced by its nearest correlation matrix
 * @param correlationChange   the largest change repair made to any correlation (0 when not repaired)
 * @param codeVersion         the engine's version ({@link #currentCodeVersion()})
 * @param positionInputs      how many of {@code inputs}, from the first, are positions files (what a replay
 *                            needs to tell them from the market's files)
 * @param historyRate         the rate that priced options off a price history ({@link VarSettings#historyRate()});
 *                            0 for an explicit market, whose file gives each factor its rate
 * @param signature           {@code hmac-sha256:<key id>:<hex>} over the whole {@code var.json}
 *                            ({@link VarReport#canonicalBytes()}); empty when the run was not signed
 */
public record VarManifest(LocalDate businessDate, List<InputFile> inputs, String market, double ewmaLambda,
        boolean correlationRepaired, double correlationChange, String codeVersion, int positionInputs,
        double historyRate, String signature) {

    public VarManifest {
        Objects.requireNonNull(businessDate, "businessDate");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(signature, "signature");
        if (positionInputs < 0 || positionInputs > inputs.size()) {
            throw new IllegalArgumentException("positionInputs " + positionInputs + " is not between 0 and the "
                    + inputs.size() + " inputs");
        }
    }

    /** An unsigned manifest whose inputs are all positions files and whose rate is 0. */
    public VarManifest(LocalDate businessDate, List<InputFile> inputs, String market, double ewmaLambda,
            boolean correlationRepaired, double correlationChange, String codeVersion) {
        this(businessDate, inputs, market, ewmaLambda, correlationRepaired, correlationChange, codeVersion,
                inputs.size(), 0.0, "");
    }

    /** A manifest for a book built in code, with no input files (tests, benchmarks). */
    public static VarManifest inMemory(LocalDate businessDate) {
        return new VarManifest(businessDate, List.of(), "explicit", 0.0, false, 0.0, currentCodeVersion());
    }

    /** The same manifest with {@code value} as its signature. */
    public VarManifest withSignature(String value) {
        return new VarManifest(businessDate, inputs, market, ewmaLambda, correlationRepaired, correlationChange,
                codeVersion, positionInputs, historyRate, value);
    }

    /** The version of the running engine: its jar's Implementation-Version, or {@code development}. */
    public static String currentCodeVersion() {
        String version = VarManifest.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
