package io.steward.api.cloudify;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.steward.tenancy.store.ListQuery;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** {@code GET /config}: Cloudify's client reads it before a blueprint upload. */
@Controller
class ConfigController {

    @Get(uris = {V3 + "/config", V31 + "/config"})
    Map<String, Object> config(@Nullable @QueryValue String scope) {
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("default_page_size", ListQuery.DEFAULT_SIZE);
        rest.put("blueprint_folder_max_size_mb", 50);
        rest.put("blueprint_folder_max_files", 10_000);
        return scope == null || scope.equals("rest") ? rest : Map.of();
    }
}
