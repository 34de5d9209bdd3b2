package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The files of an uploaded blueprint, unpacked in memory and checked for safety. Cloudify's client uploads a tar.gz
 * holding one top directory; that directory is stripped so paths are relative to the blueprint root
 * ({@code blueprint.yaml}, {@code scripts/create.sh}). Archives without a top directory are accepted as they are.
 *
 * <p>Refused with {@link Problem#INVALID_BLUEPRINT}, naming the entry: {@code ..} segments, absolute paths, symbolic or
 * hard links whose target is absolute or leaves the archive (or is not a file in it), devices and FIFOs, more
 * entries or more unpacked bytes than {@link ArchiveLimits} allow, and archives that cannot be read at all.
 */
public final class BlueprintArchive {
    public static final String DEFAULT_APPLICATION_FILE = "blueprint.yaml";
    private static final String REPACK_TOP_DIRECTORY = "blueprint";

    private final Map<String, byte[]> files;

    private BlueprintArchive(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public static BlueprintArchive fromTarGz(byte[] archive) {
        return fromTarGz(archive, ArchiveLimits.DEFAULT);
    }

    public static BlueprintArchive fromTarGz(byte[] archive, ArchiveLimits limits) {
        return new BlueprintArchive(TarGzReader.read(archive, limits));
    }

    public static BlueprintArchive fromZip(byte[] archive) {
        return fromZip(archive, ArchiveLimits.DEFAULT);
    }

    public static BlueprintArchive fromZip(byte[] archive, ArchiveLimits limits) {
        return new BlueprintArchive(ZipReader.read(archive, limits));
    }

    /** A single-file blueprint, for callers (and tests) that hold the YAML text only. */
    public static BlueprintArchive fromYaml(String mainFileName, String yaml) {
        return fromFiles(Map.of(ArchivePath.normalize(mainFileName), yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Files by relative path, as if already unpacked; paths are checked like archive entries. */
    public static BlueprintArchive fromFiles(Map<String, byte[]> files) {
        Map<String, byte[]> checked = new LinkedHashMap<>();
        files.forEach((path, content) -> checked.put(ArchivePath.normalize(path), content.clone()));
        return new BlueprintArchive(checked);
    }

    /** Every file by its path relative to the blueprint root. The byte arrays must not be modified. */
    public Map<String, byte[]> files() {
        return files;
    }

    public Optional<byte[]> file(String relativePath) {
        return Optional.ofNullable(files.get(relativePath)).map(byte[]::clone);
    }

    public boolean contains(String relativePath) {
        return files.containsKey(relativePath);
    }

    /** The main blueprint file as UTF-8 text; {@code null} or blank means {@value #DEFAULT_APPLICATION_FILE}. */
    public String mainYaml(String applicationFileName) {
        String name = applicationFileName == null || applicationFileName.isBlank()
                ? DEFAULT_APPLICATION_FILE : applicationFileName;
        byte[] content = files.get(name);
        if (content == null) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT, "application file '" + name
                    + "' is not in the blueprint archive; it holds " + files.keySet().stream().sorted().limit(20).toList());
        }
        return text(name, content);
    }

    /** A file of the archive as UTF-8 text, refusing bytes that are not UTF-8. */
    static String text(String name, byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT, name + ": the file is not valid UTF-8 text");
        }
    }

    /** Re-packs the files under one top directory, so that {@link #fromTarGz} gives back the same paths. */
    public byte[] toTarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(REPACK_TOP_DIRECTORY + "/" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
