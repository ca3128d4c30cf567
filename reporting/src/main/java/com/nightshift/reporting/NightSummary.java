package com.nightshift.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.time.BusinessCalendar;

/**
 * What the night of one business date did, as the night summary report shows it: the inputs that
 * arrived (staged for that date), the jobs that finished (each account's reconciliation, the risk run),
 * and the other reports of the date, each with the time it was done. The deadline is not stored: it
 * follows from the date ({@link #deadline(LocalDate)}).
 *
 * <p>The reporting service builds it from what the buckets hold for the date ({@link #fromObjects});
 * {@code bin/nightshift report} reads it from a {@code night.json} ({@link #read}). Every field is
 * required.
 *
 * @param businessDate the night's business date
 * @param inputs       the staged inputs of the date, by key below {@code staged/}, oldest first
 * @param jobs         the jobs whose results exist for the date, oldest first
 * @param reports      the other reports of the date by report id, oldest first
 */
public record NightSummary(LocalDate businessDate, List<Event> inputs, List<Event> jobs, List<Event> reports) {

    /** The time zone of the deadline. */
    public static final ZoneId NEW_YORK = BusinessCalendar.NEW_YORK;
    /** The time of day of the deadline: when the market opens in New York. */
    public static final LocalTime DEADLINE_TIME = BusinessCalendar.MARKET_OPEN;

    private static final Pattern RECON_RESULT = Pattern.compile("results/recon/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/result\\.json");
    private static final Pattern RISK_RESULT = Pattern.compile("results/risk/(\\d{4}-\\d{2}-\\d{2})/var\\.json");

    /**
     * Something done, and when.
     *
     * @param name what it is (an input's key, a job, a report id)
     * @param at   when it was done (the object's last modification)
     */
    public record Event(String name, Instant at) {
        public Event {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }
    }

    public NightSummary {
        Objects.requireNonNull(businessDate, "businessDate");
        inputs = sorted(inputs, "inputs");
        jobs = sorted(jobs, "jobs");
        reports = sorted(reports, "reports");
    }

    /**
     * The deadline of the night of {@code businessDate}: 09:30 America/New_York on the next weekday after
     * it (docs/architecture.md, "The nightly schedule"; market holidays are not modelled), so the night of
     * a Friday ends on Monday morning. One definition: {@link BusinessCalendar#deadlineFor}.
     */
    public static ZonedDateTime deadline(LocalDate businessDate) {
        return BusinessCalendar.deadlineFor(businessDate).atZone(NEW_YORK);
    }

    /** This night's deadline. */
    public ZonedDateTime deadline() {
        return deadline(businessDate);
    }

    /**
     * The summary of {@code businessDate} from what the buckets hold: {@code staging} maps the staging
     * bucket's keys to their last modification, {@code reports} the output bucket's report ids. Inputs are
     * the {@code staged/} keys with the date as a path segment; jobs are the reconciliation results
     * ({@code results/recon/<date>/<account>/result.json}) and the risk run ({@code results/risk/<date>/var.json});
     * reports are the ids ending with the date, other than {@code excludedReportId} (the summary itself).
     */
    public static NightSummary fromObjects(LocalDate businessDate, Map<String, Instant> staging,
            Map<String, Instant> reports, String excludedReportId) {
        String date = businessDate.toString();
        List<Event> inputs = new ArrayList<>();
        List<Event> jobs = new ArrayList<>();
        staging.forEach((key, at) -> {
            if (key.startsWith("staged/") && List.of(key.split("/")).contains(date)) {
                inputs.add(new Event(key.substring("staged/".length()), at));
            }
            Matcher recon = RECON_RESULT.matcher(key);
            if (recon.matches() && recon.group(1).equals(date)) {
                jobs.add(new Event("reconciliation of " + recon.group(2), at));
            }
            Matcher risk = RISK_RESULT.matcher(key);
            if (risk.matches() && risk.group(1).equals(date)) {
                jobs.add(new Event("risk run (VaR and ES)", at));
            }
        });
        List<Event> done = new ArrayList<>();
        reports.forEach((id, at) -> {
            if (id.endsWith("-" + date) && !id.equals(excludedReportId)) {
                done.add(new Event(id, at));
            }
        });
        return new NightSummary(businessDate, inputs, jobs, done);
    }

    /** The summary as JSON ({@link DocumentJson}). */
    public static byte[] write(NightSummary summary) {
        return DocumentJson.bytes(summary);
    }

    /**
     * Reads a summary written by {@link #write}.
     *
     * @throws IllegalArgumentException naming {@code name} and the field when a field is missing, unknown or null
     */
    public static NightSummary read(String name, InputStream in) {
        try {
            return DocumentJson.read(in, NightSummary.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not a night summary input: " + DocumentJson.problem(e), e);
        }
    }

    private static List<Event> sorted(List<Event> events, String what) {
        List<Event> copy = new ArrayList<>(Objects.requireNonNull(events, what));
        copy.sort(Comparator.comparing(Event::at).thenComparing(Event::name));
        return List.copyOf(copy);
    }
}
