package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.AccountId;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every part of the server, over the event bus (so also every verticle, and every node once clustered), that
 * sessions have ended: one session (logout, idleness, a newer login in the same browser, the account's cap, a
 * recovery), a device's (revocation) or an account's (deletion). Open sockets of
 * those sessions close at once, and cached device standings are dropped.
 */
public final class SessionEvents {
    public static final String ADDRESS = "vellum.sessions.ended";
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final EventBus bus;

    public SessionEvents(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Which sessions ended: all of the account's, or only its device's ({@code device} set), or only one
     * ({@code tokenHash} set).
     */
    public record Ended(AccountId accountId, Ed25519PublicKey device, byte[] tokenHash) {
        public boolean ends(ActiveSession session) {
            if (!session.accountId().equals(accountId)) {
                return false;
            }
            if (device != null && !device.equals(session.device())) {
                return false;
            }
            return tokenHash == null || session.hasTokenHash(tokenHash);
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject().put("account", accountId.toString());
            if (device != null) {
                json.put("device", Base64Url.encode(device.toBytes()));
            }
            if (tokenHash != null) {
                json.put("session", Base64Url.encode(tokenHash));
            }
            return json;
        }

        static Ended fromJson(JsonObject json) throws InvalidMessageException, InvalidPublicKeyException {
            String device = json.getString("device");
            String session = json.getString("session");
            return new Ended(AccountId.parse(json.getString("account")),
                    device == null ? null : Ed25519PublicKey.fromBytes(Base64Url.decode(device, 32)),
                    session == null ? null : Base64Url.decode(session, 32));
        }
    }

    public void loggedOut(ActiveSession session) {
        publish(new Ended(session.accountId(), session.device(), session.tokenHash()));
    }

    public void deviceRevoked(AccountId accountId, Ed25519PublicKey device) {
        publish(new Ended(accountId, device, null));
    }

    /** Sessions ended by the server itself: idle, past the account's cap, replaced, or ended by a recovery. */
    public void ended(List<Ended> sessions) {
        sessions.forEach(this::publish);
    }

    public void accountDeleted(AccountId accountId) {
        publish(new Ended(accountId, null, null));
    }

    private void publish(Ended ended) {
        bus.publish(ADDRESS, ended.toJson());
    }

    /** Calls {@code listener} on the registering context for every ending, from any verticle or node. */
    public MessageConsumer<JsonObject> listen(Consumer<Ended> listener) {
        return bus.<JsonObject>consumer(ADDRESS, message -> {
            try {
                listener.accept(Ended.fromJson(message.body()));
            } catch (InvalidMessageException | InvalidPublicKeyException | RuntimeException e) {
                LOG.warn("ignored a malformed session-ended event: {}", e.getMessage());
            }
        });
    }
}
