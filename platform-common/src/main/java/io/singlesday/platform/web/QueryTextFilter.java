package io.singlesday.platform.web;

import io.singlesday.platform.json.JsonInputGuards;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before security and parsing, a query parameter whose name or value holds a control character (a NUL
 * that PostgreSQL cannot search for was a 500, anonymously): 400 problem+json naming the parameter, the same rule
 * {@link JsonInputGuards} applies to request bodies.
 */
public class QueryTextFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public QueryTextFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                boolean bad = JsonInputGuards.hasControlCharacter(parameter.getKey());
                for (String value : parameter.getValue()) {
                    bad |= value != null && JsonInputGuards.hasControlCharacter(value);
                }
                if (bad) {
                    String name = JsonInputGuards.hasControlCharacter(parameter.getKey()) ? "(a parameter name)" : parameter.getKey();
                    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Query parameter '" + name
                            + "' must not contain control characters such as NUL", request);
                    problem.setProperty("errors", List.of(Map.of("field", name, "message",
                            "must not contain control characters such as NUL")));
                    Problems.write(response, json, problem);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
