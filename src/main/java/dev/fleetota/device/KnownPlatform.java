package dev.fleetota.device;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A Particle platform id listed in {@link Platforms}; null is valid (combine with {@code @NotNull}). */
@Documented
@Constraint(validatedBy = KnownPlatform.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownPlatform {

    String message() default "is not a known Particle platform id (6, 8, 10, 12, 13, 15, 22, 23, 25, 26, 28, 32, 35)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the id against {@link Platforms}. */
    class Validator implements ConstraintValidator<KnownPlatform, Integer> {

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || Platforms.isKnown(value);
        }

    }

}
