package dev.vellum.client.crdt;

/** One character's identity: who inserted it, and that writer's counter at the time. */
public record CharId(ReplicaId replica, int clock) {
    public CharId {
        if (replica == null) {
            throw new NullPointerException("replica");
        }
        if (clock < 0) {
            throw new IllegalArgumentException("clocks are not negative");
        }
    }
}
