package com.nightshift.common.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ResultManifestTest {

    private static final Instant AT = Instant.parse("2026-11-21T03:00:00Z");

    @Test
    void an_unsigned_manifest_has_an_empty_signature_and_the_code_version() {
        ResultManifest manifest = ResultManifest.unsigned(List.of(), Map.of("b", "2", "a", "1"), AT);
        assertThat(manifest.signature()).isEmpty();
        assertThat(manifest.codeVersion()).isEqualTo(CodeVersion.current());
        assertThat(manifest.parameters().keySet()).containsExactly("a", "b");
        assertThat(manifest.withSignature("ff").signature()).isEqualTo("ff");
    }

    @Test
    void every_field_is_required() {
        assertThatThrownBy(() -> new ResultManifest(List.of(), Map.of(), "1", AT, null)).hasMessage("signature");
        assertThatThrownBy(() -> new InputObject("b", "k", null, "s")).hasMessage("etag");
    }
}
