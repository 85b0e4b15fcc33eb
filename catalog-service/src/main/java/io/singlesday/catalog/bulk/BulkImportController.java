package io.singlesday.catalog.bulk;

import io.singlesday.catalog.access.BrandAccess;
import io.singlesday.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

@RestController
@PreAuthorize("hasRole('BRAND')")
@Tag(name = "Brand store")
public class BulkImportController {

    /** Large enough for 10,000 products, small enough that one upload cannot exhaust the heap. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final BulkImport bulk;

    public BulkImportController(BulkImport bulk) {
        this.bulk = bulk;
    }

    @PostMapping(value = "/api/catalog/brand/products/import", consumes = {"text/csv", "application/x-ndjson"})
    @Operation(operationId = "importProducts", summary = "Upload products as CSV (productRef,title,description,categoryId,skuCode,skuLabel,priceFen,stock) "
            + "or JSON lines; all or nothing unless partial=true")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"),
                    examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "csv", value =
                            "productRef,title,description,categoryId,skuCode,skuLabel,priceFen,stock\n"
                            + "p1,Alpine face cream,50 ml,301,BB-CREAM-50,50 ml,19900,500\n")),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @io.singlesday.platform.openapi.Refusal(status = 413, when = "The upload is larger than 8 MiB")
    public BulkImport.Report upload(Authentication caller, HttpServletRequest request,
                                    @RequestParam(defaultValue = "false") boolean partial) throws IOException {
        var brand = BrandAccess.brandOf(caller);
        String body = readLimited(request.getInputStream());
        MediaType type = MediaType.parseMediaType(request.getContentType());
        return type.isCompatibleWith(MediaType.parseMediaType("text/csv"))
                ? bulk.importCsv(brand, body, partial)
                : bulk.importJsonLines(brand, body, partial);
    }

    private static String readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Uploads are limited to " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
