package com.nightshift.risk.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.nightshift.common.io.InputFile;
import com.nightshift.risk.var.ScenarioShard;
import com.nightshift.risk.var.VarSettings;

/**
 * {@code results/risk/<date>/runs/<runId>/plan.json}: a VaR run spread over tasks. It names the staged
 * objects the run reads, with the checksums they had when the run was planned, the settings, and the
 * shards. Every worker rebuilds the same book from these inputs; one whose inputs no longer have these
 * checksums belongs to a run that newer inputs superseded, and is dropped. The run id is derived from
 * the inputs and settings, so a re-delivered job plans the same run again.
 *
 * @param runId        the run, 16 hex digits
 * @param businessDate the night
 * @param settings     the run's settings
 * @param positionKeys the staged positions objects
 * @param priceKeys    the staged price-history objects
 * @param inputs       every input with its SHA-256, as the run's manifest records it
 * @param shards       the shards, in scenario order, covering the run
 */
public record ShardedRun(String runId, LocalDate businessDate, VarSettings settings, List<String> positionKeys,
        List<String> priceKeys, List<InputFile> inputs, List<ScenarioShard> shards) {

    public ShardedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(settings, "settings");
        positionKeys = List.copyOf(positionKeys);
        priceKeys = List.copyOf(priceKeys);
        inputs = List.copyOf(inputs);
        shards = List.copyOf(shards);
    }
}
