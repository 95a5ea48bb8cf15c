package dev.vellum.client.account;

import dev.vellum.client.jso.Http;
import dev.vellum.client.jso.JsonFields;
import dev.vellum.client.jso.JsonObject;
import dev.vellum.error.VellumCryptoException;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * One JSON request to the server's API, its answer parsed into a typed value or turned into an {@link ApiError}:
 * no answer, a body that is not JSON, a refusal ({@code {error, message, retryAfterSeconds}}), or a successful body
 * that the reader cannot use (a missing field, one that does not decode) is never half-used.
 */
public final class JsonApi {
    /** Reads one successful answer; a {@link VellumCryptoException} or {@link IllegalArgumentException} refuses it. */
    public interface Reader<T> {
        T read(JsonObject body) throws VellumCryptoException;
    }

    private JsonApi() {
    }

    public static <T> void call(String method, String path, String body, IntPredicate success, Reader<T> reader,
                                Consumer<T> ok, Consumer<ApiError> failed) {
        Http.request(method, path, body, (status, json) -> {
            if (status == 0) {
                failed.accept(ApiError.unreachable());
            } else if (json == null) {
                failed.accept(ApiError.unreadable(status));
            } else if (!success.test(status)) {
                String code = JsonFields.string(json, "error");
                String message = JsonFields.string(json, "message");
                int retry = (int) JsonFields.number(json, "retryAfterSeconds");
                failed.accept(code == null ? ApiError.unreadable(status)
                        : new ApiError(status, code, message == null ? "" : message, Math.max(retry, 0)));
            } else {
                T value;
                try {
                    value = reader.read(json);
                } catch (VellumCryptoException | IllegalArgumentException e) {
                    failed.accept(ApiError.unreadable(status));
                    return;
                }
                ok.accept(value);
            }
        });
    }
}
