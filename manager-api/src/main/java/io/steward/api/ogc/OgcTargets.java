package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Request targets rewritten before routing. APEx's reference dispatcher joins a platform's process URL and the
 * tutorial's {@code application="/processes/{id}"} into {@code …/processes//processes/{id}[/execution]}; that
 * doubled prefix is read as {@code …/processes/{id}[/execution]}. (Micronaut collapses {@code //} in route
 * templates, so no route can match it.)
 */
@Singleton
public class OgcTargets {
    private final String doubled;
    private final String single;

    OgcTargets(@Value("${steward.ogcapi.path:/ogcapi}") String path) {
        String root = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.doubled = root + "/processes//processes/";
        this.single = root + "/processes/";
    }

    /** {@code target} (a request target: path and query) with the doubled process prefix undone. */
    public String undoubled(String target) {
        return target.startsWith(doubled) ? single + target.substring(doubled.length()) : target;
    }
}
