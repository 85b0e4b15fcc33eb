package io.singlesday.platform.web;

import org.springframework.http.HttpStatus;

/**
 * The parts of a problem answer that must never echo a hostile request: the detail for a request refused before
 * any handler saw it (by status alone, since the request may be unparseable) and a bounded {@code instance}.
 * Shared by the services' servlet stack and the gateway's reactive one.
 */
public final class ProblemText {

    private static final int MAX_INSTANCE = 160;

    private ProblemText() {
    }

    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: check its path, query string, headers and body encoding";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request body is too large";
            case 414 -> "The request line is too long; send long input in a body";
            case 415 -> "This content type is not accepted here";
            case 431 -> "The request headers are too large or too many";
            default -> status >= 500 ? "Something went wrong on our side" : "The request was refused";
        };
    }

    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** Written by hand: these answers come from places where no JSON mapper is at hand. */
    public static String problemJson(int status) {
        return "{\"type\":\"" + ProblemType.ofStatus(status).uri() + "\",\"title\":\"" + title(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail(status) + "\"}";
    }

    /**
     * The request's path as the problem's {@code instance}, cut short when long (a hostile path would otherwise
     * come back whole), and left out when it is not a URI at all.
     */
    public static java.net.URI instance(String requestUri) {
        String path = requestUri == null ? "" : requestUri;
        if (path.length() > MAX_INSTANCE) {
            path = path.substring(0, MAX_INSTANCE);
            int escape = path.lastIndexOf('%');
            if (escape >= path.length() - 2) {
                path = path.substring(0, escape);
            }
            path = path + "...";
        }
        try {
            return java.net.URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
