package io.steward.engine.blueprint;

import io.steward.engine.document.DocumentLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Follows {@code imports} without any network access. Accepted forms:
 * <ul>
 *   <li>Cloudify's types: {@code cloudify/types/types.yaml}, or an http(s) URL on getcloudify.org or cloudify.co whose
 *       path ends in {@code /types.yaml}. They resolve to Steward's built-in types, which every blueprint has anyway.
 *   <li>The script plugin ({@code plugin:cloudify-script-plugin}, or its {@code plugin.yaml} URL on those hosts). It
 *       is accepted because Steward runs {@code script.script_runner.tasks.run} itself; other plugins are refused,
 *       since their node types and tasks would only fail later with a vaguer message.
 *   <li>A relative path to a YAML file inside the archive, resolved against the importing file's directory. Each file
 *       is loaded once, so import cycles are harmless.
 * </ul>
 */
final class ImportResolver {
    private static final String TYPES_SHORTCUT = "cloudify/types/types.yaml";
    private static final String SCRIPT_PLUGIN = "cloudify-script-plugin";

    private final BlueprintArchive archive;
    private final DocumentLimits limits;

    private ImportResolver(BlueprintArchive archive, DocumentLimits limits) {
        this.archive = archive;
        this.limits = limits;
    }

    static BlueprintSources resolve(BlueprintArchive archive, String mainPath, YamlValue mainRoot,
                                    DocumentLimits limits) {
        return new ImportResolver(archive, limits).loadAll(mainPath, mainRoot);
    }

    private BlueprintSources loadAll(String mainPath, YamlValue mainRoot) {
        BlueprintSources sources = new BlueprintSources(mainRoot);
        Set<String> loaded = new HashSet<>(Set.of(mainPath));
        Deque<Pending> queue = new ArrayDeque<>();
        queue.add(new Pending(mainPath, mainRoot));
        while (!queue.isEmpty()) {
            Pending file = queue.removeFirst();
            sources.add(file.root());
            file.root().child("imports").ifPresent(imports -> {
                for (YamlValue item : imports.items()) {
                    String importedPath = importedFile(file.path(), item);
                    if (importedPath != null && loaded.add(importedPath)) {
                        queue.addLast(new Pending(importedPath, load(importedPath)));
                    }
                }
            });
        }
        return sources;
    }

    /** The archive path the import names, or null for an import that resolves to something built in. */
    private String importedFile(String fromPath, YamlValue item) {
        String text = item.string().trim();
        if (text.equals(TYPES_SHORTCUT)) {
            return null;
        }
        if (text.startsWith("plugin:")) {
            return checkPlugin(item, text.substring("plugin:".length()));
        }
        if (text.contains("://")) {
            return checkUrl(item, text);
        }
        String path = ArchivePath.resolveRelative(fromPath, text)
                .orElseThrow(() -> item.error("import '" + text + "' points outside the blueprint archive"));
        if (!archive.contains(path)) {
            throw item.error("imported file '" + path + "' is not in the blueprint archive");
        }
        return path;
    }

    private static String checkPlugin(YamlValue item, String plugin) {
        String name = plugin.split("[?\\s]", 2)[0];
        if (name.equals(SCRIPT_PLUGIN)) {
            return null;
        }
        throw item.error("plugin '" + name + "' is not available: Steward has no plugins; operations run as scripts"
                + " from the archive or as steward.* built-ins (only " + SCRIPT_PLUGIN + " is built in)");
    }

    private static String checkUrl(YamlValue item, String url) {
        try {
            URI uri = new URI(url);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
            String path = String.valueOf(uri.getPath());
            boolean cloudifyHost = host.equals("getcloudify.org") || host.endsWith(".getcloudify.org")
                    || host.equals("cloudify.co") || host.endsWith(".cloudify.co");
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (web && cloudifyHost && (path.endsWith("/types.yaml") || isScriptPluginPath(path))) {
                return null;
            }
        } catch (URISyntaxException e) {
            // Falls through to the same refusal: an unparseable URL is not one we resolve.
        }
        throw item.error("cannot fetch '" + url
                + "': Steward resolves only Cloudify's types.yaml and files inside the archive");
    }

    private static boolean isScriptPluginPath(String path) {
        return path.contains("/script-plugin/") && path.endsWith("/plugin.yaml");
    }

    private YamlValue load(String path) {
        return YamlLoader.load(BlueprintArchive.text(path, archive.files().get(path)), path, path, limits);
    }

    private record Pending(String path, YamlValue root) {
    }
}
