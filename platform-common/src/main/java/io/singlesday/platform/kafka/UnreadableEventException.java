package io.singlesday.platform.kafka;

/** A record no retry will ever read; it belongs on the dead-letter topic with this message as the reason. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
