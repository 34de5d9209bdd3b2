package io.steward.engine.blueprint;

import io.steward.engine.document.DocumentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Steward's equivalent of Cloudify's {@code types.yaml} (the {@code cloudify-types.yaml} resource next to this
 * class): base node types, relationship types and the default workflows. It is read once, by the same parser as
 * blueprints, so it can only use what blueprints can.
 */
final class BuiltinTypes {
    private static final String RESOURCE = "cloudify-types.yaml";
    private static final BlueprintSources SOURCES = load();

    private BuiltinTypes() {
    }

    static BlueprintSources sources() {
        return SOURCES;
    }

    private static BlueprintSources load() {
        try (InputStream in = BuiltinTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            YamlValue root = YamlLoader.load(text, "Steward's built-in " + RESOURCE, RESOURCE,
                    DocumentLimits.DEFAULT);
            BlueprintSources sources = new BlueprintSources(root);
            sources.add(root);
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
