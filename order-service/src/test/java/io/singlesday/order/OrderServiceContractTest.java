package io.singlesday.order;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "orders")
class OrderServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/orders";
    }
}
