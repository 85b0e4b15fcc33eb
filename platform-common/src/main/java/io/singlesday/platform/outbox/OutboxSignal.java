package io.singlesday.platform.outbox;

import io.singlesday.platform.db.CommitSignal;

/** Wakes this instance's outbox relay when a transaction that wrote outbox rows commits: its own type, so it is
 * the one bean the outbox and the relay share and no other worker's signal can be injected in its place. */
public final class OutboxSignal extends CommitSignal {
}
