package io.singlesday.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two of the platform's records named alike must not become one schema, or a client reads one with the other's fields. */
class SchemaNameGuardTest {

    static final class Checkout {
        record Line(String skuId, int quantity) {
        }
    }

    static final class Order {
        record Line(String title, long unitPriceFen) {
        }

        @Schema(name = "OrderLine")
        record NamedLine(String title, long unitPriceFen) {
        }
    }

    @Test
    void aSecondTypeUnderTheSameNameFailsTheDocumentNamingBoth() {
        ModelConverters converters = converters();
        converters.resolveAsResolvedSchema(new AnnotatedType(Checkout.Line.class));
        guard.refuseClashes();
        converters.resolveAsResolvedSchema(new AnnotatedType(Order.Line.class));

        assertThatThrownBy(guard::refuseClashes)
                .hasMessageContaining("schema name Line").hasMessageContaining("Checkout$Line").hasMessageContaining("Order$Line");
    }

    @Test
    void aTypeNamedApartIsDocumentedApart() {
        ModelConverters converters = converters();
        converters.resolveAsResolvedSchema(new AnnotatedType(Checkout.Line.class));
        converters.resolveAsResolvedSchema(new AnnotatedType(Order.NamedLine.class));
        // The same type again (another operation using it) is no clash.
        assertThat(converters.readAll(Checkout.Line.class)).containsKey("Line");
        assertThat(converters.readAll(Order.NamedLine.class)).containsKey("OrderLine");
        assertThat(converters.readAll(List.class)).isEmpty();
        guard.refuseClashes();
    }

    private final SchemaNameGuard guard = new SchemaNameGuard();

    private ModelConverters converters() {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(guard);
        return converters;
    }
}
