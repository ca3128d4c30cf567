package com.nightshift.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.EnvironmentConfigLoader;
import software.amazon.awscdk.AppProps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The shipped configurations, and variants of them, for tests. Tests run in the infra module directory. */
final class TestConfigs {

    static final Path CONFIG_DIR = Path.of("config");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestConfigs() {
    }

    static EnvironmentConfig shipped(String name) {
        return new EnvironmentConfigLoader().load(CONFIG_DIR.resolve(name + ".json"));
    }

    /** The JSON of a shipped configuration as an editable tree. */
    static ObjectNode json(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(Files.readString(CONFIG_DIR.resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shipped configuration changed by {@code edit}, parsed as if read from {@code <name>-variant.json}. */
    static EnvironmentConfig variant(String name, Consumer<ObjectNode> edit) {
        ObjectNode root = json(name);
        edit.accept(root);
        return new EnvironmentConfigLoader().parse(name + "-variant.json", root.toString());
    }

    /**
     * The rendered name of bucket {@code purpose} in environment {@code suffix} of {@code region}:
     * {@code s3-<purpose>-<suffix>-<account>-<region>}, the account resolved at deployment.
     */
    static Map<String, Object> bucketName(String purpose, String suffix, String region) {
        return Map.of("Fn::Join", List.of("", List.of("s3-" + purpose + "-" + suffix + "-", Map.of("Ref", "AWS::AccountId"), "-" + region)));
    }

    /** Both stacks of {@code config} in a fresh app. */
    static NightshiftApp.Stacks stacks(EnvironmentConfig config) {
        return NightshiftApp.addStacks(NightshiftApp.newApp(AppProps.builder()), config);
    }
}
