package com.nightshift.reporting.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What made a PDF: the report engine's name and version, recorded in every rendered file (creator
 * tool and producer), so an archived report says which code drew it. The version is the Maven
 * project version, written into {@code generator.properties} by the build (resource filtering), so
 * it is right in tests and in every jar alike.
 *
 * @param name    the engine's name
 * @param version the engine's version
 */
record ReportGenerator(String name, String version) {

    /** The running engine. */
    static final ReportGenerator CURRENT = load();

    /** Name and version, as the PDF metadata shows them. */
    String label() {
        return name + " " + version;
    }

    private static ReportGenerator load() {
        Properties properties = new Properties();
        try (InputStream in = ReportGenerator.class.getResourceAsStream("generator.properties")) {
            if (in == null) {
                throw new IllegalStateException("generator.properties is missing from the reporting jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read generator.properties", e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException("generator.properties has no version: the build filters it (reporting/pom.xml)");
        }
        return new ReportGenerator(properties.getProperty("name"), version);
    }
}
