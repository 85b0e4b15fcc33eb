package io.singlesday.platform.web;

import java.util.UUID;

/**
 * The one way the platform pages a list: a page of {@code items} and {@code next}, the key to pass as {@code after}
 * for the page that follows (absent on the last page). Keyset, not offset, so a page stays right while new rows
 * arrive and costs the same however deep it is. A page answered as one of these also carries the next page's address
 * in a {@code Link: <...>; rel="next"} header (RFC 8288), from {@link KeysetPageLinks}.
 */
public interface KeysetPage {

    UUID next();
}
