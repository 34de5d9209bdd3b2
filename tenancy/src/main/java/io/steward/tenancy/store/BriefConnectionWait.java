package io.steward.tenancy.store;

/**
 * Says whether the current thread must not wait long for a database connection: one that serves an HTTP request,
 * which should answer "unavailable" within about a second rather than hold its client for the pool's whole wait.
 * The server module provides it (this module knows no HTTP); without one, every thread waits the pool's time.
 */
public interface BriefConnectionWait {
    boolean appliesToCurrentThread();
}
