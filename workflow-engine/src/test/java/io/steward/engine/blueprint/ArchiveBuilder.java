package io.steward.engine.blueprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes test archives entry by entry, including the hostile kinds an upload must never unpack. */
final class ArchiveBuilder {
    private record Item(String name, byte type, String linkTarget, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();

    ArchiveBuilder file(String name, String content) {
        items.add(new Item(name, TarConstants.LF_NORMAL, null, content.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    ArchiveBuilder file(String name, byte[] content) {
        items.add(new Item(name, TarConstants.LF_NORMAL, null, content));
        return this;
    }

    ArchiveBuilder directory(String name) {
        items.add(new Item(name, TarConstants.LF_DIR, null, new byte[0]));
        return this;
    }

    ArchiveBuilder symlink(String name, String target) {
        items.add(new Item(name, TarConstants.LF_SYMLINK, target, new byte[0]));
        return this;
    }

    ArchiveBuilder hardLink(String name, String target) {
        items.add(new Item(name, TarConstants.LF_LINK, target, new byte[0]));
        return this;
    }

    ArchiveBuilder characterDevice(String name) {
        items.add(new Item(name, TarConstants.LF_CHR, null, new byte[0]));
        return this;
    }

    byte[] tarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
                if (item.linkTarget() != null) {
                    entry.setLinkName(item.linkTarget());
                }
                entry.setSize(item.type() == TarConstants.LF_NORMAL ? item.content().length : 0);
                tar.putArchiveEntry(entry);
                tar.write(item.type() == TarConstants.LF_NORMAL ? item.content() : new byte[0]);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.name());
                byte[] content = item.content();
                if (item.type() == TarConstants.LF_SYMLINK) {
                    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                    content = item.linkTarget().getBytes(StandardCharsets.UTF_8);
                }
                zip.putArchiveEntry(entry);
                zip.write(content);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
