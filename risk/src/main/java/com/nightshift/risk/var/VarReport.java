package com.nightshift.risk.var;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.manifest.SignedDocument;

/**
 * The result of a VaR run, as {@code var.json} holds it (a public contract other tools read):
 * {@code {"scenarios": N, "seed": S, "method": "...", "horizonDays": 1, "book": M, "portfolios":
 * {"<name>": M}, ...}} with each {@code M} a {@link TailMeasures}.
 *
 * @param scenarios    the number of scenarios
 * @param seed         the generator's seed
 * @param method       the sampling method's id (plain, antithetic, sobol, importance)
 * @param horizonDays  the horizon in trading days
 * @param returns      lognormal or normal
 * @param revaluation  exact or interpolated
 * @param replications the replicates the error of non-plain methods is estimated from
 * @param businessDate the night the run is for
 * @param book         the whole book
 * @param portfolios   each portfolio, by name, sorted
 * @param components   each portfolio's Euler contribution to the book's VaR and ES
 * @param histogram    the book's P&amp;L distribution
 * @param timings      where the time went
 * @param manifest     what the run was computed from
 */
public record VarReport(int scenarios, long seed, String method, int horizonDays, String returns, String revaluation,
        int replications, LocalDate businessDate, TailMeasures book, Map<String, TailMeasures> portfolios,
        Map<String, ComponentRisk> components, PnlHistogram histogram, VarTimings timings, VarManifest manifest)
        implements SignedDocument<VarReport> {

    public VarReport {
        portfolios = Collections.unmodifiableSortedMap(new TreeMap<>(portfolios));
        components = Collections.unmodifiableSortedMap(new TreeMap<>(components));
    }

    /** The signature in the manifest; it covers this whole document ({@link #canonicalBytes()}). */
    @Override
    public String signature() {
        return manifest.signature();
    }

    @Override
    public VarReport withSignature(String value) {
        return withManifest(manifest.withSignature(value));
    }

    /** The same report with another manifest. */
    public VarReport withManifest(VarManifest value) {
        return new VarReport(scenarios, seed, method, horizonDays, returns, revaluation, replications, businessDate,
                book, portfolios, components, histogram, timings, value);
    }

    /** The same report with other timings. */
    public VarReport withTimings(VarTimings value) {
        return new VarReport(scenarios, seed, method, horizonDays, returns, revaluation, replications, businessDate,
                book, portfolios, components, histogram, value, manifest);
    }

    /** {@code var.json} as {@link DocumentJson} writes it, with {@code manifest.signature} empty: what a signature covers. */
    @Override
    public byte[] canonicalBytes() {
        return DocumentJson.bytes(withSignature(""));
    }
}
