package io.steward.api;

import io.micronaut.runtime.Micronaut;
import io.steward.tenancy.threads.FatalErrors;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The server. The annotation names the OpenAPI document of the Cloudify API (its security: src/main/openapi/). */
@OpenAPIDefinition(info = @Info(title = "Steward: Cloudify manager API", version = "v3.1",
        description = "Cloudify's manager REST API as Steward serves it under /api/v3.1 (the /api/v3 routes are the "
                + "same operations, where Cloudify has them in v3). Lists take `_include`, `_sort`, `_size`, "
                + "`_offset`, `_get_all_results` and exact-match filters on the response fields. Authenticate with "
                + "basic credentials, `Authentication-Token: ctok-…` or `Authorization: Bearer …`, and name the "
                + "tenant in the `Tenant` header."))
public class Application {
    public static void main(String[] args) {
        // Threads that are not Steward's own (the JDK's, libraries') end the process on an Error too.
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.EXIT);
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
