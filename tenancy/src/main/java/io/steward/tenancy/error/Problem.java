package io.steward.tenancy.error;

/**
 * What went wrong, in domain terms. Each API maps a problem to its own wire format (Cloudify's error codes, OGC's
 * exception types) in exactly one renderer; the domain never knows HTTP status codes.
 */
public enum Problem {
    NOT_FOUND,
    ALREADY_EXISTS,
    CONFLICT,
    IN_USE,
    INVALID_INPUT,
    INVALID_INCLUDE_FIELD,
    INVALID_BLUEPRINT,
    /** A deployment of a blueprint that is not {@code uploaded} (its parse failed). */
    BLUEPRINT_NOT_UPLOADED,
    MISSING_DEPLOYMENT_INPUT,
    UNKNOWN_DEPLOYMENT_INPUT,
    INPUT_CONSTRAINT_VIOLATED,
    INPUT_TYPE_MISMATCH,
    ILLEGAL_WORKFLOW_PARAMETERS,
    NONEXISTENT_WORKFLOW,
    /** An action (cancel, kill, …) that the execution's current status does not allow. */
    ILLEGAL_ACTION,
    /** A status update (Cloudify's PATCH) that Cloudify's rules refuse. */
    ILLEGAL_STATUS_UPDATE,
    /** A deployment already has an active execution and the caller asked neither to force nor to queue. */
    EXECUTION_ALREADY_RUNNING,
    /** Maintenance mode is on: the manager refuses the request until it is deactivated. */
    MAINTENANCE_MODE_ACTIVE,
    /** Maintenance mode was asked for and waits for running executions: no new ones start. */
    ENTERING_MAINTENANCE_MODE,
    UNAUTHENTICATED,
    FORBIDDEN,
    NO_TENANT_BOUND
}
