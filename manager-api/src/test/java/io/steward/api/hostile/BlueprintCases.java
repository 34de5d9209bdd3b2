package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Expected;
import io.steward.api.support.Archives;
import io.steward.api.support.Multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.steward.api.hostile.CloudifyCases.BAD;
import static io.steward.api.hostile.CloudifyCases.INVALID_BLUEPRINT;

/** Hostile blueprint uploads: YAML that is not a blueprint or is a bomb, and archives that escape or explode. */
final class BlueprintCases {
    private static final String PARAMS = "{\"visibility\":\"tenant\",\"application_file_name\":\"blueprint.yaml\"}";
    private static final String HEADER = "tosca_definitions_version: cloudify_dsl_1_4\n"
            + "imports: [cloudify/types/types.yaml]\n";

    private BlueprintCases() {
    }

    static void yamlBodies(CaseTable table, String list, String valid) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not yaml", "{{{{ ::: ]]]");
        bodies.put("a yaml list", "- a\n- b\n");
        bodies.put("a yaml scalar", "just text");
        bodies.put("no dsl version", "node_templates: {}\n");
        bodies.put("alias bomb", HostileValues.yamlAliasBomb());
        bodies.put("deep nesting", "a: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n");
        bodies.put("java type tag", "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        bodies.put("nul character", valid + "description: \"a\u0000b\"\n");
        bodies.put("script path escapes", HEADER + "node_templates:\n  n:\n    type: cloudify.nodes.Root\n"
                + "    interfaces:\n      cloudify.interfaces.lifecycle:\n        create: ../../../../bin/sh\n");
        bodies.put("absolute script path", HEADER + "node_templates:\n  n:\n    type: cloudify.nodes.Root\n"
                + "    interfaces:\n      cloudify.interfaces.lifecycle:\n        create: /bin/sh\n");
        bodies.put("remote import", "tosca_definitions_version: cloudify_dsl_1_4\n"
                + "imports: [http://127.0.0.1:1/evil.yaml]\n");
        bodies.put("file import", "tosca_definitions_version: cloudify_dsl_1_4\nimports: [file:///etc/passwd]\n");
        bodies.put("import traversal", "tosca_definitions_version: cloudify_dsl_1_4\n"
                + "imports: [../../../../etc/passwd]\n");
        bodies.put("huge key", "tosca_definitions_version: cloudify_dsl_1_4\n" + "k".repeat(200_000) + ": 1\n");
        bodies.forEach((name, yaml) -> table.add(name, "PUT", list + "/" + table.fresh("bp"), "application/yaml",
                yaml, INVALID_BLUEPRINT));
        byte[] withBadUtf8 = HostileValues.withBadUtf8((valid + "description: " + HostileValues.BAD_UTF8_MARK + "\n")
                .getBytes(StandardCharsets.UTF_8));
        table.add("bad utf-8", "PUT", list + "/" + table.fresh("bp"), "application/yaml", withBadUtf8,
                INVALID_BLUEPRINT);
    }

    static void archives(CaseTable table, String list, String valid) {
        archivesOf(valid).forEach((name, archive) -> table.add("archive " + name, "PUT",
                list + "/" + table.fresh("bp"), Multipart.CONTENT_TYPE, Multipart.blueprintUpload(PARAMS, archive),
                INVALID_BLUEPRINT));
        multipartParams(table, list, valid);
    }

    /** Built once per blueprint: the bombs take a moment to compress. */
    private static synchronized Map<String, byte[]> archivesOf(String valid) {
        return ARCHIVES.computeIfAbsent(valid, BlueprintCases::hostileArchives);
    }

    private static final Map<String, Map<String, byte[]>> ARCHIVES = new java.util.HashMap<>();

    private static Map<String, byte[]> hostileArchives(String valid) {
        Map<String, byte[]> archives = new LinkedHashMap<>();
        archives.put("tar entry with dot dot", Archives.create().file("bp/blueprint.yaml", valid)
                .file("bp/../../evil.sh", "x").tarGz());
        archives.put("tar entry absolute", Archives.create().file("bp/blueprint.yaml", valid)
                .file("/etc/evil", "x").tarGz());
        archives.put("tar symlink out", Archives.create().file("bp/blueprint.yaml", valid)
                .symlink("bp/scripts", "/etc").tarGz());
        archives.put("tar gzip bomb", Archives.create().file("bp/blueprint.yaml", valid)
                .file("bp/zeros", new byte[60 * 1024 * 1024]).tarGz());
        archives.put("tar too many entries", manyEntries(valid));
        archives.put("gzip of garbage", gzip("this is not a tar archive".repeat(100).getBytes(StandardCharsets.UTF_8)));
        archives.put("truncated gzip", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        archives.put("zip entry with dot dot", zip("bp/blueprint.yaml", valid.getBytes(StandardCharsets.UTF_8),
                "../../evil.sh", new byte[] {'x'}));
        archives.put("zip bomb", zip("bp/blueprint.yaml", valid.getBytes(StandardCharsets.UTF_8),
                "bp/zeros", new byte[60 * 1024 * 1024]));
        archives.put("main file not valid utf-8", Archives.create().file("bp/blueprint.yaml",
                HostileValues.withBadUtf8((valid + "description: " + HostileValues.BAD_UTF8_MARK + "\n")
                        .getBytes(StandardCharsets.UTF_8))).tarGz());
        return archives;
    }

    private static void multipartParams(CaseTable table, String list, String valid) {
        byte[] good = Archives.create().file("bp/blueprint.yaml", valid).tarGz();
        Map<String, Expected> params = new LinkedHashMap<>();
        params.put("not json", BAD.mentioning("params"));
        params.put("[1]", BAD.mentioning("params"));
        params.put("{\"visibility\": 7}", BAD.mentioning("visibility"));
        params.put("{\"visibility\": \"everyone\"}", BAD.mentioning("visibility"));
        params.put("{\"application_file_name\": [\"x\"]}", BAD.mentioning("application_file_name"));
        params.put("{\"blueprint_archive_url\": \"http://127.0.0.1:1/evil.tar.gz\"}",
                BAD.mentioning("blueprint_archive_url"));
        params.put("{\"blueprint_archive_url\": \"file:///etc/passwd\"}", BAD.mentioning("blueprint_archive_url"));
        params.put("{\"application_file_name\": \"../../../etc/passwd\"}", INVALID_BLUEPRINT);
        params.forEach((json, expected) -> table.add("multipart params " + json, "PUT",
                list + "/" + table.fresh("bp"), Multipart.CONTENT_TYPE, Multipart.blueprintUpload(json, good),
                expected));
        table.add("multipart without an archive", "PUT", list + "/" + table.fresh("bp"), Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(PARAMS, new byte[0]), BAD.mentioning("blueprint_archive"));
    }

    private static byte[] manyEntries(String valid) {
        Archives archive = Archives.create().file("bp/blueprint.yaml", valid);
        for (int i = 0; i < 10_001; i++) {
            archive.file("bp/f" + i, new byte[0]);
        }
        return archive.tarGz();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String name, byte[] content, String otherName, byte[] other) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(otherName));
            zip.write(other);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
