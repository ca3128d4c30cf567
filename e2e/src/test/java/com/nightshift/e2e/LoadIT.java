package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.StackDriver;
import com.nightshift.reconciliation.ReconciliationDocument;

/**
 * A bounded load test: {@value #ACCOUNTS} accounts' ledgers and statements, {@value #FILES} files, uploaded
 * at once; every one is processed, none is lost and none counted twice, every date gets its
 * reconciliation report, and the run prints its throughput and the latency from an account's last upload
 * to its reconciliation result (p50, p90, p99, max). The result objects are polled every
 * {@value #POLL_MILLIS} ms, which is the resolution of the latencies. Everything must be done within
 * {@link #DONE_WITHIN}.
 *
 * <p>The accounts (ACC-8000 to ACC-8099) are used by no other test: an account's open items of an earlier
 * test would be carried into its reconciliation here. Each account has a business date of its own (a hundred business days no other test uses): the
 * reconciliation report of a date is rendered again from every account's result of the date after each
 * reconciliation, so a hundred accounts on one date would measure that re-rendering (docs/scale.md,
 * "Reports: the stage that does not scale as built") rather than ingestion and reconciliation under load.
 */
@ExtendWith(StackUnderTest.class)
class LoadIT {

    private static final Logger LOG = LoggerFactory.getLogger(LoadIT.class);
    private static final int ACCOUNTS = 100;
    private static final int FILES = 2 * ACCOUNTS;
    private static final long POLL_MILLIS = 250;
    private static final Duration DONE_WITHIN = Duration.ofMinutes(8);
    /** The first business date of this test; the accounts' dates follow it, weekends left out. */
    private static final LocalDate FIRST_DATE = LocalDate.of(2027, 3, 1);
    private static final String RESULTS = "results/recon/";

    /** Account to its business date. */
    private static final Map<String, LocalDate> dates = new ConcurrentHashMap<>();
    /** Account to when its second file was uploaded. */
    private static final Map<String, Instant> uploaded = new ConcurrentHashMap<>();
    /** Account to when its result with both files was first seen. */
    private static final Map<String, Instant> reconciled = new ConcurrentHashMap<>();
    private static Instant start;
    private static Instant end;

