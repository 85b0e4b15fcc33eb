package io.singlesday.gmv;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "gmv")
class GmvCounterServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/gmv";
    }
}
