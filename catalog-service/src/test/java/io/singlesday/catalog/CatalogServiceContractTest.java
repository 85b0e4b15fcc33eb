package io.singlesday.catalog;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "catalog")
class CatalogServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/catalog";
    }
}
