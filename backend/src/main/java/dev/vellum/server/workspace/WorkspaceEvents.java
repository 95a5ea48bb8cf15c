package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.WorkspaceId;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every part of the server, over the event bus (every verticle, and every node once clustered), that accounts
 * left a workspace (removed, left, or an invitation declined or cancelled): their sockets on the workspace's notes
 * close at once. Their later requests are refused by the membership rows, which went in the same transaction.
 */
public final class WorkspaceEvents {
    public static final String ADDRESS = "vellum.workspaces.removed";
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceEvents.class);

    private final EventBus bus;

    public WorkspaceEvents(EventBus bus) {
        this.bus = bus;
    }

    /** One account is no longer a member or invitee of one workspace. */
    public record Removed(WorkspaceId workspaceId, AccountId accountId) {
        JsonObject toJson() {
            return new JsonObject().put("workspace", workspaceId.toString()).put("account", accountId.toString());
        }

        static Removed fromJson(JsonObject json) throws InvalidMessageException {
            return new Removed(WorkspaceId.fromBytes(Base64Url.decode(json.getString("workspace"), Id128.LENGTH)),
                    AccountId.parse(json.getString("account")));
        }
    }

    void removed(WorkspaceId workspaceId, Collection<AccountId> accounts) {
        for (AccountId account : accounts) {
            bus.publish(ADDRESS, new Removed(workspaceId, account).toJson());
        }
    }

    /** Calls {@code listener} on the registering context for every removal, from any verticle or node. */
    public MessageConsumer<JsonObject> listen(Consumer<Removed> listener) {
        return bus.<JsonObject>consumer(ADDRESS, message -> {
            try {
                listener.accept(Removed.fromJson(message.body()));
            } catch (InvalidMessageException | RuntimeException e) {
                LOG.warn("ignored a malformed workspace-removed event: {}", e.getMessage());
            }
        });
    }
}
