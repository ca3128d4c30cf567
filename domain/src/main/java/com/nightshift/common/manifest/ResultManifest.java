package com.nightshift.common.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a signed result (a reconciliation, a backtest) was computed from: its input objects with
 * checksums, the parameters, the code version, when it was computed, and an HMAC-SHA256 signature over
 * all of that made with the application's manifest signing key ({@code ManifestSigner} in module
 * {@code common}). The same inputs give the same numbers; the manifest is how anyone checks that later.
 *
 * <p>A plain record in module {@code domain} so that the engines that read signed results (the report
 * engine) can read it as a typed record; the signing stays with the services. Every field is required:
 * an unsigned manifest has an empty signature, not a missing one.
 *
 * @param inputs      every input read, with its checksum, in the order read
 * @param parameters  the parameters in effect, by name (kept sorted, so that the JSON form is canonical)
 * @param codeVersion the version of the code that computed the result
 * @param createdAt   when the result was computed
 * @param signature   the HMAC-SHA256 (hex) of the manifest's canonical JSON with an empty signature; empty when unsigned
 */
public record ResultManifest(List<InputObject> inputs, Map<String, String> parameters, String codeVersion,
        Instant createdAt, String signature) {

    public ResultManifest {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        parameters = new TreeMap<>(Objects.requireNonNull(parameters, "parameters"));
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(signature, "signature");
    }

    /** An unsigned manifest of the running code's version: sign it with {@code ManifestSigner.sign}. */
    public static ResultManifest unsigned(List<InputObject> inputs, Map<String, String> parameters, Instant createdAt) {
        return new ResultManifest(inputs, parameters, CodeVersion.current(), createdAt, "");
    }

    /** The same manifest with {@code value} as its signature (the signer's canonical form uses an empty one). */
    public ResultManifest withSignature(String value) {
        return new ResultManifest(inputs, parameters, codeVersion, createdAt, value);
    }
}
