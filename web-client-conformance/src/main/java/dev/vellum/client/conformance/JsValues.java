package dev.vellum.client.conformance;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidRecoveryKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** Values crossing between the page and the conformance module: byte arrays, keys, and rejections by kind. */
final class JsValues {
    private JsValues() {
    }

    /**
     * A rejection as the page sees it: {@code {failure: kind}}. The kind is spelled out per class, not read from
     * {@code getSimpleName()}, so it does not depend on what names TeaVM keeps in a minified build.
     */
    static JSObject failure(Exception e) {
        return failureOf(kindOf(e));
    }

    private static String kindOf(Exception e) {
        if (e instanceof InvalidUsernameException) {
            return "InvalidUsernameException";
        } else if (e instanceof InvalidRecoveryKeyException) {
            return "InvalidRecoveryKeyException";
        } else if (e instanceof AuthenticationFailedException) {
            return "AuthenticationFailedException";
        } else if (e instanceof InvalidMessageException) {
            return "InvalidMessageException";
        } else if (e instanceof InvalidSignatureException) {
            return "InvalidSignatureException";
        } else if (e instanceof InvalidPublicKeyException) {
            return "InvalidPublicKeyException";
        } else if (e instanceof IllegalArgumentException) {
            return "IllegalArgumentException";
        }
        throw new IllegalStateException("no kind for " + e, e);
    }

    @JSBody(params = "kind", script = "return { failure: kind };")
    private static native JSObject failureOf(String kind);

    static IdentityKeyPair identityKeyPair(Int8Array signingSeed, Int8Array agreementKey) {
        return IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(in(signingSeed)),
                X25519PrivateKey.fromBytes(in(agreementKey)));
    }

    static PublicIdentity identity(Int8Array signing, Int8Array agreement) throws InvalidPublicKeyException {
        return new PublicIdentity(Ed25519PublicKey.fromBytes(in(signing)), X25519PublicKey.fromBytes(in(agreement)));
    }

    static SymmetricKey keyOf(Int8Array key) {
        return SymmetricKey.fromBytes(in(key));
    }

    static byte[] in(Int8Array array) {
        return array == null ? null : array.copyToJavaArray();
    }

    static Int8Array out(byte[] bytes) {
        return Int8Array.copyFromJavaArray(bytes);
    }
}
