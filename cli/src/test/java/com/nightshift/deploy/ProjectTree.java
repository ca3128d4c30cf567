package com.nightshift.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out the parts of a project tree a deployment reads: environment configurations and synthesized templates. */
final class ProjectTree {

    private ProjectTree() {
    }

    static void config(Path root, String name, String suffix, String networkMode, String secretMode) throws IOException {
        Path directory = Files.createDirectories(root.resolve("infra/config"));
        Files.writeString(directory.resolve(name + ".json"), """
                {
                  "environmentSuffix": "%s",
                  "region": "us-east-1",
                  "network": { "mode": "%s" },
                  "secret": { "mode": "%s" }
                }
                """.formatted(suffix, networkMode, secretMode));
    }

    static void templates(Path root, String suffix, int workloadBytes) throws IOException {
        Path cdkOut = Files.createDirectories(root.resolve("infra/target/cdk.out"));
        Files.writeString(cdkOut.resolve("nightshift-registry-" + suffix + ".template.json"), "{\"Resources\":{}}");
        Files.writeString(cdkOut.resolve("nightshift-workload-" + suffix + ".template.json"),
                "{\"Description\":\"" + "x".repeat(workloadBytes) + "\"}");
    }
}
