package io.singlesday.gmv;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;
import org.springframework.test.annotation.DirtiesContext;

/** Closed after its class: the other tests start and stop counter instances of their own on the same group. */
@WithRealEngines(database = "gmv")
@DirtiesContext
class GmvCounterServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/gmv";
    }
}
