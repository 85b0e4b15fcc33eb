package io.singlesday.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A client tells refusals apart by their type; an untyped problem gets the kind of its status, a typed one keeps its own. */
class ProblemTypeTest {

    @Test
    void anUntypedProblemGetsTheKindOfItsStatus() {
        assertThat(ProblemType.typeIfUntyped(ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS)).getType())
                .hasToString("tag:singlesday.dev,2026:problem:at-capacity");
        assertThat(ProblemType.typeIfUntyped(ProblemDetail.forStatus(HttpStatus.BAD_REQUEST)).getType())
                .hasToString("tag:singlesday.dev,2026:problem:invalid-request");
        assertThat(ProblemType.ofStatus(503)).isEqualTo(ProblemType.UNAVAILABLE);
        assertThat(ProblemType.ofStatus(500)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.ofStatus(418)).isEqualTo(ProblemType.OTHER);
    }

    @Test
    void aTypedRefusalKeepsItsKindAndTitle() {
        ApiProblem soldOut = new ApiProblem(HttpStatus.GONE, ProblemType.SOLD_OUT, "Sold out: all 3 units are gone");
        ProblemDetail body = ProblemType.typeIfUntyped(soldOut.getBody());

        assertThat(body.getType()).isEqualTo(ProblemType.SOLD_OUT.uri());
        assertThat(body.getTitle()).isEqualTo(ProblemType.SOLD_OUT.title());
        assertThat(body.getStatus()).isEqualTo(410);
    }

    @Test
    void kindsAreUniqueAndListedOnTheProblemsPage() throws Exception {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct()).hasSize(ProblemType.values().length);
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/problems.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(page).as("docs/problems.md lists " + type).contains("`" + type.uri() + "`");
        }
    }
}
