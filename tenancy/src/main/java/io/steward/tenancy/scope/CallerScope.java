package io.steward.tenancy.scope;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;

/**
 * The one source of "who is calling, in which tenant" for domain code. Only two places bind it: the HTTP
 * security filter (after authentication and the {@code Tenant} header check) and the engine's runner (with the
 * tenant of the execution it claimed). Reading it unbound fails closed.
 */
public final class CallerScope {
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

    /** Binds {@code caller} until the returned handle is closed, restoring what was bound before. */
    public static Binding bind(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return new Binding(previous);
    }

    /** Restores the previous binding when closed. */
    public static final class Binding implements AutoCloseable {
        private final Caller previous;

        private Binding(Caller previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
