package com.nightshift.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nightshift.deploy.ScanFindings.Finding;

/**
 * The gate between the image push and the workload stack. The registry's repositories scan every
 * image on push; for each of the four pushed images this waits for that scan and reads its findings,
 * and refuses the rollout, naming each image and each finding, when
 * <ul>
 * <li>a finding is at or above the configured severity ({@code imageScan.failOnSeverity}, CRITICAL when
 * not configured; INFORMATIONAL &lt; LOW &lt; MEDIUM &lt; HIGH &lt; CRITICAL);</li>
 * <li>ECR's {@code findingSeverityCounts} count more findings at or above it than the answer lists
 * (the gate does not pass what it could not read);</li>
 * <li>a scan ends in any state other than COMPLETE (basic scanning) or ACTIVE (Amazon Inspector's
 * continuous scanning): FAILED, UNSUPPORTED_IMAGE and the others refuse with ECR's description;</li>
 * <li>a scan is not complete after a bounded number of looks.</li>
 * </ul>
 * Every image is checked before the gate refuses, so one refusal names all that is wrong. Each command
 * is printed the first time it runs (a scan looked at again is not printed again).
 *
 * <p>Unrated findings (UNDEFINED from basic scanning, UNTRIAGED from Inspector: the vulnerability's source
 * has not rated it yet) are printed with their image on every deployment but do not refuse it. Counting
 * them as at the threshold would stop every image whose base carries one advisory not yet triaged
 * upstream, a state the team cannot change and which the deployment has no waiver for; a gate that
 * cannot be passed ends up switched off, which protects nothing.
 */
public final class ImageScanGate {

    /** How long the deployment waits between two looks at a scan that is not complete. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
    /** How many looks before a scan that is not complete refuses the rollout (10 minutes at the interval above). */
    public static final int POLL_ATTEMPTS = 60;

    private static final String NO_SCAN_YET = "ScanNotFoundException";

    /** Waits between two looks at a scan. */
    @FunctionalInterface
    public interface Sleeper {

        void sleep(Duration duration);

