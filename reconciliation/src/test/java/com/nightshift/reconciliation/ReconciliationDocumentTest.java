package com.nightshift.reconciliation;

import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ResultManifest;

class ReconciliationDocumentTest {

    private static final ResultManifest MANIFEST = new ResultManifest(
            List.of(new InputObject("staging", "staged/ledger/ACC-1/2026-11-20/l.csv", "e1", "abc")),
            Map.of("rules", "exact,tolerance,aggregate"), "1.0", Instant.parse("2026-11-21T03:00:00Z"), "f00d");

    private static ReconciliationDocument document() {
        AccountReconciliation result = Reconciliation.run(
                List.of(entry("L1", "-100.00", "Acme", "INV-1"), entry("L2", "-50.00", "Beta", "INV-2"),
                        entry("L3", "-7.00", "Gamma", "INV-3")),
                List.of(entry("S1", "-100.00", "Acme", "INV-1"), entry("S2", "-50.01", "Beta", "INV-2")),
                List.of(), ReconciliationRules.defaults(), BUSINESS_DATE).accounts().get(0);
        return ReconciliationDocument.of(result, ReconciliationRules.defaults(), 2, MANIFEST);
    }

    @Test
    void what_is_written_reads_back_as_the_same_record() {
        ReconciliationDocument written = document();
        byte[] bytes = ReconciliationDocument.write(written);
        assertThat(ReconciliationDocument.read("result.json", new ByteArrayInputStream(bytes))).isEqualTo(written);
    }

    @Test
    void counts_matches_per_rule_and_the_unmatched_entries() {
        ReconciliationDocument d = document();
        assertThat(d.rules()).containsExactly("exact", "tolerance", "aggregate");
        assertThat(d.counts().matchedByRule()).containsEntry("exact", 1L).containsEntry("tolerance", 1L)
                .containsEntry("aggregate", 0L);
        assertThat(d.counts().rejectedRows()).isEqualTo(2);
        assertThat(d.unmatchedLedger()).extracting(ReconciliationDocument.Item::entryId).containsExactly("L3");
        assertThat(d.matches()).extracting(ReconciliationDocument.Match::difference).containsExactly("0.00", "-0.01");
    }

    @Test
    void a_renamed_field_fails_naming_the_document_and_the_field() {
        String json = new String(ReconciliationDocument.write(document()), StandardCharsets.UTF_8)
                .replace("\"unmatchedStatement\" :", "\"openStatement\" :");
        assertThatThrownBy(() -> ReconciliationDocument.read("results/recon/2026-11-20/ACC-1/result.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("results/recon/2026-11-20/ACC-1/result.json")
                .hasMessageContaining("missing field 'counts.unmatchedStatement'");
    }

    @Test
    void a_missing_field_fails_naming_it() {
        String json = new String(ReconciliationDocument.write(document()), StandardCharsets.UTF_8)
                .replaceFirst("\"account\" : \"ACC-1\",", "");
        assertThatThrownBy(() -> ReconciliationDocument.read("r.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("r.json").hasMessageContaining("missing field 'account'");
    }

    @Test
    void a_null_field_fails_naming_it() {
        String json = new String(ReconciliationDocument.write(document()), StandardCharsets.UTF_8)
                .replace("\"signature\" : \"f00d\"", "\"signature\" : null");
        assertThatThrownBy(() -> ReconciliationDocument.read("r.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("field 'manifest.signature' is null");
    }
}
