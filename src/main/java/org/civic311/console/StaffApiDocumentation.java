package org.civic311.console;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The title and sign-in scheme of the OpenAPI document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Civic311 staff API",
                        version = "v1",
                        description =
                                "Requests at work in the departments: the full record, status changes with notes to "
                                        + "residents, assignment, transfer, duplicates, followers and work queues. Every call is "
                                        + "signed in with a staff account (HTTP Basic).",
                        license = @License(name = "AGPL-3.0-or-later")))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class StaffApiDocumentation {}