        /** Sleeps the calling thread. */
        Sleeper THREAD = duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an image scan", e);
            }
        };
    }

    private final CommandShell shell;
    private final Path directory;
    private final PrintStream out;
    private final Sleeper sleeper;
    private final Duration interval;
    private final int attempts;

    /**
     * @param attempts how many times a scan is looked at before it counts as never completing; at least 1
     */
    public ImageScanGate(CommandShell shell, Path directory, PrintStream out, Sleeper sleeper, Duration interval,
            int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        this.shell = shell;
        this.directory = directory;
        this.out = out;
        this.sleeper = sleeper;
        this.interval = interval;
        this.attempts = attempts;
    }

    /**
     * Checks the scans of the images pushed with {@code digests}; returns when all pass.
     *
     * @throws IllegalStateException naming every image that does not pass and why, each blocking finding
     *                               with its id, severity, package and link
     */
    public void check(DeployPlan plan, Map<ServiceImage, String> digests) {
        ScanSeverity threshold = plan.environment().scanThreshold();
        List<String> refusals = new ArrayList<>();
        for (ServiceImage image : ServiceImage.values()) {
            check(plan, image, digests.get(image), threshold).ifPresent(refusals::add);
        }
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("image scan gate: the workload stack was not deployed; " + threshold
                    + " and above refuse (imageScan.failOnSeverity in infra/config/" + plan.environment().name()
                    + ".json):\n  " + String.join("\n  ", refusals));
        }
    }

    /** The refusal for one image, or empty when it passes. */
    private Optional<String> check(DeployPlan plan, ServiceImage image, String digest, ScanSeverity threshold) {
        String subject = image.module() + " (" + image.repository(plan.environment().suffix()) + "@" + digest + ")";
        String state = "none";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleeper.sleep(interval);
            }
            List<String> command = plan.scanFindingsCommand(image, digest, Optional.empty());
            if (attempt == 1) {
                out.println("+ " + Deployer.display(command));
            }
            CommandShell.Answer answer = shell.ask(command, directory);
            String seen;
            if (!answer.succeeded()) {
                // Right after a push the scan may not exist yet.
                if (!answer.awsErrorCode().filter(NO_SCAN_YET::equals).isPresent()) {
                    return Optional.of(subject + ": aws ecr describe-image-scan-findings failed: " + answer.errorSummary());
                }
                seen = "no scan yet";
            } else {
                ScanFindings scan = ScanFindings.read(answer.output(), subject);
                if (scan.complete()) {
                    return verdict(subject, allPages(plan, image, digest, scan, subject), threshold);
                }
                if (!scan.inProgress()) {
                    String refusal = subject + ": scan " + scan.status()
                            + (scan.statusDescription().isEmpty() ? "" : ": " + scan.statusDescription());
                    out.println("  " + refusal);
                    return Optional.of(refusal);
                }
                seen = "scan " + scan.status();
            }
            if (!seen.equals(state) && attempt < attempts) {
                out.println("  " + image.module() + ": " + seen + "; looking again every " + interval.toSeconds()
                        + " s, at most " + attempts + " looks");
            }
            state = seen;
        }
        return Optional.of(subject + ": scan not complete after " + attempts + " looks " + interval.toSeconds()
                + " s apart (last: " + state + "); does the repository scan on push?");
    }

    /** {@code first} followed by every further page ECR has for the image. */
    private ScanFindings allPages(DeployPlan plan, ServiceImage image, String digest, ScanFindings first,
            String subject) {
        ScanFindings all = first;
        Set<String> tokens = new HashSet<>();
        while (all.nextToken().isPresent()) {
            String token = all.nextToken().get();
            if (!tokens.add(token)) {
                throw new IllegalStateException(subject + ": ECR answered the same page token twice");
            }
            List<String> command = plan.scanFindingsCommand(image, digest, Optional.of(token));
            out.println("+ " + Deployer.display(command));
            CommandShell.Answer answer = shell.ask(command, directory);
            if (!answer.succeeded()) {
                throw new IllegalStateException(subject + ": aws ecr describe-image-scan-findings, page "
                        + (tokens.size() + 1) + ", failed: " + answer.errorSummary());
            }
            all = all.followedBy(ScanFindings.read(answer.output(), subject));
        }
        return all;
    }

    private Optional<String> verdict(String subject, ScanFindings scan, ScanSeverity threshold) {
        List<Finding> blocking = scan.findings().stream()
                .filter(f -> f.rated().filter(s -> s.isAtLeast(threshold)).isPresent())
                .sorted(Comparator.comparing((Finding f) -> f.rated().orElseThrow()).reversed()
                        .thenComparing(Finding::id))
                .toList();
        List<String> unlisted = new ArrayList<>();
        for (ScanSeverity severity : ScanSeverity.values()) {
            if (!severity.isAtLeast(threshold)) {
                continue;
            }
            long listed = blocking.stream().filter(f -> f.severity().equals(severity.name())).count();
            int counted = scan.severityCounts().getOrDefault(severity.name(), 0);
            if (counted > listed) {
                unlisted.add(severity + ": ECR counts " + counted + " (findingSeverityCounts), its findings list "
                        + listed);
            }
        }
        boolean passes = blocking.isEmpty() && unlisted.isEmpty();
        out.println("  " + subject + ": scan " + scan.status() + ", " + summary(scan)
                + (passes ? "; nothing at " + threshold + " or above" : ""));
        scan.findings().stream().filter(f -> f.rated().isEmpty())
                .forEach(f -> out.println("    not rated by the scanner, listed, not counted: " + f.describe()));
        if (passes) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>(blocking.stream().map(Finding::describe).toList());
        reasons.addAll(unlisted);
        return Optional.of(subject + ":\n    " + String.join("\n    ", reasons));
    }

    /** {@code 3 findings (HIGH 1, MEDIUM 1, UNDEFINED 1)}: ECR's counts, or the listed findings' when it gives none. */
    private static String summary(ScanFindings scan) {
        Map<String, Integer> counts = new LinkedHashMap<>(scan.severityCounts());
        if (counts.isEmpty()) {
            scan.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "no findings";
        }
        return total + " finding" + (total == 1 ? "" : "s") + " (" + counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> ScanSeverity.of(e.getKey())
                        .map(s -> -s.ordinal()).orElse(1)).thenComparing(Map.Entry::getKey))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}
