package io.singlesday.coupon;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;

@WithRealEngines(database = "coupons")
class CouponServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/coupons";
    }
}
