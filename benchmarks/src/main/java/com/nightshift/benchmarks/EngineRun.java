package com.nightshift.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.nightshift.reconciliation.MatchRule;
import com.nightshift.common.io.OutputSink;
import com.nightshift.reconciliation.ReconciliationPipeline;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import com.nightshift.common.io.InputSource;
import com.nightshift.reconciliation.ReconciliationRules;

/**
 * The engine's side of the reconciliation benchmark, as a process of its own: the pipeline the service
 * runs (parse, match, write) on one ledger and one statement file, on one thread. Prints one line,
 * {@code counts exact tolerance aggregate unmatchedLedger unmatchedStatement peakHeapBytes}, for the
 * harness to read.
 *
 * <pre>java -cp ... com.nightshift.benchmarks.EngineRun LEDGER STATEMENT OUT_DIR BUSINESS_DATE</pre>
 */
public final class EngineRun {

    private EngineRun() {
    }

    public static void main(String[] args) throws Exception {
        var outcome = ReconciliationPipeline.run(List.of(InputSource.file(Path.of(args[0]))), List.of(InputSource.file(Path.of(args[1]))),
                List.of(), ReconciliationRules.defaults(), Optional.of(LocalDate.parse(args[3])), Ageing.BY_NIGHT,
                OutputSink.directory(Path.of(args[2])), 1);
        var byRule = outcome.matchesByRule();
        System.out.println("counts " + byRule.get(MatchRule.EXACT) + " " + byRule.get(MatchRule.TOLERANCE) + " "
                + byRule.get(MatchRule.AGGREGATE) + " " + outcome.unmatchedLedger() + " " + outcome.unmatchedStatement()
                + " " + peakHeapBytes());
    }

    /** The most the heap held at once: the sum of every heap pool's peak (an upper bound, pools peak apart). */
    static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
