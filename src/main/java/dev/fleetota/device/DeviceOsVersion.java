package dev.fleetota.device;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.fleetota.common.SemVer;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A Device OS version as a semantic version ({@code 4.2.0}, {@code 6.1.0-rc.2}); null is valid. */
@Documented
@Constraint(validatedBy = DeviceOsVersion.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface DeviceOsVersion {

    String message() default "must be a semantic version such as 4.2.0 or 6.1.0-rc.2";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses the value with {@link SemVer}. */
    class Validator implements ConstraintValidator<DeviceOsVersion, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || SemVer.isValid(value);
        }

    }

}
