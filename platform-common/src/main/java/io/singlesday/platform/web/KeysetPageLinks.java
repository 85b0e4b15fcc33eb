package io.singlesday.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds {@code Link: <path?...&after=next>; rel="next"} to every {@link KeysetPage} that has a next page: the same
 * request with {@code after} moved on (and a deprecated offset {@code page} dropped). The address is relative to the
 * request, so it holds as well through the gateway, which keeps the paths, as straight at the service.
 */
@ControllerAdvice
public class KeysetPageLinks implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return KeysetPage.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof KeysetPage page && page.next() != null) {
            String next = UriComponentsBuilder.fromUri(request.getURI()).scheme(null).host(null).port(null)
                    .replaceQueryParam("page").replaceQueryParam("after", page.next()).build().toUriString();
            response.getHeaders().add("Link", "<" + next + ">; rel=\"next\"");
        }
        return body;
    }
}
