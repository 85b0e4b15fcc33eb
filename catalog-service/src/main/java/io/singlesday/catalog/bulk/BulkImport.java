package io.singlesday.catalog.bulk;

import io.singlesday.catalog.product.BrandCatalog;
import io.singlesday.catalog.product.BrandProductController.ProductRequest;
import io.singlesday.catalog.product.BrandProductController.SkuRequest;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.Validator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A brand's bulk upload: every row is parsed and checked before anything is written. With errors, nothing is
 * imported unless the caller asked for a partial import, in which case the good rows are and the report
 * names every bad one by line.
 */
@Service
public class BulkImport {

    public static final int MAX_PRODUCTS = 10_000;

    private final BrandCatalog catalog;
    private final JdbcClient sql;
    private final Validator validator;
    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().build();

    public BulkImport(BrandCatalog catalog, JdbcClient sql, Validator validator, JsonMapper json) {
        this.catalog = catalog;
        this.sql = sql;
        this.validator = validator;
        this.json = json;
    }

    public record RowError(int line, List<String> errors) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "BulkImportReport")
    public record Report(int imported, int rejected, List<RowError> errors, List<UUID> productIds) {
    }

    private record Row(int line, ProductRequest product, List<String> errors) {
    }

    public Report importCsv(UUID brandId, String body, boolean partial) {
        return run(brandId, parseCsv(body), partial);
    }

    public Report importJsonLines(UUID brandId, String body, boolean partial) {
        List<Row> rows = new ArrayList<>();
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                rows.add(new Row(i + 1, json.readValue(lines[i], ProductRequest.class), new ArrayList<>()));
            } catch (JacksonException e) {
                rows.add(new Row(i + 1, null, new ArrayList<>(List.of("unreadable JSON: " + e.getOriginalMessage()))));
            }
        }
        return run(brandId, rows, partial);
    }

    /** Rows sharing a productRef are the SKUs of one product; the first row of each gives title and category. */
    private List<Row> parseCsv(String body) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        Map<String, Row> products = new LinkedHashMap<>();
        List<Row> broken = new ArrayList<>();
        int line = 1;
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(schema).readValues(body)) {
            while (true) {
                line++;
                Map<String, String> r;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    r = it.nextValue();
                } catch (JacksonException e) {
                    broken.add(new Row(line, null, new ArrayList<>(List.of("malformed CSV: " + e.getOriginalMessage()))));
                    break;
                }
                String ref = r.getOrDefault("productRef", "");
                Row existing = products.get(ref);
                SkuRequest sku;
                try {
                    sku = new SkuRequest(r.get("skuCode"), r.get("skuLabel"), longOrNull(r.get("priceFen")),
                            intOrNull(r.get("stock")));
                } catch (NumberFormatException e) {
                    broken.add(new Row(line, null, new ArrayList<>(List.of("priceFen and stock must be whole numbers"))));
                    continue;
                }
                if (existing == null || ref.isBlank()) {
                    Long category;
                    try {
                        category = longOrNull(r.get("categoryId"));
                    } catch (NumberFormatException e) {
                        broken.add(new Row(line, null, new ArrayList<>(List.of("categoryId must be a number"))));
                        continue;
                    }
                    products.put(ref.isBlank() ? "#" + line : ref, new Row(line, new ProductRequest(r.get("title"),
                            r.get("description"), category, new ArrayList<>(List.of(sku))), new ArrayList<>()));
                } else {
                    existing.product().skus().add(sku);
                }
            }
        } catch (JacksonException e) {
            broken.add(new Row(line, null, new ArrayList<>(List.of("malformed CSV: " + e.getOriginalMessage()))));
        }
        List<Row> rows = new ArrayList<>(products.values());
        rows.addAll(broken);
        return rows;
    }

    private Report run(UUID brandId, List<Row> rows, boolean partial) {
        if (rows.isEmpty()) {
            throw ApiProblem.badRequest("The file holds no products");
        }
        if (rows.size() > MAX_PRODUCTS) {
            throw ApiProblem.badRequest("At most " + MAX_PRODUCTS + " products per upload; this file has " + rows.size());
        }
        Set<Long> categories = new HashSet<>(sql.sql("select id from categories").query(Long.class).list());
        Map<String, Integer> codeLines = new HashMap<>();
        for (Row row : rows) {
            if (row.product() == null) {
                continue;
            }
            validator.validate(row.product()).forEach(v -> row.errors().add("'" + v.getPropertyPath() + "' " + v.getMessage()));
            if (row.product().categoryId() != null && !categories.contains(row.product().categoryId())) {
                row.errors().add("unknown category " + row.product().categoryId());
            }
            for (SkuRequest sku : row.product().skus() == null ? List.<SkuRequest>of() : row.product().skus()) {
                if (sku != null && sku.code() != null) {
                    Integer first = codeLines.putIfAbsent(sku.code(), row.line());
                    if (first != null) {
                        row.errors().add("SKU code '" + sku.code() + "' already used on line " + first);
                    }
                }
            }
        }
        Set<String> taken = new HashSet<>(sql.sql("select code from skus where code = any(?)")
                .param(codeLines.keySet().toArray(String[]::new)).query(String.class).list());
        rows.stream().filter(r -> r.product() != null && r.product().skus() != null)
                .forEach(r -> r.product().skus().stream().filter(s -> s != null && taken.contains(s.code()))
                        .forEach(s -> r.errors().add("SKU code '" + s.code() + "' is already in the catalog")));

        List<RowError> errors = rows.stream().filter(r -> !r.errors().isEmpty())
                .map(r -> new RowError(r.line(), List.copyOf(r.errors())))
                .sorted(java.util.Comparator.comparingInt(RowError::line)).toList();
        List<Row> good = rows.stream().filter(r -> r.errors().isEmpty()).toList();
        if (!errors.isEmpty() && !partial) {
            throw new ApiProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    errors.size() + " row(s) have errors; nothing was imported (add partial=true to import the rest)",
                    Map.of("report", new Report(0, errors.size(), errors, List.of())));
        }
        List<UUID> ids = good.isEmpty() ? List.of()
                : catalog.createAll(brandId, good.stream().map(r -> r.product().toNew()).toList());
        return new Report(ids.size(), errors.size(), errors, ids);
    }

    private static Long longOrNull(String s) {
        return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
    }

    private static Integer intOrNull(String s) {
        return s == null || s.isBlank() ? null : Integer.parseInt(s.trim());
    }
}