    @BeforeAll
    static void uploadTwoHundredFilesAtOnce(StackDriver stack) throws Exception {
        List<String> accounts = new ArrayList<>();
        LocalDate date = FIRST_DATE;
        for (int i = 0; i < ACCOUNTS; i++) {
            while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                date = date.plusDays(1);
            }
            String account = String.format(Locale.ROOT, "ACC-%d", 8000 + i);
            accounts.add(account);
            dates.put(account, date);
            date = date.plusDays(1);
        }
        start = Instant.now();
        try (ExecutorService uploads = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            for (String account : accounts) {
                done.add(uploads.submit(() -> {
                    LocalDate accountDate = dates.get(account);
                    stack.upload("inbound/ledger/ledger-" + account + "-" + accountDate + ".csv", ledger(account));
                    stack.upload("inbound/statements/" + account + "-" + accountDate + ".csv", statement(account));
                    uploaded.put(account, Instant.now());
                }));
            }
            for (Future<?> upload : done) {
                upload.get();
            }
        }
        String staging = stack.outputs().stagingBucket();
        Instant deadline = start.plus(DONE_WITHIN);
        stack.await(ACCOUNTS + " reconciliations with both files", DONE_WITHIN, () -> {
            // Every account still waiting is read on each poll: a result is written once per file staged.
            for (String account : accounts) {
                if (reconciled.containsKey(account)) {
                    continue;
                }
                String key = RESULTS + dates.get(account) + "/" + account + "/result.json";
                boolean both = stack.store().fetch(ObjectRef.of(staging, key))
                        .map(content -> ReconciliationDocument.read(key, new ByteArrayInputStream(content.content()))
                                .counts())
                        .filter(counts -> counts.ledgerRows() == 3 && counts.statementRows() == 3).isPresent();
                if (both) {
                    reconciled.put(account, Instant.now());
                }
            }
            if (reconciled.size() == ACCOUNTS) {
                return true;
            }
            sleep(POLL_MILLIS);
            return false;
        });
        end = Instant.now();
        stack.await("the reports of every date", Duration.between(Instant.now(), deadline).plusSeconds(1),
                () -> stack.backlog() == 0);
        LOG.info(summary());
    }

    @Test
    void every_account_is_reconciled_from_its_two_files() {
        assertThat(reconciled).hasSize(ACCOUNTS).containsOnlyKeys(uploaded.keySet());
    }

    @Test
    void no_file_is_counted_twice(StackDriver stack) {
        String staging = stack.outputs().stagingBucket();
        for (String account : uploaded.keySet()) {
            LocalDate date = dates.get(account);
            ReconciliationDocument.Counts counts = counts(stack, RESULTS + date + "/" + account + "/result.json");
            assertThat(counts.ledgerRows()).as(account).isEqualTo(3);
            assertThat(counts.statementRows()).as(account).isEqualTo(3);
            assertThat(counts.matched()).as(account).isEqualTo(2);
            assertThat(stack.store().list(staging, "staged/statement/" + account + "/" + date + "/")).as(account)
                    .hasSize(1);
            assertThat(stack.store().list(staging, RESULTS + date + "/")).as(account + " is the only account of " + date)
                    .extracting(o -> o.ref().key()).allMatch(key -> key.startsWith(RESULTS + date + "/" + account + "/"));
        }
    }

    @Test
    void no_message_is_dead_lettered_and_every_date_gets_its_reconciliation_report(StackDriver stack) {
        assertThat(stack.deadLetters()).isEmpty();
        for (LocalDate date : dates.values()) {
            assertThat(stack.store().head(ObjectRef.of(stack.outputs().outputBucket(),
                    "reports/reconciliation-" + date + ".pdf"))).as("reconciliation report of " + date).isPresent();
        }
    }

    /** Files per second from the first upload to the last result, and the latency percentiles. */
    static String summary() {
        List<Long> latencies = reconciled.entrySet().stream()
                .map(e -> Duration.between(uploaded.get(e.getKey()), e.getValue()).toMillis()).sorted().toList();
        double seconds = Duration.between(start, end).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "load: %d files (%d accounts) in %.1f s, %.1f files/s; latency from upload "
                + "to reconciliation result p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", FILES, ACCOUNTS, seconds,
                FILES / seconds, percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                latencies.getLast());
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static ReconciliationDocument.Counts counts(StackDriver stack, String key) {
        return ReconciliationDocument.read(key, new ByteArrayInputStream(stack.store().read(
                ObjectRef.of(stack.outputs().stagingBucket(), key)))).counts();
    }

    /** Three items, as ledger-ACC-3001.csv has them. */
    private static byte[] ledger(String account) {
        return csv(row(account, "L-1", "100.00", "Alpha", "REF-1", "First"), row(account, "L-2", "200.00", "Beta",
                "REF-2", "Second"), row(account, "L-3", "300.00", "Gamma", "REF-3", "Third"));
    }

    /** Two of the ledger's items (one with its reference written differently) and a fee the ledger lacks. */
    private static byte[] statement(String account) {
        return csv(row(account, "S-1", "100.00", "Alpha", "REF-1", "First"), row(account, "S-2", "200.00", "Beta",
                "ref 2", "Second"), row(account, "S-9", "-5.00", "Bank", "FEE", "Fee"));
    }

    /** One entry; {@code entry} "L-1" of account ACC-8000 is entry L-8000-1, as the sample inputs number them. */
    private static String row(String account, String entry, String amount, String counterparty, String reference,
            String description) {
        String[] sideAndNumber = entry.split("-");
        String id = sideAndNumber[0] + "-" + account.substring("ACC-".length()) + "-" + sideAndNumber[1];
        String date = dates.get(account).toString();
        return String.join(",", id, account, date, date, amount, "EUR",
                counterparty, reference, description);
    }

    private static byte[] csv(String... rows) {
        return ("entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n"
                + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
