package io.singlesday.livestream;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "livestream")
class LivestreamServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/livestreams";
    }
}
