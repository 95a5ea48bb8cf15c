package dev.vellum.server.quota;

/** One connection's view of its address's quotas: the address it came from and the shared {@link AddressQuotas}. */
public record AddressQuota(String address, AddressQuotas quotas) {
    public boolean tryCreateNote() {
        return quotas.tryCreateNote(address);
    }

    public void giveBackNote() {
        quotas.giveBackNote(address);
    }

    public boolean tryStore(long bytes) {
        return quotas.tryStore(address, bytes);
    }

    public void giveBackBytes(long bytes) {
        quotas.giveBackBytes(address, bytes);
    }
}
