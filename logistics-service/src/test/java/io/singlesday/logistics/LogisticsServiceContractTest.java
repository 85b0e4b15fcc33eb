package io.singlesday.logistics;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "logistics")
class LogisticsServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/logistics";
    }
}
