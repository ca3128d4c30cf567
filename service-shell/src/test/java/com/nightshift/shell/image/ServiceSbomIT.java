package com.nightshift.shell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nightshift.image.ImageTarball;

/**
 * The service's software bill of materials, as {@code ./mvnw package} makes it (CycloneDX JSON,
 * {@code target/sbom/<service>-sbom.cdx.json}, see build/service-parent) and as the image carries it
 * ({@code /app/sbom/}): it names the service as its subject and lists every library the image runs with,
 * so a scan of the SBOM sees what a scan of the image would.
 *
 * <p>Runs in every service module, like {@link ContainerImageIT}; it reads the image tarball without
 * unpacking it, so it needs no root. The CycloneDX plugin runs only when Maven is online, so in an
 * offline build ({@code -o}) there is no SBOM to check and the test is skipped, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceSbomIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SBOM_DIR = "/app/sbom/";
    private static final String LIBS_DIR = "/app/libs/";
    /** What every service is built from: the shared shell, the HTTP server, the AWS clients, the JSON logger. */
    private static final List<String> SHARED_DEPENDENCIES = List.of("com.nightshift:service-shell",
            "com.nightshift:common", "io.micronaut:micronaut-http-server-netty", "software.amazon.awssdk:s3",
            "software.amazon.awssdk:sqs", "ch.qos.logback:logback-classic");

    private String service;
    private Path sbomFile;
    private JsonNode sbom;
    private Map<String, byte[]> imageFiles;

    @BeforeAll
    void readTheSbomAndTheImage() throws IOException {
        // "offline=true" or "offline=false" (a plugin parameter cannot take the bare boolean).
        assumeFalse("offline=true".equals(System.getProperty("nightshift.build.mode")),
                "the CycloneDX plugin makes no SBOM when Maven is offline (-o): build online to check it");
        service = property("nightshift.service");
        sbomFile = Path.of(property("nightshift.sbom"));
        assertThat(sbomFile).as("the SBOM the build writes at package").isRegularFile();
        sbom = JSON.readTree(sbomFile.toFile());
        Path tarball = Path.of(property("nightshift.image.tar")).toAbsolutePath();
        assertThat(tarball).as("the image tarball Jib writes at package").isRegularFile();
        Path work = tarball.resolveSibling("sbom-check");
        try {
            imageFiles = ImageTarball.open(tarball, work).files(path -> path.startsWith(SBOM_DIR));
        } finally {
            ImageTarball.deleteTree(work);
        }
    }

    @Test
    void theSbomIsCycloneDxJson() {
        assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(sbom.path("specVersion").asText()).as("specVersion").isNotBlank();
    }

    @Test
    void theSbomNamesTheServiceAsItsSubject() {
        JsonNode subject = sbom.path("metadata").path("component");
        assertThat(subject.path("group").asText() + ":" + subject.path("name").asText())
                .isEqualTo("com.nightshift:" + service);
        assertThat(subject.path("type").asText()).isEqualTo("application");
    }

    @Test
    void theSbomListsTheLibrariesEveryServiceIsBuiltFrom() {
        assertThat(components()).containsAll(SHARED_DEPENDENCIES);
    }

    @Test
    void everyLibraryInTheImageIsInTheSbom() {
        Set<String> listed = new TreeSet<>();
        for (JsonNode component : sbom.path("components")) {
            listed.add(component.path("name").asText() + "-" + component.path("version").asText());
        }
        List<String> libraries = imageFiles.keySet().stream()
                .filter(path -> path.startsWith(LIBS_DIR) && path.endsWith(".jar"))
                .map(path -> path.substring(LIBS_DIR.length()))
                .toList();
        assertThat(libraries).as("jars in %s of the image", LIBS_DIR).hasSizeGreaterThan(SHARED_DEPENDENCIES.size());
        List<String> unlisted = new ArrayList<>();
        for (String jar : libraries) {
            // Jib names a library <artifactId>-<version>[-<classifier>].jar, and adds the group when two collide.
            if (listed.stream().noneMatch(nameAndVersion -> jar.startsWith(nameAndVersion + ".")
                    || jar.startsWith(nameAndVersion + "-"))) {
                unlisted.add(jar);
            }
        }
        assertThat(unlisted).as("libraries in the image that the SBOM does not list").isEmpty();
    }

    @Test
    void theImageCarriesTheSbomTheBuildWrote() throws IOException {
        String inImage = SBOM_DIR + service + "-sbom.cdx.json";
        assertThat(imageFiles).as("files of the image").containsKey(inImage);
        assertThat(imageFiles.get(inImage)).as(inImage).isEqualTo(Files.readAllBytes(sbomFile));
    }

    private Set<String> components() {
        Set<String> names = new TreeSet<>();
        for (JsonNode component : sbom.path("components")) {
            names.add(component.path("group").asText() + ":" + component.path("name").asText());
        }
        return names;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by build/service-parent)", name).isNotBlank();
        return value;
    }
}
