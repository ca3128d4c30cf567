package com.nightshift.shell.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs inside an unpacked service image, on the image's own Java, as the image's user (see
 * {@link ContainerImageIT}). Prints one {@code key=value} line per finding: the user and group it runs as,
 * the JVM's temporary directory, whether a file written there reads back, and whether the
 * application directory (the first argument) refuses a write.
 */
public final class TmpProbe {

    private TmpProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("uid=" + firstId("Uid:"));
        System.out.println("gid=" + firstId("Gid:"));
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.out.println("tmpdir=" + tmpdir);
        System.out.println("tmp-write=" + writeAndReadBack(Path.of(tmpdir)));
        System.out.println("app-write=" + tryWrite(Path.of(args[0], "probe.txt")));
    }

    /** The real user or group id, from /proc/self/status ("Uid:" or "Gid:", then real, effective, saved, filesystem). */
    private static String firstId(String field) throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
        return status.stream()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                .findFirst()
                .orElse("unknown");
    }

    private static String writeAndReadBack(Path dir) {
        String content = "nightshift probe " + ProcessHandle.current().pid();
        try {
            // Not Files.createTempFile: its SecureRandom would wait for seed entropy, the root has no /dev.
            Path file = Files.createFile(dir.resolve("probe-" + ProcessHandle.current().pid() + ".txt"));
            Files.writeString(file, content);
            String read = Files.readString(file);
            Files.delete(file);
            return read.equals(content) ? "ok" : "read back different content";
        } catch (IOException | RuntimeException e) {
            return "failed " + e;
        }
    }

    private static String tryWrite(Path file) {
        try {
            Files.writeString(file, "nightshift probe");
            Files.delete(file);
            return "allowed";
        } catch (AccessDeniedException e) {
            return "denied";
        } catch (IOException | RuntimeException e) {
            return "failed " + e;
        }
    }
}
