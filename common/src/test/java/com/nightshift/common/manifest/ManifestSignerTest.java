package com.nightshift.common.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ManifestSignerTest {

    private static final ResultManifest MANIFEST = ResultManifest.unsigned(
            List.of(new InputObject("data", "inbound/ledger/l.csv", "etag", "abc")), Map.of("confidence", "0.99"),
            Instant.parse("2026-11-21T03:00:00Z"));

    @Test
    void signed_manifest_verifies_with_the_same_key() {
        ManifestSigner signer = ManifestSigner.withKey("k1");
        ResultManifest signed = signer.sign(MANIFEST);
        assertThat(signed.signature()).hasSize(64);
        assertThat(signer.verify(signed)).isTrue();
    }

    @Test
    void signed_manifest_does_not_verify_with_another_key() {
        assertThat(ManifestSigner.withKey("k2").verify(ManifestSigner.withKey("k1").sign(MANIFEST))).isFalse();
    }

    @Test
    void a_changed_parameter_breaks_the_signature() {
        ManifestSigner signer = ManifestSigner.withKey("k1");
        ResultManifest signed = signer.sign(MANIFEST);
        ResultManifest tampered = new ResultManifest(signed.inputs(), Map.of("confidence", "0.95"),
                signed.codeVersion(), signed.createdAt(), signed.signature());
        assertThat(signer.verify(tampered)).isFalse();
    }

    @Test
    void blank_key_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> ManifestSigner.withKey(" ")).hasMessageContaining("MANIFEST_SIGNING_KEY");
    }

    @Test
    void sha256_of_known_bytes() {
        assertThat(ManifestSigner.sha256("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
