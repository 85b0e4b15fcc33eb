package io.singlesday.contracts;

import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.topics.Topics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the platform, so a reader can turn (type, version) back into a record class. */
public final class EventCatalog {

    public static final EventType<FestivalClockChanged> FESTIVAL_CLOCK_CHANGED =
            new EventType<>("FestivalClockChanged", 1, FestivalClockChanged.class, Topics.FESTIVAL_CLOCK);

    private static final List<EventType<?>> ALL = List.of(FESTIVAL_CLOCK_CHANGED);

    private static final Map<String, EventType<?>> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::key, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> find(String name, int version) {
        return Optional.ofNullable(BY_KEY.get(name + "@v" + version));
    }
}
