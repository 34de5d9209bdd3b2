package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.BlueprintWire;
import io.steward.api.cloudify.wire.DeploymentWire;
import io.steward.api.cloudify.wire.FilterWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.label.Filters;
import io.steward.engine.label.LabelledKind;
import io.steward.engine.label.Searched;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.store.FilterRule;
import io.steward.tenancy.store.ListQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * {@code POST /searches/deployments} and {@code /searches/blueprints}: the client's {@code list(filter_rules=…)}.
 * The list parameters apply as on the plain list, but plain field filters do not (as in Cloudify); the body's rules
 * and those of {@code _filter_id} are AND-ed. {@code metadata.filtered} counts the rows the rules left out.
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SearchesController {
    private final DeploymentService deployments;
    private final BlueprintService blueprints;
    private final Filters filters;

    SearchesController(DeploymentService deployments, BlueprintService blueprints, Filters filters) {
        this.deployments = deployments;
        this.blueprints = blueprints;
        this.filters = filters;
    }

    @Operation(operationId = "searchDeployments")
    @Post(uris = {V3 + "/searches/deployments", V31 + "/searches/deployments"})
    Map<String, Object> deployments(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS,
                Set.of("_filter_id"), Searches.on("id").orName("display_name"));
        List<FilterRule> rules = rules(LabelledKind.DEPLOYMENT, request, body);
        Searched<Deployment> found = deployments.search(rules, withoutFilters(params.query()));
        var rendered = DeploymentsController.renderedPage(deployments, found.page().items());
        return filtered(ListEnvelope.of(found.page(), params, d -> rendered.get(d.id())), found);
    }

    @Operation(operationId = "searchBlueprints")
    @Post(uris = {V3 + "/searches/blueprints", V31 + "/searches/blueprints"})
    Map<String, Object> blueprints(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        ListParams params = ListParams.parse(request.getParameters(), BlueprintWire.FIELDS, Set.of("_filter_id"),
                Searches.on("id"));
        List<FilterRule> rules = rules(LabelledKind.BLUEPRINT, request, body);
        var found = blueprints.search(rules, withoutFilters(params.query()));
        return filtered(BlueprintsController.envelope(blueprints, found.page(), params), found);
    }

    /** The client's {@code node_instances.search(ids)}: {@code {"filter_rules": [{"key": "id", …}]}}. */
    @Operation(operationId = "searchNodeInstances")
    @Post(uris = {V3 + "/searches/node-instances", V31 + "/searches/node-instances"})
    Map<String, Object> nodeInstances(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.INSTANCE_FIELDS);
        JsonBody json = JsonBody.of(body);
        if (json.fields().containsKey("constraints")) {
            throw new InvalidInputException("Searches by DSL constraints are not supported by Steward");
        }
        List<FilterRule> rules = FilterWire.parse(json.fields().get("filter_rules"));
        var found = deployments.searchInstances(rules == null ? List.of() : rules, withoutFilters(params.query()));
        return filtered(ListEnvelope.of(found.page(), params, DeploymentWire::instance), found);
    }

    /** The GET list's {@code _filter_id}: the saved filter's rules, or none without one. */
    static List<FilterRule> savedRules(Filters filters, LabelledKind kind, HttpRequest<?> request) {
        String filterId = request.getParameters().get("_filter_id");
        return filterId == null ? List.of() : filters.get(kind, filterId).rules();
    }

    private List<FilterRule> rules(LabelledKind kind, HttpRequest<?> request, Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        if (json.fields().containsKey("constraints")) {
            throw new InvalidInputException("Searches by DSL constraints are not supported by Steward");
        }
        List<FilterRule> rules = new ArrayList<>(savedRules(filters, kind, request));
        List<FilterRule> sent = FilterWire.parse(json.fields().get("filter_rules"));
        if (sent != null) {
            rules.addAll(sent);
        }
        return rules;
    }

    private static ListQuery withoutFilters(ListQuery query) {
        return new ListQuery(Map.of(), query.searches(), query.sort(), query.size(), query.offset(),
                query.allResults());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> filtered(Map<String, Object> envelope, Searched<?> found) {
        ((Map<String, Object>) envelope.get("metadata")).put("filtered", found.filtered());
        return envelope;
    }
}
