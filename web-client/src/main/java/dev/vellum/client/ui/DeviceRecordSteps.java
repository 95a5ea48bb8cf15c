package dev.vellum.client.ui;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.protocol.account.Username;
import java.util.function.Consumer;
import org.teavm.jso.typedarrays.Int8Array;

/** The two steps every way into an account ends with (login, recovery): keep this browser's device, or forget it. */
final class DeviceRecordSteps {
    private DeviceRecordSteps() {
    }

    /** Keeps the device record for {@code username} in this browser, then runs {@code then}. */
    static void keep(Username username, LocalDeviceRecord record, Runnable then) {
        AccountKeyStore.save(username.value(), Int8Array.copyFromJavaArray(record.encode()), then::run);
    }

    /**
     * Passes a refusal on to {@code refused}; when it says this browser's device was revoked, forgets the device
     * first, so the next attempt here registers a new one.
     */
    static Consumer<ApiError> forgettingRevokedDevice(Username username, Consumer<ApiError> refused) {
        return error -> {
            if (error.is("device-revoked")) {
                AccountKeyStore.delete(username.value(), () -> refused.accept(error));
            } else {
                refused.accept(error);
            }
        };
    }
}
