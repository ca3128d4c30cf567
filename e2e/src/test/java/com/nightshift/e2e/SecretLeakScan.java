package com.nightshift.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looks for secret values in log files, line by line. A finding names the secret, the file and the
 * line, never the value, so that a failing test's report does not spread the secret it found. A
 * value is looked for as written and in upper case (a hex key printed with another formatter).
 */
final class SecretLeakScan {

    /** A secret's value found in a log: which secret, where. */
    record Finding(String secret, Path log, int line) {
        @Override
        public String toString() {
            return secret + " in " + log + " line " + line;
        }
    }

    private final Map<String, String> secrets;

    /** @param secrets secret values by a name that may be shown (the secret and its JSON key) */
    SecretLeakScan(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    List<Finding> scan(List<Path> logs) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (Path log : logs) {
            // Decoded leniently: a log is scanned whole even if a line holds bytes that are not UTF-8.
            String[] lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Map.Entry<String, String> secret : secrets.entrySet()) {
                    String value = secret.getValue();
                    if (lines[i].contains(value) || lines[i].contains(value.toUpperCase(Locale.ROOT))) {
                        findings.add(new Finding(secret.getKey(), log, i + 1));
                    }
                }
            }
        }
        return findings;
    }
}
