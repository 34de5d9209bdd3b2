package io.steward.api.support;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds blueprint archives the way Cloudify's client does (one top folder), or hostile ones for tests. */
public final class Archives {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    public static Archives create() {
        return new Archives();
    }

    /** A test resource folder under {@code blueprints/}, packed under a top folder of the same name. */
    public static Archives ofResourceFolder(String folder, String... relativePaths) {
        Archives archive = new Archives();
        for (String path : relativePaths) {
            archive.file(folder + "/" + path, resource("blueprints/" + folder + "/" + path));
        }
        return archive;
    }

    public static String resourceText(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    public Archives file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public Archives file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    public Archives symlink(String path, String target) {
        symlinks.put(path, target);
        return this;
    }

    public byte[] tarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(file.getValue().length);
                entry.setMode(file.getKey().endsWith(".sh") ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            for (var link : symlinks.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK, true);
                entry.setLinkName(link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String path) {
        try (InputStream in = Archives.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
