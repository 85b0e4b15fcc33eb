package io.singlesday.gateway.admission;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A limit of 0 or less, shares over 1 or a minimum above the maximum never start a gateway. */
class AdmissionPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void aLimitOfZeroOrLessIsAViolationNamingTheProperty() {
        AdmissionProperties zero = new AdmissionProperties(true, AdmissionProperties.Algorithm.FIXED, 1, 1, 1, 0, 0.6, 0.25, 0.15);
        Set<String> fields = validator.validate(zero).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
        assertThat(fields).containsExactly("retryAfterSeconds");
    }

    @Test
    void inconsistentLimitsAndSharesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new AdmissionProperties(true, AdmissionProperties.Algorithm.ADAPTIVE, 10, 20, 30, 1, 0.6, 0.25, 0.15))
                .hasMessageContaining("min-limit <= initial-limit <= max-limit");
        assertThatThrownBy(() -> new AdmissionProperties(true, AdmissionProperties.Algorithm.ADAPTIVE, 10, 1, 30, 1, 0.8, 0.25, 0.15))
                .hasMessageContaining("shares add up to more than 1");
    }

    @Test
    void theGatewayDoesNotStartWithALimitOfZero() {
        new ApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(
                        ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
                .withUserConfiguration(Enable.class)
                .withPropertyValues("festival.gateway.admission.enabled=true", "festival.gateway.admission.algorithm=fixed",
                        "festival.gateway.admission.initial-limit=0", "festival.gateway.admission.min-limit=0",
                        "festival.gateway.admission.max-limit=0", "festival.gateway.admission.retry-after-seconds=1",
                        "festival.gateway.admission.checkout-share=0.6", "festival.gateway.admission.write-share=0.25",
                        "festival.gateway.admission.read-share=0.15")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("initialLimit");
                });
    }

    @org.springframework.boot.context.properties.EnableConfigurationProperties(AdmissionProperties.class)
    static class Enable {
    }
}
