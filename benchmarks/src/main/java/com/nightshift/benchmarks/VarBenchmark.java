package com.nightshift.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.nightshift.common.io.InputSource;
import com.nightshift.risk.var.BookModel;
import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.ScenarioShard;
import com.nightshift.risk.var.ShardLosses;
import com.nightshift.risk.var.VarEngine;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

/**
 * The Monte Carlo VaR benchmark. Generates two books (seeded, so every run measures the same inputs):
 * 1,000 positions on 50 factors and 10,000 positions on 100 factors, 10 portfolios, 20% European options
 * (strikes within 20% of spot, expiries 0.05 to 2 years, calls and puts, some short) and the rest
 * equities (some short), with a positive-definite correlation matrix from a five-factor model. Then, per
 * book:
 *
 * <ul>
 *   <li>the engine in this process at 100,000 plain scenarios (after a warm-up run): compile, simulate
 *       and summarise times, and scenario-position revaluations per second per core
 *       ({@code scenarios × positions / (simulate time × threads)}) and per second of CPU time spent
 *       simulating (the same figure on an idle machine, and one a busy machine does not distort);</li>
 *   <li>per sampling method, the smallest scenario count of the ladder 2,500, 5,000, 10,000, ... whose
 *       99% VaR has a relative standard error below 1%, and the engine's time for that run (compile,
 *       simulate and summarise, measured around the calls).</li>
 * </ul>
 * Finally the whole process, {@code bin/nightshift var} on the large book (JVM start, CSV reading,
 * simulation, JSON writing), several times: min and median wall time (and CPU time, with GNU time)
 * against the 10 s a careful vectorised numpy version takes on one core. The machine's load average is
 * printed with it: wall times on a shared machine are only as good as its idleness. A harness, not a test: it measures, it asserts nothing.
 *
 * <pre>
 * ./mvnw -B -o -q -pl benchmarks -am package -DskipTests -Djib.skip=true -Dnightshift.base.skip=true
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath.deps)" \
 *     com.nightshift.benchmarks.VarBenchmark [WORK_DIR [PROCESS_RUNS [SEED]]]   # default target/var-benchmark 5 20261120
 * </pre>
 * Run it from the repository root (the whole-process part calls {@code bin/nightshift}, which builds the
 * CLI when it is missing or stale; set {@code PROCESS_RUNS} to 0 to skip that part).
 */
public final class VarBenchmark {

    /** Seconds the vectorised numpy version takes for the large book on one core of the reference machine. */
    private static final double NUMPY_SECONDS = 10.0;
    private static final int SCENARIOS = 100_000;
    private static final int REPEATS = 5;
    private static final LocalDate DATE = LocalDate.of(2026, 11, 30);
    private static final Path TIME = Path.of("/usr/bin/time");

    private VarBenchmark() {
    }

    /** One generated book. */
    record Problem(String name, int positions, int factors, Path dir) {
        Path positionsFile() {
            return dir.resolve("positions.csv");
        }

        Path marketFile() {
            return dir.resolve("market.csv");
        }

        Path corrFile() {
            return dir.resolve("corr.csv");
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/var-benchmark").toAbsolutePath();
        int processRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261120L;
        run(work, processRuns, seed, List.of(new Problem("small", 1_000, 50, work.resolve("small")),
                new Problem("large", 10_000, 100, work.resolve("large"))), SCENARIOS, REPEATS);
    }

