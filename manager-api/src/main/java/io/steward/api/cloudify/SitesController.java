package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.SiteWire;
import io.steward.engine.site.Sites;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Visibility;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V31;

/** Sites ({@code cfy sites create|update|list|get|delete}): {@code /api/v3.1/sites}, as in Cloudify. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SitesController {
    private static final Set<String> KEYS = Set.of("location", "visibility", "new_name");

    private final Sites sites;

    SitesController(Sites sites) {
        this.sites = sites;
    }

    @Put(V31 + "/sites/{name}")
    Map<String, Object> create(String name, @Nullable @Body Map<String, Object> body) {
        JsonBody json = checked(body, Set.of("location", "visibility"));
        String visibility = json.optionalString("visibility");
        return SiteWire.site(sites.create(name, json.optionalString("location"), Visibility.of(visibility)));
    }

    @Post(V31 + "/sites/{name}")
    Map<String, Object> update(String name, @Nullable @Body Map<String, Object> body) {
        JsonBody json = checked(body, KEYS);
        String visibility = json.optionalString("visibility");
        return SiteWire.site(sites.update(name, json.optionalString("location"),
                visibility == null ? null : Visibility.of(visibility), json.optionalString("new_name")));
    }

    @Get(V31 + "/sites")
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), SiteWire.FIELDS, Searches.on("name"));
        return ListEnvelope.of(sites.list(params.query()), params, SiteWire::site);
    }

    @Get(V31 + "/sites/{name}")
    Map<String, Object> get(String name, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), SiteWire.FIELDS).apply(SiteWire.site(sites.get(name)));
    }

    @Delete(V31 + "/sites/{name}")
    HttpResponse<?> delete(String name) {
        sites.delete(name);
        return HttpResponse.noContent();
    }

    /**
     * The body's keys must be among {@code allowed}. {@code created_by}/{@code created_at} (the client's snapshot
     * restore) are refused rather than dropped: Steward does not take a creator or a time from the caller here.
     */
    private static JsonBody checked(Map<String, Object> body, Set<String> allowed) {
        JsonBody json = JsonBody.of(body);
        List<String> unknown = json.fields().keySet().stream().filter(k -> !allowed.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("A site takes " + allowed.stream().sorted().toList() + ", not " + unknown);
        }
        return json;
    }
}
