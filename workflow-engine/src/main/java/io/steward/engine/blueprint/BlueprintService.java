package io.steward.engine.blueprint;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.SystemExecutions;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.tenant.Names;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Uploading, reading and deleting blueprints. Upload parses and validates the whole DSL before storing anything. */
@Singleton
public class BlueprintService {
    public static final String DEFAULT_MAIN_FILE = "blueprint.yaml";

    private final BlueprintStore store;
    private final BlueprintParser parser;
    private final BlueprintUsage usage;
    private final Clock clock;
    private final TenantTables tables;
    private final SystemExecutions systemExecutions;
    private final Map<String, BlueprintPlan> plans = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, BlueprintPlan> eldest) {
                    return size() > 256;
                }
            });

    private final io.steward.engine.label.Labels labels;

    BlueprintService(BlueprintStore store, BlueprintParser parser, BlueprintUsage usage, Clock clock,
                     TenantTables tables, SystemExecutions systemExecutions, io.steward.engine.label.Labels labels) {
        this.labels = labels;
        this.tables = tables;
        this.systemExecutions = systemExecutions;
        this.store = store;
        this.parser = parser;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Parses {@code archive} and stores it as blueprint {@code id}. Refused with 400 {@code INVALID_BLUEPRINT} (naming
     * the field and line) when the DSL is invalid, and with {@code ALREADY_EXISTS} when the id is taken.
     */
    public Blueprint upload(String id, BlueprintArchive archive, String mainFileName, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.BLUEPRINT_UPLOAD);
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Names.require("blueprint_id", id);
        String main = mainFileName == null || mainFileName.isBlank() ? DEFAULT_MAIN_FILE
                : EngineLengths.APPLICATION_FILE_NAME.require(mainFileName);
        if (store.find(id).isPresent()) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "blueprint with id `" + id + "` already exists");
        }
        BlueprintPlan plan = parser.parse(archive, main);
        BlueprintNameLengths.check(plan);
        byte[] stored = archive.toTarGz();
        // The row and the upload_blueprint execution Cloudify's clients wait on commit together.
        tables.inOneTransaction(() -> {
            store.insert(id, visibility, main, plan.description(), plan.toMap(), stored, clock.instant());
            systemExecutions.recordSucceeded(SystemExecutions.UPLOAD_BLUEPRINT, null, id, visibility,
                    uploadParameters(id, main));
            return null;
        });
        return get(id);
    }

    /** What Cloudify's upload_blueprint execution is given; Steward fetches no URL and has no file server. */
    private static Map<String, Object> uploadParameters(String id, String main) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("blueprint_id", id);
        parameters.put("app_file_name", main);
        parameters.put("url", null);
        parameters.put("file_server_root", null);
        parameters.put("marketplace_api_url", null);
        parameters.put("validate_only", false);
        parameters.put("labels", List.of());
        return parameters;
    }

    /** The upload_blueprint execution that recorded this blueprint's parse, if the caller sees it. */
    public Optional<Execution> uploadExecution(Blueprint blueprint) {
        return systemExecutions.latestOfBlueprint(SystemExecutions.UPLOAD_BLUEPRINT, blueprint.id());
    }

    /** The upload_blueprint executions of these blueprints, by blueprint id: one read for a page of a list. */
    public Map<String, Execution> uploadExecutions(List<String> blueprintIds) {
        return systemExecutions.latestOfBlueprints(SystemExecutions.UPLOAD_BLUEPRINT, blueprintIds);
    }

    public Page<Blueprint> list(ListQuery query) {
        CallerScope.current().require(Permission.BLUEPRINT_LIST);
        return store.list(query);
    }

    /** As {@code DeploymentService.search}: blueprints matching Cloudify filter rules (checked here). */
    public io.steward.engine.label.Searched<Blueprint> search(List<io.steward.tenancy.store.FilterRule> rules,
                                                             ListQuery query) {
        CallerScope.current().require(Permission.BLUEPRINT_LIST);
        var kind = io.steward.engine.label.LabelledKind.BLUEPRINT;
        var checked = io.steward.engine.label.Filters.checked(kind, rules);
        if (checked.isEmpty()) {
            return new io.steward.engine.label.Searched<>(store.list(query), null);
        }
        Page<Blueprint> page = store.list(checked, io.steward.engine.label.Filters.labelTable(kind), query);
        long all = store.list(new ListQuery(query.filters(), query.searches(), List.of(), 0, 0, false)).total();
        return new io.steward.engine.label.Searched<>(page, all - page.total());
    }

    public Blueprint get(String id) {
        CallerScope.current().require(Permission.BLUEPRINT_LIST);
        return store.find(id).orElseThrow(() -> new NotFoundException("Blueprint", id));
    }

    /**
     * The parsed plan of a stored blueprint, for deployments and executions. Plans are kept by tenant, id and upload
     * time: a blueprint never changes once uploaded, and one deleted and uploaded again has a new upload time.
     */
    public BlueprintPlan plan(Blueprint blueprint) {
        String key = blueprint.tenantName() + "/" + blueprint.id() + "/" + blueprint.createdAt().toEpochMilli();
        BlueprintPlan cached = plans.get(key);
        if (cached == null) {
            cached = parser.parse(archive(blueprint.id()), blueprint.mainFileName());
            plans.put(key, cached);
        }
        return cached;
    }

    /** A blueprint's record without parsing its stored plan (the engine takes the parsed, cached one instead). */
    public Blueprint withoutPlan(String id) {
        CallerScope.current().require(Permission.BLUEPRINT_LIST);
        return store.findWithoutPlan(id).orElseThrow(() -> new NotFoundException("Blueprint", id));
    }

    /** The stored archive (scripts and all), for operations that run files from it. */
    public BlueprintArchive archive(String id) {
        return BlueprintArchive.fromTarGz(store.archive(id).orElseThrow(() -> new NotFoundException("Blueprint", id)));
    }

    /** Deletes a blueprint that no deployment uses. */
    public void delete(String id) {
        CallerScope.current().require(Permission.BLUEPRINT_DELETE);
        get(id);
        List<String> deployments = usage.deploymentsOf(id);
        if (!deployments.isEmpty()) {
            throw new ConflictException(Problem.IN_USE, "Can't delete blueprint `" + id
                    + "` - There exist deployments for this blueprint; Deployments ids: " + String.join(",", deployments));
        }
        tables.inOneTransaction(() -> {
            store.delete(id);
            labels.deleteAll(io.steward.engine.label.LabelledKind.BLUEPRINT, id);
            systemExecutions.deleteOfBlueprint(id);
            return null;
        });
    }
}
