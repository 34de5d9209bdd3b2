package io.steward.api.security;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;

/**
 * Carries the authenticated caller with Micronaut's propagated context, so it is bound on whatever thread runs the
 * controller (the filter runs on the event loop, controllers on the blocking pool).
 */
record CallerBinding(Caller caller) implements ThreadPropagatedContextElement<CallerScope.Binding> {

    @Override
    public CallerScope.Binding updateThreadContext() {
        return CallerScope.bind(caller);
    }

    @Override
    public void restoreThreadContext(CallerScope.Binding previous) {
        previous.close();
    }
}
