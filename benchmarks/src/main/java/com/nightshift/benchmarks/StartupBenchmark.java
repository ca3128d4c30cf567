package com.nightshift.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;

/**
 * The service start-up benchmark: starts the local stack as {@code bin/nightshift local} does (the AWS
 * emulator, the workload template deployed into it, then the four services' runnable jars at once, each
 * with its task definition's environment) several times, and prints per service the time from starting
 * its process to its "Startup completed" log line: min, median and max over the runs, and the start-up
 * time Micronaut itself reports (which leaves out the JVM's own start). One unmeasured run comes first:
 * on JDK 25 or newer it is the training run that makes the services' ahead-of-time caches when they are
 * missing (README "Start-up benchmark"); {@code NIGHTSHIFT_AOT=0} measures without them. A harness, not
 * a test: it measures, it asserts nothing.
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -Dnightshift.fuzz.skip=true -Djib.skip=true -Dnightshift.base.skip=true
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath.deps)" \
 *     com.nightshift.benchmarks.StartupBenchmark [RUNS [WORK_DIR]]   # default 5 target/startup-benchmark
 * </pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    /** One service's start-up in one run: to its start-up complete line, and what Micronaut reported. */
    record Startup(Duration toCompleteLine, long reportedMillis) {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Path.of(args.length > 1 ? args[1] : "target/startup-benchmark").toAbsolutePath();
        Path home = Path.of(System.getProperty("nightshift.home", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "start-up of %s, all four at once, %d measured runs after one unmeasured (JDK %s, %d cores)%n",
                LocalStack.SERVICES, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());
        startStack(home, work.resolve("warm-up"));
        Map<String, List<Startup>> byService = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            Map<String, Startup> measured = startStack(home, work.resolve("run-" + run));
            measured.forEach((service, startup) -> byService.computeIfAbsent(service, s -> new ArrayList<>()).add(startup));
            out.printf(Locale.ROOT, "run %d: %s%n", run, describe(measured));
        }
        out.println(summary(byService));
    }

    /** Starts the stack once, reads every service's start-up, stops it. */
    private static Map<String, Startup> startStack(Path home, Path work) throws IOException {
        Map<String, Startup> startups = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(home, work)) {
            for (ServiceProcess process : stack.services().values()) {
                Duration toLine = process.startupTime().orElseThrow(() -> new IllegalStateException(
                        process.name() + " answers on /health but logged no start-up complete line: " + process.log()));
                long reported = ServiceProcess.StartupLine.find(process.log()).orElseThrow().reportedMillis();
                startups.put(process.name(), new Startup(toLine, reported));
            }
        }
        return startups;
    }

    private static String describe(Map<String, Startup> run) {
        List<String> parts = new ArrayList<>();
        run.forEach((service, startup) -> parts.add(String.format(Locale.ROOT, "%s %d ms (Micronaut %d ms)", service,
                startup.toCompleteLine().toMillis(), startup.reportedMillis())));
        return String.join(", ", parts);
    }

    /** Per service: min / median / max of the time to the start-up complete line, and the median Micronaut reported. */
    static String summary(Map<String, List<Startup>> byService) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-20s %8s %8s %8s %16s%n", "service",
                "min ms", "median", "max ms", "Micronaut median"));
        byService.forEach((service, startups) -> {
            long[] toLine = startups.stream().mapToLong(s -> s.toCompleteLine().toMillis()).sorted().toArray();
            long[] reported = startups.stream().mapToLong(Startup::reportedMillis).sorted().toArray();
            table.append(String.format(Locale.ROOT, "%-20s %8d %8d %8d %16d%n", service, toLine[0], median(toLine),
                    toLine[toLine.length - 1], median(reported)));
        });
        return table.toString();
    }

    /** The middle value of sorted values; the lower middle one of an even count. */
    static long median(long[] sorted) {
        return sorted[(sorted.length - 1) / 2];
    }
}
