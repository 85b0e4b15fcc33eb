package io.singlesday.catalog.category;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Shopping")
public class CategoryController {

    private final JdbcClient sql;

    public CategoryController(JdbcClient sql) {
        this.sql = sql;
    }

    public record Category(long id, String name, List<Category> children) {
    }

    @GetMapping("/api/catalog/categories")
    @Operation(summary = "The category tree")
    public List<Category> tree() {
        Map<Long, Category> top = new LinkedHashMap<>();
        sql.sql("select id, parent_id, name from categories order by parent_id nulls first, id").query(rs -> {
            long parent = rs.getLong(2);
            boolean isTop = rs.wasNull();
            Category category = new Category(rs.getLong(1), rs.getString(3), new ArrayList<>());
            if (isTop) {
                top.put(category.id(), category);
            } else if (top.containsKey(parent)) {
                top.get(parent).children().add(category);
            }
        });
        return List.copyOf(top.values());
    }
}
