package io.singlesday.launcher.hostile;

import java.util.Map;

/**
 * One hostile request. {@code mustRefuse} marks input no operation of this API may accept: a write answered
 * 2xx for it is a finding, and none of those may leave a trace in any database.
 */
record HostileCase(Operation operation, String kind, String method, String pathAndQuery, Map<String, String> headers,
                   byte[] body, boolean mustRefuse) {

    String describe() {
        return operation.label() + " [" + kind + "] " + method + " " + shorten(pathAndQuery);
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "...(" + text.length() + " chars)";
    }
}
