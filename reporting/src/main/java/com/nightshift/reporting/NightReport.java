package com.nightshift.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.reporting.pdf.TableColumn;

/**
 * The night summary of one business date, one page: which inputs arrived, which jobs ran, when each was
 * done against the deadline (09:30 America/New_York on the next weekday, stated on the page), and the
 * ids of the other reports of the date, composed from a {@link NightSummary}.
 */
public final class NightReport {

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm zzz", Locale.US);

    private NightReport() {
    }

    /** The summary report of {@code night}. */
    public static ReportDocument compose(NightSummary night, String runId, Instant generatedAt) {
        ZonedDateTime deadline = night.deadline();
        Instant due = deadline.toInstant();
        List<NightSummary.Event> all = new ArrayList<>(night.inputs());
        all.addAll(night.jobs());
        all.addAll(night.reports());
        long late = all.stream().filter(e -> e.at().isAfter(due)).count();

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Deadline", DEADLINE.format(deadline) + " (" + Figures.utc(due) + ")");
        figures.put("Inputs arrived", Figures.count(night.inputs().size()));
        figures.put("Jobs finished", Figures.count(night.jobs().size()));
        figures.put("Other reports", Figures.count(night.reports().size()));
        figures.put("Done after the deadline", Figures.count(late));
        all.stream().map(NightSummary.Event::at).max(Instant::compareTo).ifPresent(last ->
                figures.put("Last done", Figures.utc(last) + ", " + against(last, due)));

        return ReportDocument.of("Night summary " + night.businessDate(), List.of(
                "Business date " + night.businessDate() + "; the deadline is 09:30 America/New_York on the next"
                        + " weekday after the business date, when the market opens",
                late == 0 ? "Everything listed was done before the deadline"
                        : Figures.count(late) + " of " + Figures.count(all.size()) + " listed were done after the deadline"),
                night.businessDate(), runId, generatedAt, List.of(
                        ReportSection.keyFigures("The night", figures),
                        table("Inputs that arrived (staged)", "Input", night.inputs(), due),
                        table("Jobs that ran", "Job", night.jobs(), due),
                        table("Reports of the night", "Report id", night.reports(), due)));
    }

    private static ReportSection table(String heading, String what, List<NightSummary.Event> events, Instant due) {
        return ReportSection.Table.of(heading, List.of(TableColumn.left(what), TableColumn.left("Done"),
                TableColumn.left("Against the deadline")),
                events.stream().map(e -> List.of(e.name(), Figures.utc(e.at()), against(e.at(), due))).toList());
    }

    private static String against(Instant at, Instant due) {
        Duration margin = Duration.between(at, due);
        return margin.isNegative() ? Figures.hoursMinutes(margin) + " late" : Figures.hoursMinutes(margin) + " before";
    }
}
