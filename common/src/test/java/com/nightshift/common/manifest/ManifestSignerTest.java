package com.nightshift.common.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.common.json.JsonCodec;

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

    /** A result document in miniature: one figure and a manifest whose signature covers both. */
    record Figure(double var99, ResultManifest manifest) implements SignedDocument<Figure> {
        @Override
        public String signature() {
            return manifest.signature();
        }

        @Override
        public Figure withSignature(String value) {
            return new Figure(var99, manifest.withSignature(value));
        }

        @Override
        public byte[] canonicalBytes() {
            return JsonCodec.writeBytes(withSignature(""));
        }
    }

    @Test
    void a_signed_document_names_the_scheme_and_the_key_id_and_verifies() {
        ManifestSigner signer = ManifestSigner.withKey("k1");
        Figure signed = signer.sign(new Figure(1250.5, MANIFEST));

        assertThat(signed.signature()).matches("hmac-sha256:" + signer.keyId() + ":[0-9a-f]{64}");
        assertThat(signer.keyId()).isEqualTo(ManifestSigner.sha256("k1".getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        assertThat(signer.verify(signed)).isEqualTo(ManifestSigner.Verdict.VALID);
    }

    @Test
    void a_changed_figure_breaks_the_signature_of_the_document() {
        ManifestSigner signer = ManifestSigner.withKey("k1");
        Figure signed = signer.sign(new Figure(1250.5, MANIFEST));

        assertThat(signer.verify(new Figure(1250.25, signed.manifest()))).isEqualTo(ManifestSigner.Verdict.CONTENT_CHANGED);
    }

    @Test
    void a_document_signed_with_another_key_is_told_apart_from_a_changed_one() {
        Figure signed = ManifestSigner.withKey("k1").sign(new Figure(1250.5, MANIFEST));

        assertThat(ManifestSigner.withKey("k2").verify(signed)).isEqualTo(ManifestSigner.Verdict.OTHER_KEY);
        assertThat(ManifestSigner.keyIdOf(signed.signature())).contains(ManifestSigner.withKey("k1").keyId());
    }

    @Test
    void an_unsigned_document_is_not_signed_and_a_manifest_only_signature_is_not_one_over_the_document() {
        ManifestSigner signer = ManifestSigner.withKey("k1");

        assertThat(signer.verify(new Figure(1.0, MANIFEST))).isEqualTo(ManifestSigner.Verdict.NOT_SIGNED);
        assertThat(signer.verify(new Figure(1.0, signer.sign(MANIFEST)))).isEqualTo(ManifestSigner.Verdict.UNKNOWN_SCHEME);
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
