package io.singlesday.gmv.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The charting library from its webjar, under the dashboard's own path so the gateway's one route serves it. */
@Configuration
public class DashboardAssets implements WebMvcConfigurer {

    private final String echartsLocation;

    public DashboardAssets(@Value("${dashboard.echarts-location}") String echartsLocation) {
        this.echartsLocation = echartsLocation;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/dashboard/lib/echarts/**").addResourceLocations(echartsLocation);
    }
}
