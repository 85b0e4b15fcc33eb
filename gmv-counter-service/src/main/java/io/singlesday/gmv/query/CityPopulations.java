package io.singlesday.gmv.query;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Residents per city, for spend per head ("Hangzhou's per-capita beat Shanghai's"). */
@Component
public class CityPopulations {

    private final Map<String, Long> residents = new HashMap<>();

    public CityPopulations() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("city-populations.csv").getInputStream(), StandardCharsets.UTF_8))) {
            in.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("city,"))
                    .forEach(line -> {
                        String[] cells = line.split(",");
                        residents.put(cells[0].trim().toLowerCase(), Long.parseLong(cells[2].trim()));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OptionalLong of(String city) {
        Long n = residents.get(city.trim().toLowerCase());
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }
}
