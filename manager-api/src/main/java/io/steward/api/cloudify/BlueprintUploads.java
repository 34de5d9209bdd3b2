package io.steward.api.cloudify;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.LabelWire;
import io.steward.engine.label.Label;
import io.steward.engine.blueprint.BlueprintArchive;
import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.DocumentTooLargeException;
import io.steward.engine.document.JsonExpansion;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the shapes a blueprint upload arrives in into an archive, a main file name and a visibility. */
@Singleton
class BlueprintUploads {
    private final JsonMapper json;
    private final DocumentLimits limits;

    BlueprintUploads(JsonMapper json, DocumentLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    /**
     * {@code asynchronous} is Cloudify's {@code async_upload}: a parse failure is then kept, not refused.
     * {@code labels} are the ones the request gives (the plan's {@code blueprint_labels} come on top).
     */
    record Upload(BlueprintArchive archive, String mainFileName, Visibility visibility, boolean asynchronous,
                  List<Label.Wanted> labels) {
    }

    /** Cloudify's client: {@code params} is a JSON object, {@code blueprint_archive} a tar.gz. */
    Upload fromForm(String params, byte[] archive) {
        JsonBody fields = JsonBody.of(parseParams(params));
        if (fields.optionalString("blueprint_archive_url") != null) {
            throw new InvalidInputException("blueprint_archive_url is not supported: Steward does not fetch archives"
                    + " over the network. Upload the archive itself");
        }
        if (archive == null || archive.length == 0) {
            throw new InvalidInputException("Missing blueprint_archive in the multipart request");
        }
        String main = unquoted(fields.optionalString("application_file_name"));
        Object labels = fields.fields().get("labels");
        return new Upload(archiveOf(archive, main), main, Visibility.of(fields.optionalString("visibility")),
                fields.bool("async_upload", false), labels == null ? List.of() : LabelWire.parseKeyValues(labels));
    }

    /**
     * A raw body: a tar.gz or zip archive, or the blueprint YAML itself. {@code labels} is the query parameter
     * Cloudify's server reads on such an upload: {@code k1=v1,k2=v2}, with {@code \,} and {@code \=} for a
     * literal comma or equals sign.
     */
    Upload fromBody(byte[] body, String mainFileName, String labels) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("The request body is empty: send the blueprint YAML or an archive");
        }
        return new Upload(archiveOf(body, mainFileName), mainFileName, null, false, queryLabels(labels));
    }

    static List<Label.Wanted> queryLabels(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<Label.Wanted> labels = new ArrayList<>();
        for (String one : splitUnescaped(raw, ',')) {
            List<String> pair = splitUnescaped(one, '=');
            if (pair.size() != 2) {
                throw new InvalidInputException("labels must be key=value pairs separated by commas, got `" + one
                        + "`");
            }
            labels.add(new Label.Wanted(unescaped(pair.get(0)), unescaped(pair.get(1))));
        }
        return labels;
    }

    /** Splits at {@code separator} not preceded by a backslash; the escapes stay for {@link #unescaped}. */
    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '=')) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescaped(String text) {
        return text.replace("\\,", ",").replace("\\=", "=");
    }

    /** The client URL-quotes the file name (Python's {@code quote}, so a {@code +} is literal). */
    private static String unquoted(String name) {
        if (name == null) {
            return null;
        }
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("application_file_name is not a valid URL-quoted name: " + e.getMessage());
        }
    }

    private static BlueprintArchive archiveOf(byte[] bytes, String mainFileName) {
        if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return BlueprintArchive.fromTarGz(bytes);
        }
        if (bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return BlueprintArchive.fromZip(bytes);
        }
        String main = mainFileName == null || mainFileName.isBlank() ? BlueprintService.DEFAULT_MAIN_FILE : mainFileName;
        // The bytes as sent: the blueprint's reader refuses what is not UTF-8 instead of replacing it.
        return BlueprintArchive.fromFiles(Map.of(main, bytes));
    }

    private Map<String, Object> parseParams(String params) {
        if (params == null || params.isBlank()) {
            return Map.of();
        }
        try {
            JsonExpansion.check(params, limits, "The params part");
            return json.readValue(params, Argument.mapOf(String.class, Object.class));
        } catch (DocumentTooLargeException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("The params part must be a JSON object");
        }
    }
}
