package io.singlesday.gmv;

import io.singlesday.gmv.counting.CounterSettings;
import io.singlesday.gmv.query.PreviousYearCurve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.List;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GmvCounterApplication {

    public static void main(String[] args) {
        SpringApplication.run(GmvCounterApplication.class, args);
    }

    @Bean
    PreviousYearCurve previousYearCurve(CounterSettings settings,
                                        @Value("${festival.gmv.previous-year-checkpoints}") List<String> checkpoints,
                                        @Value("${festival.gmv.previous-year-basis}") String basis) {
        return new PreviousYearCurve(checkpoints, settings.previousYearTotalCny() * 100, basis);
    }
}
