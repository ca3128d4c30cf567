package com.nightshift.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class InputFileTest {

    @Test
    void ofADigest_recordsTheSha256InLowerCaseHex() {
        MessageDigest digest = InputFile.newDigest();
        digest.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(InputFile.of("in.csv", digest).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void refusesABlankNameOrAMalformedChecksum() {
        String sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThatThrownBy(() -> InputFile.of(" ", sha)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> InputFile.of("in.csv", sha.toUpperCase())).hasMessageContaining("64 lower-case hex");
    }
}
