package io.singlesday.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context at the shared real engines: the service's own database on the shared
 * PostgreSQL, the shared Kafka broker, and the test signing key for tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithRealEngines {

    /** The service's database; created with an owner of the same name on first use. */
    String database();
}
