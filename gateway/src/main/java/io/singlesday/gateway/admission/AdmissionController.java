package io.singlesday.gateway.admission;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operators read the current limits, the work in flight and what has been admitted and shed, per service. */
@RestController
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionController {

    private final Admission admission;

    public AdmissionController(Admission admission) {
        this.admission = admission;
    }

    @GetMapping("/api/gateway/admission")
    public Map<String, Object> admission() {
        return admission.view();
    }
}
