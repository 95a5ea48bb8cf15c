package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.Base64Url;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code GET /api/devices} and {@code POST /api/devices/revoke}. */
final class DeviceRoutes {
    private final AccountServices services;

    DeviceRoutes(AccountServices services) {
        this.services = services;
    }

    Future<Reply> list(ApiCall call, ActiveSession session) {
        return services.store().devices(session.accountId()).map(devices -> {
            JsonArray list = new JsonArray();
            for (DeviceRecord device : devices) {
                list.add(new JsonObject()
                        .put("deviceSigningKey", Base64Url.encode(device.signingKey().toBytes()))
                        .put("addedAt", iso(device.addedAt()))
                        .put("lastSeenAt", iso(device.lastSeenAt()))
                        .put("revokedAt", device.revokedAt() == null ? null : iso(device.revokedAt()))
                        .put("current", device.signingKey().equals(session.device())));
            }
            return Reply.json(200, new JsonObject().put("devices", list));
        });
    }

    /**
     * Revokes one of the account's devices, this one included: its sessions end and its open sockets close at once
     * (over the event bus), and items it signs are refused from then on.
     */
    Future<Reply> revoke(ApiCall call, ActiveSession session) throws ApiError {
        Ed25519PublicKey device = RequestFields.signingKey(call.body(), "deviceSigningKey");
        return services.store().revokeDevice(session.accountId(), device).compose(revoked -> {
            if (!revoked) {
                return Future.failedFuture(ApiError.invalidRequest("This account has no such device."));
            }
            services.events().deviceRevoked(session.accountId(), device);
            Reply done = Reply.noContent();
            return Future.succeededFuture(device.equals(session.device()) ? done.endingSession() : done);
        });
    }

    /** ISO-8601 in UTC, to the second: {@code 2026-12-02T01:05:00Z}. */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
