package io.steward.ogc.process;

import io.steward.engine.blueprint.BlueprintArchive;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.FieldLength;
import io.steward.tenancy.store.StorageException;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine side of OGC jobs. Each tenant gets, on its first job, a generated blueprint {@code ogcapi-process}: one
 * node {@code process} whose interface {@code ogcapi} maps one operation per kind of execution unit to a built-in
 * operation, and a workflow {@code ogcapi_execute} that is Cloudify's execute_operation. Each process gets a
 * deployment {@code ogcapi-<processId>} of it; a job is an execution of {@code ogcapi_execute} there.
 */
@Singleton
class ProcessBlueprint {
    static final String BLUEPRINT_ID = "ogcapi-process";
    static final String WORKFLOW = "ogcapi_execute";
    static final String INTERFACE = "ogcapi";
    static final String DEPLOYMENT_PREFIX = "ogcapi-";
    /** A process's jobs run on deployment {@code ogcapi-<process id>}, so the id is bounded by the deployment id's. */
    static final FieldLength PROCESS_ID = new FieldLength("process id", "deployments", "id",
            EngineLengths.DEPLOYMENT_ID.max() - DEPLOYMENT_PREFIX.length());

    /**
     * Operation name → built-in implementation and its placeholder inputs (the blueprint parser wants a command
     * and an image; every job overrides them with its unit's through operation_kwargs); one per kind of unit.
     */
    static final Map<String, String> OPERATIONS = Map.of(
            "echo", "steward.echo",
            "digest", "steward.digest",
            "command", "steward.command\n            inputs: {command: 'false'}",
            "docker", "steward.docker\n            inputs: {image: 'unset'}");

    private final BlueprintService blueprints;
    private final DeploymentService deployments;

    ProcessBlueprint(BlueprintService blueprints, DeploymentService deployments) {
        this.blueprints = blueprints;
        this.deployments = deployments;
    }

    static String deploymentOf(String processId) {
        return DEPLOYMENT_PREFIX + processId;
    }

    /**
     * The deployment that runs jobs of {@code processId} in the caller's tenant, made (with the blueprint) when
     * missing. Two first jobs at once may both try; the loser finds the winner's records and uses them.
     */
    String ensureDeployment(String processId) {
        String id = deploymentOf(processId);
        if (exists(() -> deployments.ref(id))) {
            return id;
        }
        asTenantManager(() -> {
            if (!exists(() -> blueprints.withoutPlan(BLUEPRINT_ID))) {
                createOrFindExisting(() -> blueprints.upload(BLUEPRINT_ID,
                        BlueprintArchive.fromYaml("blueprint.yaml", yaml()), "blueprint.yaml", Visibility.TENANT, false),
                        () -> blueprints.withoutPlan(BLUEPRINT_ID));
            }
            createOrFindExisting(() -> deployments.create(id, BLUEPRINT_ID, Map.of(), Visibility.TENANT,
                    "OGC process " + processId), () -> deployments.ref(id));
            return null;
        });
        return id;
    }

    /**
     * Setting up the blueprint and deployment is Steward's housekeeping, not the caller's act: it runs with the
     * manager role in the caller's tenant (the caller's own right to start executions was checked before).
     */
    private static <T> T asTenantManager(Supplier<T> work) {
        Caller caller = CallerScope.current();
        try (var bound = CallerScope.bind(new Caller(caller.username(), caller.systemRole(), caller.tenant(),
                TenantRole.MANAGER))) {
            return work.get();
        }
    }

    private static boolean exists(Supplier<?> lookup) {
        try {
            lookup.get();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void createOrFindExisting(Supplier<?> create, Supplier<?> find) {
        try {
            create.get();
        } catch (ConflictException | StorageException e) {
            // Another request created it between our check and our insert; if it is there now, all is well.
            if (!exists(find)) {
                throw e;
            }
        }
    }

    static String yaml() {
        StringBuilder operations = new StringBuilder();
        OPERATIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(op -> operations
                .append("          ").append(op.getKey()).append(":\n")
                .append("            implementation: ").append(op.getValue()).append("\n"));
        return """
                tosca_definitions_version: cloudify_dsl_1_4
                description: Generated by Steward to run OGC API - Processes jobs. Do not edit.
                imports:
                  - cloudify/types/types.yaml
                node_templates:
                  process:
                    type: cloudify.nodes.Root
                    interfaces:
                      %s:
                %s
                workflows:
                  %s:
                    mapping: default_workflows.cloudify.plugins.workflows.execute_operation
                    parameters:
                      operation: {type: string}
                      operation_kwargs: {type: dict, default: {}}
                """.formatted(INTERFACE, operations.toString().stripTrailing(), WORKFLOW);
    }
}
