package com.nightshift.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nightshift.reconciliation.generator.ReconciliationDataGenerator;

/**
 * The reconciliation benchmark: generated ledger and statements (the project's seeded generator), then
 * the engine's pipeline and DuckDB's SQL version of the same three rule stages, each as a whole process
 * (JVM start, parse, match, write) pinned to one core ({@code taskset -c 0} where it exists, and
 * {@code -XX:ActiveProcessorCount=1}); the engine's heap is capped at 1.5 GiB ({@code -Xmx1536m}), so a
 * run that finishes proves the heap stayed under it. Prints wall time, entries per
 * second, the engine's peak heap and the ratio. A harness, not a test: it measures, it asserts nothing.
 *
 * <pre>
 * ./mvnw -o -pl benchmarks -am package -DskipTests -Djib.skip=true -Dnightshift.base.skip=true
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath.deps)" \
 *     com.nightshift.benchmarks.ReconciliationBenchmark \
 *     [ACCOUNTS [ENTRIES_PER_ACCOUNT [SEED [WORK_DIR]]]]      # default 1000 1110 20261120 target/benchmark
 * </pre>
 */
public final class ReconciliationBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(30);

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // About 1,000,000 entries a side: the generator leaves some ledger entries without a statement entry.
        int perAccount = args.length > 1 ? Integer.parseInt(args[1]) : 1110;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261120L;
        Path work = Path.of(args.length > 3 ? args[3] : "target/benchmark").toAbsolutePath();
        Files.createDirectories(work);

        long started = System.nanoTime();
        var settings = ReconciliationDataGenerator.Settings.of(seed, accounts, perAccount);
        var set = ReconciliationDataGenerator.generate(settings);
        set.write(work.resolve("data"));
        int ledger = set.ledger().size();
        int statements = set.statements().size();
        set = null;
        System.out.printf("data: %,d ledger and %,d statement entries in %d accounts (seed %d), generated in %.1f s%n",
                ledger, statements, accounts, seed, (System.nanoTime() - started) / 1e9);

        Path ledgerFile = work.resolve("data").resolve(ReconciliationDataGenerator.LEDGER_FILE);
        Path statementFile = work.resolve("data").resolve(ReconciliationDataGenerator.STATEMENT_FILE);
        Run engine = run("engine", List.of("-Xmx1536m", EngineRun.class.getName(), ledgerFile.toString(),
                statementFile.toString(), work.resolve("engine-out").toString(), settings.businessDate().toString()), work);
        Run duckDb = run("duckdb", List.of("-Xmx1536m", DuckDbRun.class.getName(), ledgerFile.toString(),
                statementFile.toString(), work.resolve("duckdb-out").toString()), work);

        long entries = (long) ledger + statements;
        System.out.printf("engine: %6.2f s wall, %,10.0f entries/s, heap peak %,d MiB of -Xmx1536m, matched exact/tolerance/aggregate %s%n",
                engine.seconds(), entries / engine.seconds(), engine.peakHeapMiB(), engine.counts());
        System.out.printf("duckdb: %6.2f s wall, %,10.0f entries/s (one thread), matched exact/tolerance/aggregate %s%n",
                duckDb.seconds(), entries / duckDb.seconds(), duckDb.counts());
        System.out.printf("engine is %.2f times as fast as DuckDB, whole process, one core%n",
                duckDb.seconds() / engine.seconds());
    }

    /** What one measured process reported. */
    record Run(double seconds, String counts, long peakHeapMiB) {
    }

    private static Run run(String name, List<String> javaArgs, Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("/usr/bin/taskset", "-c", "0"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:ActiveProcessorCount=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(javaArgs);
        Path log = work.resolve(name + ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + LIMIT + "; see " + log);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String result = lines.stream().filter(l -> l.startsWith("counts ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(name + " exited " + process.exitValue() + " without counts; see " + log));
        String[] parts = result.split(" ");
        String counts = parts[1] + "/" + parts[2] + "/" + parts[3] + ", unmatched " + parts[4] + " + " + parts[5];
        long peak = parts.length > 6 ? Long.parseLong(parts[6]) / (1024 * 1024) : -1;
        return new Run(seconds, counts, peak);
    }
}
