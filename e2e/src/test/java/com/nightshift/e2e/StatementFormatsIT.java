package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.StackDriver;

/**
 * Bank statements as banks send them: a camt.053 and an MT940 file, uploaded under names that say
 * nothing of their format, are recognised by their content, staged and reconciled against the ledger.
 */
@ExtendWith(StackUnderTest.class)
class StatementFormatsIT {

    private static final String CAMT_ACCOUNT = "DE02100100100006820101";
    private static final String MT940_ACCOUNT = "12345678-0123456789";
    private static final String DATE = "2026-11-24";

    @BeforeAll
    static void uploadLedgersAndBankStatements(StackDriver stack) {
        Instant uploaded = Instant.now();
        stack.upload("inbound/ledger/ledger-bank-formats-" + DATE + ".csv", ("""
                entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description
                L-C1,%1$s,%3$s,%3$s,1250.00,EUR,Acme GmbH,INV-7001,
                L-C2,%1$s,%3$s,%3$s,-310.40,EUR,Stadtwerke,INV-7002,
                L-M1,%2$s,%3$s,%3$s,99.95,EUR,Beta BV,ORDER-55,
                L-M2,%2$s,%3$s,%3$s,-42.00,EUR,Gamma,ORDER-56,
                """).formatted(CAMT_ACCOUNT, MT940_ACCOUNT, DATE).getBytes(StandardCharsets.UTF_8));
        stack.upload("inbound/statements/bank-export-0001", camt053().getBytes(StandardCharsets.UTF_8));
        stack.upload("inbound/statements/bank-export-0002", mt940().getBytes(StandardCharsets.UTF_8));
        stack.awaitObjects(stack.outputs().stagingBucket(), List.of(resultKey(CAMT_ACCOUNT), resultKey(MT940_ACCOUNT)),
                uploaded, Duration.ofMinutes(2));
        for (String account : List.of(CAMT_ACCOUNT, MT940_ACCOUNT)) {
            stack.await("the reconciliation of " + account + " with both files", Duration.ofMinutes(2),
                    () -> result(stack, account).path("counts").path("statementRows").asInt() == 2
                            && result(stack, account).path("counts").path("ledgerRows").asInt() == 2);
        }
    }

    @Test
    void camt053_statement_is_recognised_and_reconciled(StackDriver stack) {
        JsonNode counts = result(stack, CAMT_ACCOUNT).path("counts");

        assertThat(counts.path("matched").asInt()).isEqualTo(2);
        assertThat(counts.path("unmatchedLedger").asInt()).isZero();
        assertThat(counts.path("unmatchedStatement").asInt()).isZero();
    }

    @Test
    void mt940_statement_is_recognised_and_reconciled(StackDriver stack) {
        JsonNode counts = result(stack, MT940_ACCOUNT).path("counts");

        assertThat(counts.path("matched").asInt()).isEqualTo(2);
        assertThat(counts.path("unmatchedLedger").asInt()).isZero();
        assertThat(counts.path("unmatchedStatement").asInt()).isZero();
    }

    private static String camt053() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-24T20:00:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>STMT-1</Id>
                      <Acct><Id><IBAN>%1$s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      <Ntry>
                        <NtryRef>BANK-1</NtryRef>
                        <Amt Ccy="EUR">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%2$s</Dt></BookgDt><ValDt><Dt>%2$s</Dt></ValDt>
                        <AcctSvcrRef>SVC-1</AcctSvcrRef>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>INV-7001</EndToEndId></Refs>
                          <RltdPties><Dbtr><Pty><Nm>ACME GMBH</Nm></Pty></Dbtr></RltdPties>
                          <RmtInf><Ustrd>Invoice INV-7001</Ustrd></RmtInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                      <Ntry>
                        <NtryRef>BANK-2</NtryRef>
                        <Amt Ccy="EUR">310.40</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%2$s</Dt></BookgDt><ValDt><Dt>%2$s</Dt></ValDt>
                        <AcctSvcrRef>SVC-2</AcctSvcrRef>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>inv 7002</EndToEndId></Refs>
                          <RltdPties><Cdtr><Pty><Nm>Stadtwerke</Nm></Pty></Cdtr></RltdPties>
                        </TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(CAMT_ACCOUNT, DATE);
    }

    private static String mt940() {
        return """
                :20:STMT-2
                :25:12345678/0123456789
                :28C:1/1
                :60F:C261123EUR1000,00
                :61:2611241124C99,95NTRFORDER-55//B-1
                :86:Payment ORDER-55 Beta BV
                :61:2611241124D42,00NTRFORDER-56//B-2
                :86:Gamma order 56
                :62F:C261124EUR1057,95
                -
                """;
    }

    private static String resultKey(String account) {
        return "results/recon/" + DATE + "/" + account + "/result.json";
    }

    private static JsonNode result(StackDriver stack, String account) {
        return stack.staging(resultKey(account)).isPresent()
                ? JsonCodec.tree(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(), resultKey(account))))
                : JsonCodec.mapper().createObjectNode();
    }
}
