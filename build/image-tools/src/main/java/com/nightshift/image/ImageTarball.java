package com.nightshift.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image tarball as Jib writes it ({@code buildTar}): an OCI image layout ({@code index.json},
 * {@code blobs/sha256/...}) or a docker-save archive ({@code manifest.json}). Reads the image
 * configuration and unpacks the layers, in order, into a root filesystem the way a container runtime
 * does: owners, modes (sticky bit included) and modification times as recorded, OCI whiteouts applied.
 * The times matter to the JVM: an ahead-of-time cache names its class path's jars by size and time.
 *
 * <p>Unpacked in Java rather than with the host's {@code tar}: an entry is never written through a
 * symbolic link (a layer of a registry base image may hold absolute links, which would point into the
 * host), and no path leaves the root.
 */
public final class ImageTarball {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final boolean ROOT = runsAsRoot();

    private final ImageConfig config;
    private final List<Path> layers;

    private ImageTarball(ImageConfig config, List<Path> layers) {
        this.config = config;
        this.layers = layers;
    }

    /** Extracts the tarball's files (index, manifests, config, layer blobs) into {@code dir}. */
    public static ImageTarball open(Path tarball, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isFile()) {
                    Path target = inside(dir, entry.getName());
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (Files.exists(dir.resolve("index.json"))) {
            OciIndex index = JSON.readValue(dir.resolve("index.json").toFile(), OciIndex.class);
            if (index.manifests() == null || index.manifests().size() != 1) {
                throw new IllegalStateException(tarball + ": expected one manifest in index.json, found " + index.manifests());
            }
            OciManifest manifest = JSON.readValue(blob(dir, index.manifests().getFirst().digest()).toFile(), OciManifest.class);
            ImageConfig config = JSON.readValue(blob(dir, manifest.config().digest()).toFile(), ImageConfig.class);
            List<Path> layers = new ArrayList<>();
            for (Descriptor layer : manifest.layers()) {
                layers.add(blob(dir, layer.digest()));
            }
            return new ImageTarball(config, layers);
        }
        if (Files.exists(dir.resolve("manifest.json"))) {
            DockerManifest[] manifests = JSON.readValue(dir.resolve("manifest.json").toFile(), DockerManifest[].class);
            if (manifests.length != 1) {
                throw new IllegalStateException(tarball + ": expected one image in manifest.json, found " + manifests.length);
            }
            ImageConfig config = JSON.readValue(inside(dir, manifests[0].config()).toFile(), ImageConfig.class);
            List<Path> layers = new ArrayList<>();
            for (String layer : manifests[0].layers()) {
                layers.add(inside(dir, layer));
            }
            return new ImageTarball(config, layers);
        }
        throw new IllegalStateException(tarball + " is neither an OCI image layout (index.json) nor a docker-save archive (manifest.json)");
    }

    public ImageConfig config() {
        return config;
    }

    /** Unpacks every layer, lowest first, into {@code root}, which is created empty. */
    public void unpack(Path root) throws IOException {
        Files.createDirectories(root);
        for (Path layer : layers) {
            unpackLayer(layer, root);
        }
    }

    /**
     * The path in the image of every regular file the layers hold, with its content when
     * {@code withContent} accepts the path (an empty array otherwise); a file a higher layer writes
     * again replaces the lower one. Whiteouts are not applied: enough for the application layers Jib
     * writes, which add files and never remove any.
     */
    public Map<String, byte[]> files(Predicate<String> withContent) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (Path layer : layers) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(decompressed(layer))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.isFile()) {
                        String path = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                        files.put(path, withContent.test(path) ? in.readAllBytes() : new byte[0]);
                    }
                }
            }
        }
        return files;
    }

    private static void unpackLayer(Path layer, Path root) throws IOException {
        // Paths this layer wrote: a whiteout hides what lower layers hold, never what its own layer holds.
        Set<Path> written = new HashSet<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(decompressed(layer))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = inside(root, entry.getName());
                if (target.equals(root)) {
                    setOwnerAndMode(root, entry);
                    continue;
                }
                refuseLinksOnTheWay(root, target.getParent());
                String name = target.getFileName().toString();
                if (name.equals(OPAQUE)) {
                    clearLowerContent(target.getParent(), written);
                    continue;
                }
                if (name.startsWith(WHITEOUT)) {
                    Path hidden = target.resolveSibling(name.substring(WHITEOUT.length()));
                    if (!written.contains(hidden)) {
                        deleteTree(hidden);
                    }
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isDirectory()) {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(target);
                    }
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    deleteTree(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path source = inside(root, entry.getLinkName());
                    refuseLinksOnTheWay(root, source.getParent());
                    deleteTree(target);
                    Files.createLink(target, source);
                } else if (entry.isFile()) {
                    deleteTree(target);
                    Files.copy(in, target);
                } else {
                    // Devices and FIFOs: a container runtime provides /dev itself; nothing here needs them.
                    continue;
                }
                written.add(target);
                if (!entry.isSymbolicLink()) {
                    setOwnerAndMode(target, entry);
                    Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
                } else {
                    setOwner(target, entry);
                }
            }
        }
    }

    private static InputStream decompressed(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer), 1 << 16);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
            in.close();
            throw new IllegalStateException(layer + " is a zstd-compressed layer, which this check does not read");
        }
        return in;
    }

    private static void setOwnerAndMode(Path path, TarArchiveEntry entry) throws IOException {
        setOwner(path, entry);
        // unix:mode keeps the sticky, setuid and setgid bits, which PosixFilePermissions cannot express.
        Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The recorded owner, when this process may give files away (root); otherwise the files stay this
     * user's, which is enough to run the image's Java from them (the build's training does).
     */
    private static void setOwner(Path path, TarArchiveEntry entry) throws IOException {
        if (ROOT) {
            Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean runsAsRoot() {
        try {
            return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Deletes what lower layers put in {@code dir}, keeping what the current layer already wrote there. */
    private static void clearLowerContent(Path dir, Set<Path> written) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!written.contains(child)) {
                    deleteTree(child);
                }
            }
        }
    }

    /** Fails when a directory between {@code root} and {@code dir} is a symbolic link. */
    private static void refuseLinksOnTheWay(Path root, Path dir) {
        Path current = root;
        for (Path part : root.relativize(dir)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IllegalStateException("a layer entry lies beneath the symbolic link " + current
                        + "; this check does not follow links while unpacking");
            }
        }
    }

    /** {@code name} resolved under {@code base}; a name that would leave it fails. */
    private static Path inside(Path base, String name) {
        Path resolved = base.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
        if (!resolved.startsWith(base)) {
            throw new IllegalStateException("entry " + name + " leaves " + base);
        }
        return resolved;
    }

    private static Path blob(Path dir, String digest) {
        String[] parts = digest.split(":", 2);
        return inside(dir, "blobs/" + parts[0] + "/" + parts[1]);
    }

    /** Deletes a file, link or directory tree without following links; absent is fine. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The parts of an image configuration this check reads (OCI image spec, "config"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageConfig(@JsonProperty("config") ContainerConfig container) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerConfig(
            @JsonProperty("User") String user,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Volumes") Map<String, Object> volumes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Descriptor(String mediaType, String digest, long size) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OciIndex(List<Descriptor> manifests) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OciManifest(Descriptor config, List<Descriptor> layers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DockerManifest(@JsonProperty("Config") String config, @JsonProperty("Layers") List<String> layers) {
    }
}
