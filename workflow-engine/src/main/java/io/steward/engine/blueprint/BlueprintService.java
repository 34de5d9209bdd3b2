package io.steward.engine.blueprint;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.SystemExecutions;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
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

import io.steward.engine.label.Label;
import io.steward.engine.label.LabelledKind;

import java.time.Clock;
import java.util.ArrayList;
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
     * Parses {@code archive} and stores it as blueprint {@code id}, recording the {@code upload_blueprint} execution
     * Cloudify's clients wait on. When the DSL is invalid: with {@code keepInvalid} (Cloudify's {@code async_upload})
     * the blueprint is stored in state {@code invalid} with the parse error and a failed execution carrying it, and
     * returned; without, nothing is stored and the parse error is thrown (400 {@code INVALID_BLUEPRINT}, naming the
     * field and line), as a synchronous Cloudify upload answers. Refused with {@code ALREADY_EXISTS} when the id is
     * taken; a previous upload of the id that is {@code invalid} is replaced, as Cloudify replaces failed uploads.
     */
    public Blueprint upload(String id, BlueprintArchive archive, String mainFileName, Visibility visibility,
                            boolean keepInvalid) {
        return upload(id, archive, mainFileName, visibility, keepInvalid, List.of());
    }

    /**
     * As {@link #upload(String, BlueprintArchive, String, Visibility, boolean)}, labelled as Cloudify's upload
     * labels a blueprint: the plan's {@code blueprint_labels}, then {@code requestLabels} not already among them
     * (checked before anything is stored). A blueprint kept {@code invalid} gets none.
     */
    public Blueprint upload(String id, BlueprintArchive archive, String mainFileName, Visibility visibility,
                            boolean keepInvalid, List<Label.Wanted> requestLabels) {
        Caller caller = CallerScope.current();
        String main = checkUpload(caller, id, mainFileName, visibility);
        List<Label.Wanted> requested = labels.checked(LabelledKind.BLUEPRINT, requestLabels);
        Optional<Blueprint> previous = store.find(id);
        boolean replacing = previous.filter(b -> isReplaceable(b, caller)).isPresent();
        if (previous.isPresent() && !replacing) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "blueprint with id `" + id + "` already exists");
        }
        BlueprintPlan plan;
        try {
            plan = parser.parse(archive, main);
            BlueprintNameLengths.check(plan);
        } catch (InvalidInputException e) {
            if (!keepInvalid || e.problem() != Problem.INVALID_BLUEPRINT) {
                throw e;
            }
            String error = "Invalid blueprint - " + e.getMessage();
            tables.inOneTransaction(() -> {
                replace(id, replacing);
                store.insertInvalid(id, visibility, main, archive.toTarGz(), error, clock.instant());
                systemExecutions.recordFailed(SystemExecutions.UPLOAD_BLUEPRINT, null, id, visibility,
                        uploadParameters(id, main, false, requested), error);
                return null;
            });
            return get(id);
        }
        List<Label.Wanted> blueprintLabels = new ArrayList<>();
        plan.blueprintLabels().forEach((key, values) -> values.forEach(v -> blueprintLabels.add(
                new Label.Wanted(key, v))));
        List<Label.Wanted> all = new ArrayList<>(labels.checked(LabelledKind.BLUEPRINT, blueprintLabels));
        requested.stream().filter(l -> !all.contains(l)).forEach(all::add);
        byte[] stored = archive.toTarGz();
        // The row and the upload_blueprint execution Cloudify's clients wait on commit together.
        tables.inOneTransaction(() -> {
            replace(id, replacing);
            store.insert(id, visibility, main, plan.description(), plan.toMap(), stored, clock.instant());
            labels.replace(LabelledKind.BLUEPRINT, id, all, visibility.wire());
            systemExecutions.recordSucceeded(SystemExecutions.UPLOAD_BLUEPRINT, null, id, visibility,
                    uploadParameters(id, main, false, requested));
            return null;
        });
        return get(id);
    }

    /**
     * Cloudify's validate: parses {@code archive} as an upload would and records the {@code upload_blueprint}
     * execution ({@code validate_only}) whose status is the verdict, without storing the blueprint. Returns what
     * Cloudify answers, a blueprint in state {@code validating} (with the parse error when there is one).
     */
    public Validation validate(String id, BlueprintArchive archive, String mainFileName, Visibility visibility) {
        Caller caller = CallerScope.current();
        String main = checkUpload(caller, id, mainFileName, visibility);
        if (store.find(id).filter(b -> !isReplaceable(b, caller)).isPresent()) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "blueprint with id `" + id + "` already exists");
        }
        String error = null;
        String description = null;
        try {
            BlueprintPlan plan = parser.parse(archive, main);
            BlueprintNameLengths.check(plan);
            description = plan.description();
        } catch (InvalidInputException e) {
            if (e.problem() != Problem.INVALID_BLUEPRINT) {
                throw e;
            }
            error = "Invalid blueprint - " + e.getMessage();
        }
        Map<String, Object> parameters = uploadParameters(id, main, true, List.of());
        Execution execution = error == null
                ? systemExecutions.recordSucceeded(SystemExecutions.UPLOAD_BLUEPRINT, null, id, visibility, parameters)
                : systemExecutions.recordFailed(SystemExecutions.UPLOAD_BLUEPRINT, null, id, visibility, parameters,
                error);
        Blueprint validated = new Blueprint(id, caller.tenant(), visibility, caller.username(), execution.createdAt(),
                execution.createdAt(), VALIDATING, main, description, null, error, error);
        return new Validation(validated, execution);
    }

    /** A validated, unstored blueprint and the execution whose status is the verdict. */
    public record Validation(Blueprint blueprint, Execution execution) {
    }

    private static final String VALIDATING = "validating";

    private static String checkUpload(Caller caller, String id, String mainFileName, Visibility visibility) {
        caller.require(Permission.BLUEPRINT_UPLOAD);
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Names.require("blueprint_id", id);
        return mainFileName == null || mainFileName.isBlank() ? DEFAULT_MAIN_FILE
                : EngineLengths.APPLICATION_FILE_NAME.require(mainFileName);
    }

    /** The caller's own upload of that id that failed to parse: a new upload replaces it. */
    private static boolean isReplaceable(Blueprint blueprint, Caller caller) {
        return Blueprint.INVALID.equals(blueprint.state()) && blueprint.tenantName().equals(caller.tenant());
    }

    /** Removes the invalid upload being replaced and every upload execution of the id (validations too). */
    private void replace(String id, boolean replacing) {
        if (replacing) {
            store.delete(id);
            labels.deleteAll(LabelledKind.BLUEPRINT, id);
        }
        systemExecutions.deleteOfBlueprint(id);
    }

    /** What Cloudify's upload_blueprint execution is given; Steward fetches no URL and has no file server. */
    private static Map<String, Object> uploadParameters(String id, String main, boolean validateOnly,
                                                        List<Label.Wanted> requestLabels) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("blueprint_id", id);
        parameters.put("app_file_name", main);
        parameters.put("url", null);
        parameters.put("file_server_root", null);
        parameters.put("marketplace_api_url", null);
        parameters.put("validate_only", validateOnly);
        parameters.put("labels", requestLabels.stream().map(l -> Map.of("key", l.key(), "value", l.value())).toList());
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

    /** The stored archive as it is kept (a tar.gz), for download; 404 when the blueprint is hidden or gone. */
    public byte[] archiveBytes(String id) {
        get(id);
        return store.archive(id).orElseThrow(() -> new NotFoundException("Blueprint", id));
    }

    /**
     * Cloudify's set-visibility: only widening ({@code private → tenant → global}); {@code private} is never a
     * target, and {@code global} needs the right to create global resources.
     */
    public Blueprint setVisibility(String id, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.BLUEPRINT_UPLOAD);
        if (visibility == Visibility.PRIVATE) {
            throw new InvalidInputException("Invalid visibility: `private`. Valid visibility's values are: "
                    + "[tenant, global]");
        }
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Blueprint blueprint = ownBlueprint(caller, id);
        if (visibility.ordinal() < blueprint.visibility().ordinal()) {
            throw new ConflictException(Problem.ILLEGAL_ACTION, "Can't set the visibility of blueprint `" + id
                    + "` to " + visibility.wire() + " because it already has wider visibility");
        }
        tables.inOneTransaction(() -> {
            store.updateVisibility(id, visibility, clock.instant());
            labels.setVisibility(LabelledKind.BLUEPRINT, id, visibility.wire());
            return null;
        });
        return get(id);
    }

    /** Blueprint id to its labels, for the given blueprints the caller sees. */
    public Map<String, List<Label>> labelsOf(java.util.Collection<String> blueprintIds) {
        return labels.of(LabelledKind.BLUEPRINT, blueprintIds);
    }

    /**
     * Cloudify's {@code PATCH /blueprints/{id}} with {@code labels}: they become the blueprint's whole label list.
     * Only an {@code uploaded} blueprint takes labels (409 otherwise, as Cloudify answers).
     */
    public Blueprint updateLabels(String id, List<Label.Wanted> wanted) {
        Caller caller = CallerScope.current();
        caller.require(Permission.BLUEPRINT_UPLOAD);
        List<Label.Wanted> checked = labels.checked(LabelledKind.BLUEPRINT, wanted);
        Blueprint blueprint = ownBlueprint(caller, id);
        if (!Blueprint.UPLOADED.equals(blueprint.state())) {
            throw new ConflictException(Problem.CONFLICT, "Blueprint labels can only be updated if the blueprint "
                    + "was uploaded successfully");
        }
        tables.inOneTransaction(() -> {
            labels.replace(LabelledKind.BLUEPRINT, id, checked, blueprint.visibility().wire());
            store.touch(id, clock.instant());
            return null;
        });
        return get(id);
    }

    /** Cloudify's blueprint update, for the field a user may set on an uploaded blueprint: its description. */
    public Blueprint updateDescription(String id, String description) {
        Caller caller = CallerScope.current();
        caller.require(Permission.BLUEPRINT_UPLOAD);
        ownBlueprint(caller, id);
        store.updateDescription(id, description, clock.instant());
        return get(id);
    }

    /** A visible blueprint the caller's tenant owns: another tenant's global one is read-only here. */
    private Blueprint ownBlueprint(Caller caller, String id) {
        Blueprint blueprint = get(id);
        if (!blueprint.tenantName().equals(caller.tenant())) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "Blueprint `" + id + "` belongs to tenant `"
                    + blueprint.tenantName() + "`: it can be changed only there");
        }
        return blueprint;
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
