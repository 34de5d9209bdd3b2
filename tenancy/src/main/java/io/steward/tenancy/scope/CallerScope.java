package io.steward.tenancy.scope;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import org.slf4j.MDC;

/**
 * The one source of "who is calling, in which tenant" for domain code. Only two places bind it: the HTTP
 * security filter (after authentication and the {@code Tenant} header check) and the engine's runner (with the
 * tenant of the execution it claimed). Reading it unbound fails closed.
 */
public final class CallerScope {
    public static final String MDC_TENANT = "tenant";
    public static final String MDC_USER = "user";
    public static final String MDC_EXECUTION = "execution_id";
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerScope() {
    }

    /** The bound caller; throws when domain code runs outside any request or claimed execution. */
    public static Caller current() {
        Caller caller = CURRENT.get();
        if (caller == null) {
            throw new AccessDeniedException(Problem.NO_TENANT_BOUND,
                    "No caller is bound to this thread: tenant-scoped work must run inside a request or a claimed execution");
        }
        return caller;
    }

    /**
     * Binds {@code caller} until the returned handle is closed, restoring what was bound before. The caller's tenant
     * and user go into the logging MDC ({@value #MDC_TENANT}, {@value #MDC_USER}), so every log line of the work
     * names them.
     */
    public static Binding bind(Caller caller) {
        return bind(caller, MDC.get(MDC_EXECUTION));
    }

    /** As {@link #bind(Caller)}, for work on execution {@code executionId}: log lines name it too. */
    public static Binding bind(Caller caller, String executionId) {
        Binding binding = new Binding(CURRENT.get(), MDC.get(MDC_TENANT), MDC.get(MDC_USER), MDC.get(MDC_EXECUTION));
        CURRENT.set(caller);
        put(MDC_TENANT, caller.tenant());
        put(MDC_USER, caller.username());
        put(MDC_EXECUTION, executionId);
        return binding;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Restores the previous binding (and its logging MDC) when closed. */
    public static final class Binding implements AutoCloseable {
        private final Caller previous;
        private final String tenant;
        private final String user;
        private final String execution;

        private Binding(Caller previous, String tenant, String user, String execution) {
            this.previous = previous;
            this.tenant = tenant;
            this.user = user;
            this.execution = execution;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            put(MDC_TENANT, tenant);
            put(MDC_USER, user);
            put(MDC_EXECUTION, execution);
        }
    }
}
