package com.nightshift.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out the parts of a project tree a deployment reads: environment configurations and synthesized templates. */
final class ProjectTree {

    private ProjectTree() {
    }

    /** The collector image of the configurations {@link #config} writes. */
    static final String COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1";

    static void config(Path root, String name, String suffix, String networkMode, String secretMode) throws IOException {
        config(root, name, """
                {
                  "environmentSuffix": "%s",
                  "region": "us-east-1",
                  "network": { "mode": "%s" },
                  "secret": { "mode": "%s" },
                  "collectorImage": "%s"
                }
                """.formatted(suffix, networkMode, secretMode, COLLECTOR_IMAGE));
    }

    /** Writes {@code json} as {@code infra/config/<name>.json}; returns the configuration directory. */
    static Path config(Path root, String name, String json) throws IOException {
        Path directory = Files.createDirectories(root.resolve("infra/config"));
        Files.writeString(directory.resolve(name + ".json"), json);
        return directory;
    }

    static void templates(Path root, String suffix, int workloadBytes) throws IOException {
        Path cdkOut = Files.createDirectories(root.resolve("infra/target/cdk.out"));
        Files.writeString(cdkOut.resolve("nightshift-registry-" + suffix + ".template.json"), "{\"Resources\":{}}");
        Files.writeString(cdkOut.resolve("nightshift-workload-" + suffix + ".template.json"),
                "{\"Description\":\"" + "x".repeat(workloadBytes) + "\"}");
    }
}
