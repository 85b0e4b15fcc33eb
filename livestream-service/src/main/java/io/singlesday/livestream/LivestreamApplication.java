package io.singlesday.livestream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling closes group deals that ran out of time. */
@SpringBootApplication
@EnableScheduling
public class LivestreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(LivestreamApplication.class, args);
    }
}
