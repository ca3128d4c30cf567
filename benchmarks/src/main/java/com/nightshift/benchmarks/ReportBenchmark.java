package com.nightshift.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;

import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.reporting.pdf.TableColumn;

/**
 * The PDF report benchmark: a reconciliation-style report listing many unmatched items (100,000 by
 * default: entry id, account, booking and value date, amount, currency, counterparty, reference, age;
 * seeded, so every run draws the same report), rendered by {@link ReportRenderer} into a file several
 * times in one JVM after a warm-up run. Prints per run the wall time, pages, pages and items per
 * second, the file size and the peak heap in use (heap pools' peaks, reset before each run). A
 * harness, not a test: it measures, it asserts nothing.
 *
 * <pre>
 * ./mvnw -B -o -q -pl benchmarks -am package -DskipTests -Djib.skip=true -Dnightshift.base.skip=true
 * java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath.deps)" \
 *     com.nightshift.benchmarks.ReportBenchmark [ITEMS [RUNS [WORK_DIR]]]   # default 100000 3 target/report-benchmark
 * </pre>
 */
public final class ReportBenchmark {

    private static final long SEED = 20261120L;
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    private ReportBenchmark() {
    }

    /** One measured rendering. */
    record Run(double seconds, int pages, long bytes, long peakHeapBytes) {
        double pagesPerSecond() {
            return pages / seconds;
        }
    }

    public static void main(String[] args) throws IOException {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Path.of(args.length > 2 ? args[2] : "target/report-benchmark").toAbsolutePath();
        run(items, runs, work, System.out);
    }

    /** Renders the report once to warm up, then {@code runs} times measured, printing each run and the best. */
    static List<Run> run(int items, int runs, Path work, PrintStream out) throws IOException {
        Files.createDirectories(work);
        out.printf(Locale.ROOT, "Report benchmark: %s, %d processors, max heap %,d MiB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ReportDocument document = report(items);
        out.printf(Locale.ROOT, "one table of %,d items, %d columns%n", items, 9);
        Path file = work.resolve("report.pdf");
        render(document, file);
        List<Run> measured = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run run = render(document, file);
            measured.add(run);
            out.printf(Locale.ROOT, "run %d: %.2f s, %,d pages, %,.0f pages/s, %,.0f items/s, %,.1f MB, peak heap %,d MiB%n", i,
                    run.seconds(), run.pages(), run.pagesPerSecond(), items / run.seconds(), run.bytes() / 1e6,
                    run.peakHeapBytes() >> 20);
        }
        measured.stream().min((a, b) -> Double.compare(a.seconds(), b.seconds())).ifPresent(best ->
                out.printf(Locale.ROOT, "best: %.2f s, %,.0f pages/s%n", best.seconds(), best.pagesPerSecond()));
        return measured;
    }

    /** The report: a few key figures and the unmatched items of one night. */
    static ReportDocument report(int items) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<List<String>> rows = new ArrayList<>(items);
        for (int i = 1; i <= items; i++) {
            int age = random.nextInt(30);
            LocalDate booked = DATE.minusDays(age);
            long cents = random.nextLong(-5_000_000_00L, 5_000_000_00L);
            rows.add(List.of(String.format(Locale.ROOT, "L-%07d", i), "ACC-" + (1001 + random.nextInt(40)),
                    booked.toString(), booked.plusDays(random.nextInt(3)).toString(),
                    String.format(Locale.ROOT, "%,.2f", cents / 100.0), random.nextInt(10) == 0 ? "EUR" : "USD",
                    "Counterparty " + random.nextInt(2_000), "INV-" + random.nextInt(1_000_000), String.valueOf(age)));
        }
        return ReportDocument.of("Reconciliation benchmark", List.of("Unmatched ledger items, business date " + DATE),
                DATE, "benchmark", Instant.parse("2026-11-21T05:30:00Z"), List.of(
                        ReportSection.Table.of("Unmatched ledger items", List.of(TableColumn.left("Entry"),
                                TableColumn.left("Account"), TableColumn.left("Booked"), TableColumn.left("Value date"),
                                TableColumn.right("Amount"), TableColumn.left("Ccy"), TableColumn.left("Counterparty"),
                                TableColumn.left("Reference"), TableColumn.right("Age")), rows)));
    }

    private static Run render(ReportDocument document, Path file) throws IOException {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            new ReportRenderer().render(document, out);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            return new Run(seconds, pdf.getNumberOfPages(), Files.size(file), peak);
        }
    }
}
