package io.steward.tenancy.scope;

import java.util.List;

/**
 * Every method that reads (or deletes) rows of tenant-owned tables without the bound caller's tenant predicate, and
 * every class allowed to call it, with the reason. This list is the one place they are named: tests fail when a
 * method of {@link TenantTables} works with no caller bound and is not listed here, when any class declares a
 * method named {@code ...AcrossTenants} that is not listed, when a class not listed calls one, and when the README's
 * "Tenancy in one place" leaves a caller out. Each caller binds a row's tenant before it touches the row again.
 *
 * <p>Classes are named by their simple names: the callers live in modules this one cannot see.
 */
public final class CrossTenantReads {

    /** {@code caller} may call {@code declaredIn.method}, because {@code why}. */
    public record Use(String declaredIn, String method, String caller, String why) {
    }

    public static final List<Use> USES = List.of(
            // Deleting a tenant (sys_admin only): what it still owns keeps it; its leftover history goes with it.
            new Use("TenantTables", "countAcrossTenants", "DeploymentReferences",
                    "a tenant that still owns deployments or blueprints is not deleted"),
            new Use("TenantTables", "countAcrossTenants", "ProcessResources",
                    "a tenant that still owns deployed OGC processes is not deleted"),
            new Use("TenantTables", "deleteAcrossTenants", "ProcessResources",
                    "a deleted tenant's OGC jobs go with it"),
            new Use("TenantTables", "deleteAcrossTenants", "ExecutionHistory",
                    "a deleted tenant's ended executions and their history go with it"),
            new Use("TenantTables", "countWhereAcrossTenants", "ExecutionHistory",
                    "a tenant with unfinished executions is not deleted"),
            new Use("TenantTables", "findAcrossTenants", "ExecutionHistory",
                    "the refusal to delete a tenant names its unfinished executions"),

            // The engine's background duties: work is claimed, queued and recovered whichever tenant owns it.
            new Use("TenantTables", "findAcrossTenants", "ExecutionStore",
                    "the runner finds executions to claim, take over or end (ExecutionStore.findAcrossTenants)"),
            new Use("TenantTables", "countWhereAcrossTenants", "ExecutionStore",
                    "claims count what every server runs against the global cap (runningAcrossTenants)"),
            new Use("TenantTables", "findAcrossTenants", "ExecutionQueue",
                    "the queue starts queued and due scheduled executions of every tenant, oldest first"),
            new Use("TenantTables", "countWhereAcrossTenants", "ExecutionQueue",
                    "the queue starts nothing past the global cap on active executions"),
            new Use("TenantTables", "countWhereAcrossTenants", "StartExecution",
                    "a start queues when the global cap on active executions is reached"),
            new Use("TenantTables", "countPerTenantAcrossTenants", "ExecutionQueue",
                    "the queue starts nothing past a tenant's cap on active executions, and reads past full tenants"),
            new Use("TenantTables", "countPerTenantAcrossTenants", "ExecutionStore",
                    "claims keep each tenant within its cap (runningPerTenantAcrossTenants)"),
            new Use("ExecutionStore", "runningPerTenantAcrossTenants", "ClaimExecutions",
                    "the runner claims nothing past a tenant's cap"),
            new Use("TenantTables", "countWhereAcrossTenants", "ExecutionAdmission",
                    "a waiting execution shows the global cap it waits for and its place in the one queue (counts)"),
            new Use("TenantTables", "findJoinedAcrossTenants", "JobStore",
                    "the OGC callback sender finds due callbacks, whichever tenant's (dueCallbacksAcrossTenants)"),
            new Use("ExecutionStore", "findAcrossTenants", "ClaimExecutions",
                    "the runner claims pending executions"),
            new Use("ExecutionStore", "runningAcrossTenants", "ClaimExecutions",
                    "the runner claims nothing past the global cap"),
            new Use("ExecutionStore", "findAcrossTenants", "ExecutionLifecycle",
                    "the runner takes over executions whose runner stopped, and ends orphaned cancels"),
            new Use("ExecutionStore", "findAcrossTenants", "MaintenanceMode",
                    "maintenance mode turns on once no execution of any tenant is left unfinished"),
            new Use("JobStore", "dueCallbacksAcrossTenants", "JobCallbacks",
                    "the OGC callback sender sends due callbacks"),
            new Use("TenantTables", "findAcrossTenants", "ScheduleStore",
                    "the schedule loop finds due execution schedules of every tenant (dueAcrossTenants)"),
            new Use("TenantTables", "findJoinedAcrossTenants", "ScheduleStore",
                    "the schedule loop finds stop_on_fail schedules whose execution failed (failedAcrossTenants)"),
            new Use("ScheduleStore", "dueAcrossTenants", "ScheduleFiring",
                    "the schedule loop fires due occurrences, whichever tenant's"),
            new Use("ScheduleStore", "failedAcrossTenants", "ScheduleFiring",
                    "the schedule loop disables stop_on_fail schedules whose execution failed"),

            // Metrics for the platform's operator: counts only, no row leaves.
            new Use("TenantTables", "groupCountsAcrossTenants", "ExecutionStore",
                    "the metrics count executions by tenant and status (countsByTenantAndStatusAcrossTenants)"),
            new Use("ExecutionStore", "countsByTenantAndStatusAcrossTenants", "ExecutionGauges",
                    "Prometheus' steward_executions and steward_queue_depth series, counts per tenant and status"),

            // The APEx dispatch poller.
            new Use("TenantTables", "findJoinedAcrossTenants", "UnitJobStore",
                    "the APEx poller finds unit jobs due for a poll (duePollsAcrossTenants,"
                            + " duePollsOfPlatformAcrossTenants), a submission or a cancel (dueOthersAcrossTenants)"),
            new Use("TenantTables", "countWhereAcrossTenants", "UnitJobStore",
                    "the APEx poller keeps each platform within its max_concurrent_jobs (inFlightAcrossTenants)"),
            new Use("UnitJobStore", "duePollsAcrossTenants", "RemoteJobPoller",
                    "the APEx poller polls the remote jobs of every tenant"),
            new Use("UnitJobStore", "duePollsOfPlatformAcrossTenants", "RemoteJobPoller",
                    "the APEx poller polls a listing platform's jobs of every tenant due soon with the due ones, as one"
                            + " list request"),
            new Use("UnitJobStore", "dueOthersAcrossTenants", "RemoteJobPoller",
                    "the APEx poller submits and cancels the remote jobs of every tenant"),
            new Use("UnitJobStore", "inFlightAcrossTenants", "RemoteJobPoller",
                    "the APEx poller submits nothing past a platform's max_concurrent_jobs"));

    private CrossTenantReads() {
    }

    /** The names of the listed methods that {@code declaredIn} declares. */
    public static List<String> methodsOf(String declaredIn) {
        return USES.stream().filter(use -> use.declaredIn().equals(declaredIn)).map(Use::method).distinct().toList();
    }
}
