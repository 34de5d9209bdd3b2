package io.steward.engine.storage;

import io.steward.tenancy.store.FieldLength;

import java.util.List;

/**
 * The longest value each caller input of the engine's tables may have: their column sizes, in one place. Names from
 * a blueprint (nodes, types, workflows, operations) are bounded here too, because they are copied into node, execution
 * and event rows later, where an overflow would fail a running workflow instead of the upload.
 */
public final class EngineLengths {
    // Ids are also references (a deployment's blueprint_id, an execution's deployment_id): a reference longer than
    // its column is refused naming the field before it is looked up, as an id being created would be.
    public static final FieldLength BLUEPRINT_ID = new FieldLength("blueprint_id", "blueprints", "id", 256);
    public static final FieldLength APPLICATION_FILE_NAME = new FieldLength("application_file_name", "blueprints",
            "main_file_name", 1024);
    public static final FieldLength DEPLOYMENT_ID = new FieldLength("deployment_id", "deployments", "id", 256);
    /** A workflow an execution is started with: a name from the blueprint, stored in executions.workflow_id. */
    public static final FieldLength WORKFLOW_REF = new FieldLength("workflow_id", "executions", "workflow_id", 256);
    /** The execution events are posted to. */
    public static final FieldLength EXECUTION_REF = new FieldLength("execution_id", "executions", "id", 64);
    public static final FieldLength DISPLAY_NAME = new FieldLength("display_name", "deployments", "display_name", 1024);
    public static final FieldLength NODE_NAME = new FieldLength("node template name", "nodes", "id", 256);
    public static final FieldLength NODE_TYPE = new FieldLength("node type", "nodes", "type", 1024);
    public static final FieldLength WORKFLOW_NAME = new FieldLength("workflow name", "executions", "workflow_id", 256);
    public static final FieldLength OPERATION_NAME = new FieldLength("operation name", "events", "operation", 512);
    public static final FieldLength EVENT_TYPE = new FieldLength("event_type", "events", "event_type", 64);
    public static final FieldLength LOG_LEVEL = new FieldLength("level", "events", "level", 16);
    public static final FieldLength LOGGER = new FieldLength("logger", "events", "logger", 256);
    public static final FieldLength EVENT_NODE_NAME = new FieldLength("context.node_name", "events", "node_id", 256);
    public static final FieldLength EVENT_NODE_ID = new FieldLength("context.node_id", "events", "node_instance_id",
            300);
    public static final FieldLength EVENT_OPERATION = new FieldLength("context.operation", "events", "operation", 512);
    public static final FieldLength EVENT_SOURCE_ID = new FieldLength("context.source_id", "events", "source_id", 300);
    public static final FieldLength EVENT_TARGET_ID = new FieldLength("context.target_id", "events", "target_id", 300);
    /** A node instance's state as a caller sets it ({@code PATCH /node-instances/{id}}: any text, as in Cloudify). */
    public static final FieldLength INSTANCE_STATE = new FieldLength("state", "node_instances", "state", 32);
    public static final FieldLength DEPLOYMENT_LABEL_KEY = new FieldLength("label key", "deployment_labels",
            "label_key", 256);
    public static final FieldLength DEPLOYMENT_LABEL_VALUE = new FieldLength("label value", "deployment_labels",
            "label_value", 256);
    public static final FieldLength BLUEPRINT_LABEL_KEY = new FieldLength("label key", "blueprint_labels",
            "label_key", 256);
    public static final FieldLength BLUEPRINT_LABEL_VALUE = new FieldLength("label value", "blueprint_labels",
            "label_value", 256);
    public static final FieldLength FILTER_ID = new FieldLength("filter_id", "filters", "id", 256);

    public static final FieldLength SECRET_KEY = new FieldLength("key", "secrets", "id", 256);
    /** An execution schedule's id, unique within its deployment. */
    public static final FieldLength SCHEDULE_ID = new FieldLength("schedule id", "execution_schedules", "id", 256);
    /** The workflow a schedule runs: a name from the deployment's blueprint. */
    public static final FieldLength SCHEDULE_WORKFLOW = new FieldLength("workflow_id", "execution_schedules",
            "workflow_id", 256);
    public static final FieldLength DEPLOYMENT_GROUP_ID = new FieldLength("group_id", "deployment_groups", "id", 256);
    /** A deployment group named by another request (an execution group's start). */
    public static final FieldLength DEPLOYMENT_GROUP_REF = new FieldLength("deployment_group_id", "deployment_groups",
            "id", 256);
    public static final FieldLength GROUP_DEFAULT_BLUEPRINT = new FieldLength("blueprint_id", "deployment_groups",
            "default_blueprint_id", 256);
    public static final FieldLength GROUP_WORKFLOW = new FieldLength("workflow_id", "execution_groups", "workflow_id",
            256);
    public static final FieldLength SITE_NAME = new FieldLength("name", "sites", "id", 256);
    /** The site a deployment names (on create and set-site). */
    public static final FieldLength DEPLOYMENT_SITE = new FieldLength("site_name", "deployments", "site_name", 256);

    /** Every length above, for the test that checks them against the schema. */
    public static final List<FieldLength> ALL = List.of(BLUEPRINT_ID, APPLICATION_FILE_NAME, DEPLOYMENT_ID,
            WORKFLOW_REF, EXECUTION_REF, DISPLAY_NAME, NODE_NAME, NODE_TYPE, WORKFLOW_NAME, OPERATION_NAME, EVENT_TYPE, LOG_LEVEL, LOGGER,
            EVENT_NODE_NAME, EVENT_NODE_ID, EVENT_OPERATION, EVENT_SOURCE_ID, EVENT_TARGET_ID, INSTANCE_STATE,
            DEPLOYMENT_LABEL_KEY, DEPLOYMENT_LABEL_VALUE, BLUEPRINT_LABEL_KEY, BLUEPRINT_LABEL_VALUE, FILTER_ID,
            SECRET_KEY, SCHEDULE_ID,
            SCHEDULE_WORKFLOW, DEPLOYMENT_GROUP_ID, DEPLOYMENT_GROUP_REF, GROUP_DEFAULT_BLUEPRINT, GROUP_WORKFLOW,
            SITE_NAME, DEPLOYMENT_SITE);

    private EngineLengths() {
    }
}
