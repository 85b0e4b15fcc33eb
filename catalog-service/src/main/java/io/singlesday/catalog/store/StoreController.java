package io.singlesday.catalog.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

@RestController
@Tag(name = "Brand onboarding")
public class StoreController {

    private final StoreAdmin stores;

    public StoreController(StoreAdmin stores) {
        this.stores = stores;
    }

    public record CloseRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/catalog/stores/{id}/close")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Close a store; its products are unlisted with it")
    public Map<String, Object> close(@PathVariable UUID id, @Valid @RequestBody CloseRequest request) {
        return Map.of("storeId", id, "productsUnlisted", stores.close(id, request.reason()));
    }
}
