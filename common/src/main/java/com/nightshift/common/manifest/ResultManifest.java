package com.nightshift.common.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a result was computed from: its input objects with checksums, the parameters, the random
 * seed (risk only), the code version, and an HMAC-SHA256 signature over all of that made with the
 * application's manifest signing key. The same inputs and seed give the same numbers; the manifest is
 * how anyone checks that later.
 */
public record ResultManifest(List<InputObject> inputs, Map<String, String> parameters, Long seed,
        String codeVersion, Instant createdAt, String signature) {

    public ResultManifest {
        inputs = List.copyOf(inputs);
        parameters = new TreeMap<>(parameters);
    }

    /** An unsigned manifest: sign it with {@link ManifestSigner#sign(ResultManifest)}. */
    public static ResultManifest unsigned(List<InputObject> inputs, Map<String, String> parameters, Long seed,
            Instant createdAt) {
        return new ResultManifest(inputs, parameters, seed, CodeVersion.current(), createdAt, "");
    }

    ResultManifest withSignature(String value) {
        return new ResultManifest(inputs, parameters, seed, codeVersion, createdAt, value);
    }
}
