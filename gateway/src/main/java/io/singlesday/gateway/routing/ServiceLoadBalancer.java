package io.singlesday.gateway.routing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;

/**
 * One service's load balancer, built by Spring Cloud LoadBalancer in a child context of its own that names the
 * service: its configured instances less those resting, and the hook that sends an instance to rest when its connection
 * failed. Deliberately not a component: the component scan must not build it in the main context.
 */
class ServiceLoadBalancer {

    @Bean
    ServiceInstanceListSupplier configuredInstances(Environment environment, ServiceAddresses addresses,
                                                    RestingInstances resting) {
        String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<ServiceInstance> instances = addresses.instancesOf(service).stream()
                .map(uri -> instance(service, uri)).toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("A route names lb://" + service + " but festival.services." + service
                    + " is not set");
        }
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return service;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(resting.awake(instances));
            }
        };
    }

    @Bean
    LoadBalancerLifecycle<Object, Object, ServiceInstance> restAfterAFailedConnection(RestingInstances resting) {
        return new LoadBalancerLifecycle<>() {
            @Override
            public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
                return ServiceInstance.class.isAssignableFrom(serverTypeClass);
            }

            @Override
            public void onStart(Request<Object> request) {
            }

            @Override
            public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
            }

            @Override
            public void onComplete(CompletionContext<Object, ServiceInstance, Object> done) {
                if (done.status() == CompletionContext.Status.FAILED && LoadBalancing.connectionFailed(done.getThrowable())
                        && done.getLoadBalancerResponse() != null && done.getLoadBalancerResponse().hasServer()) {
                    resting.refusedConnection(done.getLoadBalancerResponse().getServer());
                }
            }
        };
    }

    private static ServiceInstance instance(String service, URI uri) {
        boolean secure = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(service + "@" + uri.getHost() + ":" + port, service, uri.getHost(), port, secure);
    }
}
