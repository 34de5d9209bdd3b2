package io.steward.api;

import io.micronaut.http.context.ServerRequestContext;
import io.steward.tenancy.store.BriefConnectionWait;
import jakarta.inject.Singleton;

/**
 * A thread serving a request (filters and controllers alike: Micronaut propagates the request with its context)
 * waits only {@code steward.db.request-connection-timeout} for a database connection, so that during an outage the
 * request answers 503 within about a second instead of after the pool's 30 s.
 */
@Singleton
class RequestsWaitBriefly implements BriefConnectionWait {
    @Override
    public boolean appliesToCurrentThread() {
        return ServerRequestContext.currentRequest().isPresent();
    }
}
