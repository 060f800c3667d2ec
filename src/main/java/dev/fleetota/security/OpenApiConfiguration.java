package dev.fleetota.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI document with the bearer scheme declared, so Swagger UI's "Authorize" button sends the token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI fleetOtaOpenApi() {
        SecurityScheme bearer = new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description("An API token (fo_...) created by an admin: Authorization: Bearer <token>");
        return new OpenAPI()
            .info(new Info().title("fleet-ota API")
                .version("v1")
                .description("Staged Device OS upgrades for Particle fleets"))
            .components(new Components().addSecuritySchemes(BEARER, bearer))
            .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

}
