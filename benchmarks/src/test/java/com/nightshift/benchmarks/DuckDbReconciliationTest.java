package com.nightshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL yardstick matches what its three stages say on a small known set. */
class DuckDbReconciliationTest {

    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";

    @Test
    void each_stage_matches_its_case_and_leaves_the_rest_open(@TempDir Path dir) throws Exception {
        Path ledger = Files.writeString(dir.resolve("ledger.csv"), HEADER
                + "L1,ACC,2026-11-20,2026-11-20,-100.00,USD,Acme,INV-1,\n"
                + "L2,ACC,2026-11-20,2026-11-20,-50.00,USD,Beta Ltd,,\n"
                + "L3,ACC,2026-11-20,2026-11-20,10.00,USD,Gamma,BATCH-7,\n"
                + "L4,ACC,2026-11-20,2026-11-20,20.00,USD,Gamma,BATCH-7,\n"
                + "L5,ACC,2026-11-20,2026-11-20,30.00,USD,Gamma,BATCH-7,\n"
                + "L6,ACC,2026-11-20,2026-11-20,-75.00,USD,Nobody,,\n");
        Path statement = Files.writeString(dir.resolve("statement.csv"), HEADER
                + "S1,ACC,2026-11-23,2026-11-23,-100.00,USD,ACME CORP,inv 1,\n"
                + "S2,ACC,2026-11-21,2026-11-21,-50.01,USD,BETA LTD,,\n"
                + "S3,ACC,2026-11-20,2026-11-20,60.00,USD,GAMMA,batch-7,\n"
                + "S4,ACC,2026-12-20,2026-12-20,-75.00,USD,Somebody,,\n");

        var counts = DuckDbReconciliation.run(ledger, statement, dir.resolve("out"), 3, new BigDecimal("0.01"), 5, 1);

        assertThat(counts).isEqualTo(new DuckDbReconciliation.Counts(1, 1, 1, 1, 1));
        assertThat(Files.readString(dir.resolve("out/matches.csv")))
                .contains("L1,S1,exact,0.0000,1").contains("L2,S2,tolerance,-0.0100,1").contains("L3;L4;L5,S3,aggregate");
    }
}
