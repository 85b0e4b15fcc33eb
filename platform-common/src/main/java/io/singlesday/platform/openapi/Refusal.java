package io.singlesday.platform.openapi;

import io.singlesday.platform.web.ProblemType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal particular to one operation (a 409, 410 or 422 the use case answers), documented as a problem+json
 * response naming its {@code type}, so a generated client knows it can happen and what to branch on. The refusals every
 * operation shares (400, 401, 403, 404, 429, 503) are declared centrally and need no annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Refusal.List.class)
public @interface Refusal {

    int status();

    /** The kind of refusal; without one, the kind of the status. */
    ProblemType type() default ProblemType.OTHER;

    /** When it is answered, for the reader of the document. */
    String when();

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        Refusal[] value();
    }
}
