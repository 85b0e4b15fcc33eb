package io.singlesday.gmv;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GmvCounterApplication {

    public static void main(String[] args) {
        SpringApplication.run(GmvCounterApplication.class, args);
    }
}
