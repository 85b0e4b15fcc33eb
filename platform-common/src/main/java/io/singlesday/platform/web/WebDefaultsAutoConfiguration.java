package io.singlesday.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebDefaultsAutoConfiguration {

    /** First of all filters, so that even a 401 from the security filters carries the request id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the request id, before security and parsing. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @org.springframework.beans.factory.annotation.Value("${festival.web.max-body:1MB}") org.springframework.util.unit.DataSize max,
            @org.springframework.beans.factory.annotation.Value("${festival.web.own-body-limit-paths:}") java.util.List<String> exempt,
            tools.jackson.databind.json.JsonMapper json) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(max.toBytes(), exempt, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** After the body limit, before security: a query no handler should see is refused for what it holds. */
    @Bean
    FilterRegistrationBean<QueryTextFilter> queryTextFilter(tools.jackson.databind.json.JsonMapper json) {
        FilterRegistrationBean<QueryTextFilter> registration = new FilterRegistrationBean<>(new QueryTextFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** {@code /actuator/health} component {@code process}, part of readiness. */
    @Bean("process")
    ProcessHealth processHealth(@org.springframework.beans.factory.annotation.Value("${festival.process.restarts:0}") int restarts) {
        return new ProcessHealth(restarts);
    }

    @Bean
    KeysetPageLinks keysetPageLinks() {
        return new KeysetPageLinks();
    }

    /** In place of Spring Boot's error controller, which answers in its own JSON. */
    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat's refusals of what it cannot parse, as problem+json rather than its HTML page. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    WhoAmIController whoAmIController() {
        return new WhoAmIController();
    }
}