    /**
     * Generates the problems (the last is the one run as a whole process) and measures them, at
     * {@code scenarios} scenarios, the best of {@code repeats} runs.
     */
    static void run(Path work, int processRuns, long seed, List<Problem> sizes, int scenarios, int repeats)
            throws IOException, InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "VaR benchmark: %s, %d processors, seed %d%n", Runtime.version(), threads, seed);

        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            problems.add(generate(sizes.get(i), seed + i));
        }
        VarEngine engine = VarEngine.withParallelism(threads);

        System.out.printf(Locale.ROOT, "%n%,d plain scenarios, interpolated revaluation, %d threads (min of %d runs after a warm-up)%n",
                scenarios, threads, repeats);
        System.out.printf(Locale.ROOT, "%-6s %9s %8s %8s %11s %11s %11s %12s %14s %14s%n", "book", "positions",
                "factors", "options", "compile ms", "simulate ms", "summary ms", "engine ms", "reval/s/core",
                "reval/cpu-s");
        for (Problem problem : problems) {
            VarSettings settings = VarSettings.DEFAULTS.withScenarios(scenarios).withSeed(seed);
            Timed warm = timed(problem, settings, engine);
            long[] compile = new long[repeats];
            long[] simulate = new long[repeats];
            long[] summarise = new long[repeats];
            long[] total = new long[repeats];
            long[] simulateCpu = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                Timed run = timed(problem, settings, engine);
                compile[i] = run.report().timings().compileMillis();
                simulate[i] = run.report().timings().simulateMillis();
                summarise[i] = run.report().timings().summariseMillis();
                total[i] = run.engineNanos() / 1_000_000;
                simulateCpu[i] = run.simulateCpuNanos();
            }
            long simulateMin = min(simulate);
            double revaluations = (double) scenarios * problem.positions();
            double perCore = revaluations / (Math.max(simulateMin, 1) / 1e3 * threads);
            double perCpuSecond = revaluations / (Math.max(min(simulateCpu), 1) / 1e9);
            System.out.printf(Locale.ROOT, "%-6s %,9d %8d %,8d %11d %11d %11d %12d %14.3g %14.3g%n", problem.name(),
                    problem.positions(), problem.factors(), problem.positions() / 5, min(compile), simulateMin,
                    min(summarise), min(total), perCore, perCpuSecond);
            if (warm.report().book().var99() <= 0.0) {
                System.out.println("  (the book has no loss at 99%?)");
            }
        }

        System.out.printf(Locale.ROOT, "%nTime to a 99%% VaR with relative standard error below 1%% (scenario ladder 2,500 × 2^k; engine time = compile + simulate + summarise)%n");
        System.out.printf(Locale.ROOT, "%-6s %-11s %10s %10s %11s %11s%n", "book", "method", "scenarios", "rel. error",
                "engine ms", "simulate ms");
        for (Problem problem : problems) {
            for (SamplingMethod method : SamplingMethod.values()) {
                VarSettings base = VarSettings.DEFAULTS.withSeed(seed).withMethod(method);
                timed(problem, base.withScenarios(20_000), engine); // warm-up of this method's code paths
                boolean reached = false;
                for (int n = 2_500; n <= 2_560_000; n *= 2) {
                    Timed run = timed(problem, base.withScenarios(n), engine);
                    double relative = run.report().book().var99StdError() / run.report().book().var99();
                    if (relative < 0.01) {
                        System.out.printf(Locale.ROOT, "%-6s %-11s %,10d %9.2f%% %11d %11d%n", problem.name(), method.id(),
                                n, 100 * relative, run.engineNanos() / 1_000_000, run.report().timings().simulateMillis());
                        reached = true;
                        break;
                    }
                }
                if (!reached) {
                    System.out.printf(Locale.ROOT, "%-6s %-11s not reached by 2,560,000 scenarios%n", problem.name(), method.id());
                }
            }
        }

        if (processRuns > 0) {
            Problem large = problems.get(problems.size() - 1);
            Path root = Path.of("").toAbsolutePath();
            Path launcher = root.resolve("bin/nightshift");
            if (!Files.isExecutable(launcher)) {
                System.out.println("\nbin/nightshift not found under " + root + ": run from the repository root for the whole-process figure");
                return;
            }
            List<String> command = List.of(launcher.toString(), "var", "--positions", large.positionsFile().toString(),
                    "--market", large.marketFile().toString(), "--corr", large.corrFile().toString(), "--date",
                    DATE.toString(), "--seed", Long.toString(seed), "--out", work.resolve("process-out").toString());
            process(command, work.resolve("process-warm.log")); // builds the CLI if needed, and any start-up cache
            double[] seconds = new double[processRuns];
            double[] cpu = new double[processRuns];
            for (int i = 0; i < processRuns; i++) {
                Path times = work.resolve("process-" + i + ".time");
                List<String> timed = new ArrayList<>();
                if (Files.isExecutable(TIME)) {
                    // GNU time: user and system CPU seconds of the process and its children.
                    timed.addAll(List.of(TIME.toString(), "-o", times.toString(), "-f", "%U %S"));
                }
                timed.addAll(command);
                seconds[i] = process(timed, work.resolve("process-" + i + ".log"));
                cpu[i] = Files.exists(times) ? cpuSeconds(times) : Double.NaN;
            }
            Arrays.sort(seconds);
            Arrays.sort(cpu);
            double median = seconds[processRuns / 2];
            System.out.printf(Locale.ROOT, "%nWhole process, bin/nightshift var on the %s book (%,d scenarios, plain), %d runs%n",
                    large.name(), VarSettings.DEFAULT_SCENARIOS, processRuns);
            System.out.printf(Locale.ROOT, "wall: min %.3f s, median %.3f s; CPU (user + system, all threads): min %.2f s, median %.2f s%n",
                    seconds[0], median, cpu[0], cpu[processRuns / 2]);
            System.out.printf(Locale.ROOT, "numpy reference %.1f s on one core: %.1f times faster (median wall), %.1f times (min wall)%n",
                    NUMPY_SECONDS, NUMPY_SECONDS / median, NUMPY_SECONDS / seconds[0]);
            System.out.printf(Locale.ROOT, "load average while measuring: %.2f on %d processors%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), threads);
        }
    }

    /**
     * A run, the time of read + compile + simulate + summarise around the calls, and the CPU time the
     * process spent while simulating (all threads: a figure a busy machine does not inflate as much as
     * the wall time).
     */
    record Timed(VarReport report, long engineNanos, long simulateCpuNanos) {
    }

    private static Timed timed(Problem problem, VarSettings settings, VarEngine engine) {
        long started = System.nanoTime();
        BookModel model = VarPipeline.prepare(List.of(InputSource.file(problem.positionsFile())),
                new VarPipeline.ExplicitMarket(InputSource.file(problem.marketFile()),
                        InputSource.file(problem.corrFile()), false), Optional.of(DATE), DATE, settings);
        long cpu = processCpuNanos();
        ShardLosses losses = engine.simulate(model, new ScenarioShard(0, settings.scenarios()));
        long simulateCpu = processCpuNanos() - cpu;
        VarReport report = engine.merge(model, List.of(losses));
        long elapsed = System.nanoTime() - started;
        return new Timed(report, elapsed, simulateCpu);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double cpuSeconds(Path times) throws IOException {
        // The last line is "user system"; earlier lines, if any, are the command's own complaints.
        List<String> lines = Files.readAllLines(times, StandardCharsets.UTF_8);
        String[] parts = lines.get(lines.size() - 1).trim().split("\\s+");
        return Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]);
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double process(List<String> command, Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/nightshift var did not finish within 10 minutes; see " + log);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/nightshift var exited " + process.exitValue() + "; see " + log);
        }
        return seconds;
    }

    /**
     * Writes {@code positions.csv}, {@code market.csv} and {@code corr.csv} for the problem: factor spots 20
     * to 200, vols 15% to 50%, rate 3%; correlations {@code C = D^{-1/2} (B Bᵀ + Ψ) D^{-1/2}} with five
     * latent factors {@code B} and idiosyncratic variances {@code Ψ > 0}, so positive definite.
     */
    static Problem generate(Problem problem, long seed) throws IOException {
        Files.createDirectories(problem.dir());
        SplittableRandom random = new SplittableRandom(seed);
        int n = problem.factors();
        String[] names = new String[n];
        double[] spot = new double[n];
        try (Writer out = Files.newBufferedWriter(problem.marketFile(), StandardCharsets.UTF_8)) {
            out.write("factor,spot,vol,rate\n");
            for (int f = 0; f < n; f++) {
                names[f] = String.format(Locale.ROOT, "F%03d", f);
                spot[f] = Math.round(random.nextDouble(20.0, 200.0) * 1e4) / 1e4;
                double vol = Math.round(random.nextDouble(0.15, 0.50) * 1e4) / 1e4;
                out.write(String.format(Locale.ROOT, "%s,%.4f,%.4f,0.03%n", names[f], spot[f], vol));
            }
        }
        int latent = 5;
        double[][] loading = new double[n][latent];
        double[] covariance = new double[n * n];
        for (int f = 0; f < n; f++) {
            for (int k = 0; k < latent; k++) {
                loading[f][k] = random.nextDouble(-0.4, 0.8) / Math.sqrt(latent);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double c = 0.0;
                for (int k = 0; k < latent; k++) {
                    c += loading[i][k] * loading[j][k];
                }
                covariance[i * n + j] = c;
            }
            covariance[i * n + i] += random.nextDouble(0.3, 1.0);
        }
        try (Writer out = Files.newBufferedWriter(problem.corrFile(), StandardCharsets.UTF_8)) {
            out.write(String.join(",", names));
            out.write('\n');
            for (int i = 0; i < n; i++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    double c = i == j ? 1.0
                            : covariance[i * n + j] / Math.sqrt(covariance[i * n + i] * covariance[j * n + j]);
                    if (j > 0) {
                        row.append(',');
                    }
                    // %.10f of a symmetric formula: the file's matrix is exactly symmetric
                    row.append(String.format(Locale.ROOT, "%.10f", c));
                }
                out.write(row.append('\n').toString());
            }
        }
        try (Writer out = Files.newBufferedWriter(problem.positionsFile(), StandardCharsets.UTF_8)) {
            out.write("position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n");
            for (int i = 0; i < problem.positions(); i++) {
                String portfolio = String.format(Locale.ROOT, "PF%02d", random.nextInt(10));
                int f = random.nextInt(n);
                if (i % 5 == 0) {
                    long quantity = (random.nextInt(1, 1_000)) * (random.nextDouble() < 0.3 ? -1L : 1L);
                    double strike = Math.round(spot[f] * random.nextDouble(0.8, 1.2) * 100) / 100.0;
                    double expiry = Math.round(random.nextDouble(0.05, 2.0) * 1e4) / 1e4;
                    String type = random.nextBoolean() ? "CALL" : "PUT";
                    out.write(String.format(Locale.ROOT, "P%d,%s,OPTION,%d,%s,%.2f,%.4f,%s%n", i, portfolio, quantity,
                            names[f], strike, expiry, type));
                } else {
                    long quantity = (random.nextInt(1, 1_000)) * (random.nextDouble() < 0.15 ? -1L : 1L);
                    out.write(String.format(Locale.ROOT, "P%d,%s,EQUITY,%d,%s,,,%n", i, portfolio, quantity, names[f]));
                }
            }
        }
        return problem;
    }
}
