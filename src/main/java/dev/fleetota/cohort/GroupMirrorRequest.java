package dev.fleetota.cohort;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/v1/cohorts/{id}/group-mirror}.
 *
 * @param groupName the Particle device group to keep equal to the cohort (Particle's rules: lowercase letters,
 * digits, '-' and '_')
 */
public record GroupMirrorRequest(@NotBlank @Size(max = 100)
@Pattern(regexp = "^[a-z0-9_-]+$", message = "must contain only lowercase letters, digits, '-' and '_'")
String groupName) {

}
