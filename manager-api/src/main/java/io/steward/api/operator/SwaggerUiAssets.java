package io.steward.api.operator;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of Swagger UI that {@code /api/docs/} serves: a fixed list (nothing else of the classpath can be named),
 * read from the {@code org.webjars:swagger-ui} jar, whose version comes from its own {@code pom.properties}, except
 * the initializer, which is Steward's (it points the UI at {@code ../openapi.json}).
 */
@Singleton
class SwaggerUiAssets {
    static final String PAGE = "index.html";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN_INITIALIZER = "io/steward/api/operator/swagger-initializer.js";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of(
            PAGE, "text/html; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", JS,
            "swagger-ui-standalone-preset.js", JS,
            "swagger-initializer.js", JS,
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    private final String folder;
    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    SwaggerUiAssets() {
        this.folder = WEBJAR + webjarVersion() + "/";
    }

    Optional<Asset> find(String file) {
        String type = TYPES.get(file);
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(file, name -> new Asset(read(
                name.equals("swagger-initializer.js") ? OWN_INITIALIZER : folder + name), type)));
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = SwaggerUiAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the classpath: Swagger UI comes from the "
                    + "org.webjars:swagger-ui dependency of manager-api");
        }
        return in;
    }

    record Asset(byte[] bytes, String contentType) {
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
