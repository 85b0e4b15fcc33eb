package io.singlesday.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each service behind the gateway answers: {@code festival.services.<name>}, one base URL or several separated
 * by commas (the local stack's replicas; in Kubernetes and compose one address that a Service spreads). Every route
 * names its service as {@code lb://<name>}. An address that is not an absolute http(s) URL is refused at start-up,
 * naming the setting.
 */
@ConfigurationProperties("festival")
public record ServiceAddresses(Map<String, String> services) {

    public ServiceAddresses {
        services = services == null ? Map.of() : Map.copyOf(services);
        services.forEach(ServiceAddresses::parse);
    }

    /** Every instance of each service, in the order configured. */
    public Map<String, List<URI>> instances() {
        Map<String, List<URI>> all = new LinkedHashMap<>();
        services.keySet().stream().sorted().forEach(name -> all.put(name, parse(name, services.get(name))));
        return all;
    }

    public List<URI> instancesOf(String service) {
        String configured = services.get(service);
        return configured == null ? List.of() : parse(service, configured);
    }

    private static List<URI> parse(String service, String configured) {
        List<URI> uris = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(address -> {
            URI uri;
            try {
                uri = URI.create(address);
            } catch (IllegalArgumentException e) {
                throw refused(service, address);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw refused(service, address);
            }
            return uri;
        }).toList();
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("festival.services." + service + " names no address");
        }
        return uris;
    }

    private static IllegalArgumentException refused(String service, String address) {
        return new IllegalArgumentException("festival.services." + service + " must be absolute http(s) URLs separated by"
                + " commas; '" + address + "' is not one");
    }
}
