package io.steward.tenancy.store;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether the database already holds exactly the migrations on the classpath, each applied successfully with the
 * same checksum. Then {@link Database} leaves Flyway out: even with nothing to apply, loading it (about 800 classes,
 * Jackson's among them) and validating cost about 0.8 s of CPU in a cold JVM, on the way to the first answer.
 * Anything else (a fresh database, a pending, failed, changed or unknown migration, a history this cannot read)
 * answers false, and Flyway migrates and validates as before. The checksum is Flyway's: a CRC32 over the UTF-8 bytes
 * of every line without its line break, a leading BOM dropped.
 */
final class SchemaUpToDate {
    private static final Pattern MIGRATION = Pattern.compile("V([0-9_.]+)__.*\\.sql");

    private SchemaUpToDate() {
    }

    /** {@code folder}: a classpath folder such as {@code db/H2}. */
    static boolean check(DataSource dataSource, String folder) {
        try {
            Map<String, Integer> local = onClasspath(folder);
            return local != null && !local.isEmpty() && local.equals(applied(dataSource));
        } catch (IOException | SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Applied versions and their checksums; null when the history holds anything but successful SQL migrations. */
    private static Map<String, Integer> applied(DataSource dataSource) throws SQLException {
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT type, version, checksum, success FROM flyway_schema_history")) {
            while (rows.next()) {
                String type = rows.getString(1);
                if (!rows.getBoolean(4)) {
                    return null;
                }
                if ("SQL".equals(type) && rows.getString(2) != null && rows.getObject(3) != null) {
                    applied.put(rows.getString(2), rows.getInt(3));
                } else if (!"SCHEMA".equals(type) && !"TABLE".equals(type)) {
                    // SCHEMA and TABLE rows only say Flyway created the schema or its table; anything else
                    // (a baseline, a repeatable or Java migration) is left to Flyway.
                    return null;
                }
            }
        }
        return applied;
    }

    /** Versions (as Flyway writes them: {@code _} read as {@code .}) and checksums; null for an unknown source. */
    static Map<String, Integer> onClasspath(String folder) throws IOException {
        Map<String, Integer> found = new HashMap<>();
        ClassLoader loader = SchemaUpToDate.class.getClassLoader();
        Enumeration<URL> roots = loader.getResources(folder);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if ("file".equals(root.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (!add(found, file.getFileName().toString(), () -> Files.newInputStream(file))) {
                            return null;
                        }
                    }
                } catch (URISyntaxException e) {
                    return null;
                }
            } else if ("jar".equals(root.getProtocol())) {
                URLConnection connection = root.openConnection();
                if (!(connection instanceof JarURLConnection jarConnection)) {
                    return null;
                }
                // The JVM's cached copy of the jar it runs from: not closed here.
                JarFile jar = jarConnection.getJarFile();
                String prefix = folder + "/";
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0
                            && !add(found, name.substring(prefix.length()), () -> jar.getInputStream(entry))) {
                        return null;
                    }
                }
            } else {
                return null;
            }
        }
        return found;
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    /** False for two files of one version (Flyway refuses that; let it say so). */
    private static boolean add(Map<String, Integer> found, String fileName, Source source) throws IOException {
        Matcher matcher = MIGRATION.matcher(fileName);
        if (!matcher.matches()) {
            return true;
        }
        String version = matcher.group(1).replace('_', '.');
        try (InputStream in = source.open()) {
            return found.put(version, checksum(in)) == null;
        }
    }

    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }
}
