package io.singlesday.gmv.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the operator dashboard's page; its data comes from the APIs it calls, not from this controller. */
@Controller
public class DashboardPage {

    @GetMapping({"/dashboard", "/dashboard/"})
    public String page() {
        return "forward:/dashboard/index.html";
    }
}
