package com.nightshift.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSinkTest {

    @TempDir
    Path root;

    @Test
    void directory_writesNamedFilesCreatingFolders() throws IOException {
        OutputSink sink = OutputSink.directory(root).under("ACC-1/");
        try (OutputStream out = sink.open("deep/matches.csv")) {
            out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(root.resolve("ACC-1/deep/matches.csv")).hasContent("a,b");
    }

    @Test
    void directory_refusesNamesThatCouldLeaveTheFolder() {
        OutputSink sink = OutputSink.directory(root);
        assertThatThrownBy(() -> sink.open("/etc/passwd")).hasMessageContaining("must be a relative path");
        assertThatThrownBy(() -> sink.open("a/../../b")).hasMessageContaining("segment '..'");
        assertThatThrownBy(() -> sink.open("a//b")).hasMessageContaining("segment ''");
        assertThatThrownBy(() -> sink.open("")).hasMessageContaining("must be a relative path");
    }

    @Test
    void inputSourceOfAFile_isNamedByItsPathAndOpensItsBytes() throws IOException {
        Path file = Files.writeString(root.resolve("in.csv"), "x");
        InputSource source = InputSource.file(file);
        assertThat(source.name()).isEqualTo(file.toString());
        try (InputStream in = source.content().open()) {
            assertThat(in.readAllBytes()).containsExactly('x');
        }
    }
}
