package io.singlesday.gateway.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownstreamServicesHealth.ServiceAddresses.class)
public class RoutingConfiguration {
}
