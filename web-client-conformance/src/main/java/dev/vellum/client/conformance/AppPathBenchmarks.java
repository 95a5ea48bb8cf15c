package dev.vellum.client.conformance;

import dev.vellum.client.jso.BrowserRandomSource;
import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.padding.Padme;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The crypto benchmark's measure of the app's own send path, and of where its time goes: an edit's body sealed into a
 * signed note item ({@link NoteItemCipher#seal}), framed ({@link FrameCodec}) and handed to JavaScript, as
 * {@code Outbox} and {@code NoteConnection} do. The whole path and then each of its costly stages run
 * {@code iterations} times inside WebAssembly, timed there with {@code performance.now()}: the AEAD (with the
 * envelope header as associated data), one Ed25519 signature over a message of the item's length (an item has two),
 * the framing and the copy into JavaScript. What the whole takes beyond them is the seal's own copying and parsing.
 */
final class AppPathBenchmarks {
    private static final BrowserRandomSource RANDOM = BrowserRandomSource.create();

    private AppPathBenchmarks() {
    }

    /** Milliseconds per item of each stage, and of the whole path, for a body of {@code size} bytes. */
    static JSObject stages(int size, int iterations) {
        NoteItemCipher cipher = new NoteItemCipher(NoteKeys.generate(RANDOM),
                IdentityKeyPair.generate(RANDOM), RANDOM);
        byte[] body = new byte[size];
        CommittingXChaCha20Poly1305 aead = new CommittingXChaCha20Poly1305(SymmetricKey.generate(RANDOM), RANDOM);
        Ed25519PrivateKey signer = Ed25519PrivateKey.generate(RANDOM);
        NoteItem item = cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, body);
        byte[] frame = FrameCodec.encode(new Frame.Publish(item));
        byte[] padded = Padme.pad(body);
        byte[] signed = item.encode();
        byte[] header = new byte[UpdateEnvelope.HEADER_LENGTH];
        int sink = 0;

        double t0 = now();
        for (int i = 0; i < iterations; i++) {
            NoteItem sealed = cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, body);
            sink += sendToJavaScript(FrameCodec.encode(new Frame.Publish(sealed)));
        }
        double t1 = now();
        for (int i = 0; i < iterations; i++) {
            sink += aead.encrypt(padded, header)[0];
        }
        double t2 = now();
        for (int i = 0; i < iterations; i++) {
            sink += signer.sign(signed)[0];
        }
        double t3 = now();
        for (int i = 0; i < iterations; i++) {
            sink += FrameCodec.encode(new Frame.Publish(item))[0];
        }
        double t4 = now();
        for (int i = 0; i < iterations; i++) {
            sink += sendToJavaScript(frame);
        }
        double t5 = now();
        return result((t1 - t0) / iterations, (t2 - t1) / iterations, (t3 - t2) / iterations,
                (t4 - t3) / iterations, (t5 - t4) / iterations, frame.length, sink);
    }

    /** What {@code NoteConnection.send} does with a frame before {@code WebSocket.send}. */
    private static int sendToJavaScript(byte[] frame) {
        return lengthOf(Int8Array.copyFromJavaArray(frame));
    }

    @JSBody(params = "array", script = "return array.length;")
    private static native int lengthOf(Int8Array array);

    @JSBody(script = "return performance.now();")
    private static native double now();

    @JSBody(params = {"whole", "aead", "sign", "frame", "copyOut", "frameLength", "sink"},
            script = "return { whole: whole, aead: aead, sign: sign, frame: frame, copyOut: copyOut,"
                    + " frameLength: frameLength, sink: sink };")
    private static native JSObject result(double whole, double aead, double sign, double frame, double copyOut,
            int frameLength, int sink);
}
