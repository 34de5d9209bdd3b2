package io.steward.api;

import io.micronaut.runtime.Micronaut;
import io.steward.tenancy.threads.FatalErrors;

public class Application {
    public static void main(String[] args) {
        // Threads that are not Steward's own (the JDK's, libraries') end the process on an Error too.
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.EXIT);
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
