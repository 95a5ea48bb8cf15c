package dev.vellum.crypto.aead.browser;

import org.teavm.interop.Address;
import org.teavm.interop.Import;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.runtime.heap.Heap;

/**
 * One region of WebAssembly linear memory where {@link BrowserXChaCha20Poly1305} seals and opens messages. It comes
 * from TeaVM's allocator for linear memory (the one behind {@code ByteBuffer.allocateDirect} there) and is kept
 * between calls up to {@link #KEPT_CAPACITY}, so that saving a note's kept copy every few seconds does not allocate
 * and release megabytes each time; a larger one is given back after its call. Between calls it holds only
 * ciphertext (an opened message is wiped). JavaScript in a page runs one call at a time, so one region serves them
 * all.
 *
 * <p>Views into it are made after the region is reserved, never kept: growing linear memory replaces its buffer and
 * detaches every view made before.
 */
final class ScratchMemory {
    private static final int KEPT_CAPACITY = 4 << 20;
    private static final int MIN_CAPACITY = 64 << 10;

    private static Address region;
    private static int capacity;

    private ScratchMemory() {
    }

    /**
     * The start of at least {@code length} bytes, valid until the next call to this method. The region grows to the
     * next power of two (at least 64 KiB), so a note that grows a little with every save does not reallocate it
     * each time.
     *
     * @throws OutOfMemoryError if linear memory cannot grow that far
     */
    static Address reserve(int length) {
        if (length > capacity) {
            if (region != null) {
                Heap.release(region);
            }
            region = null;
            capacity = 0;
            int size = Math.max(MIN_CAPACITY, length > 1 << 30 ? length : Integer.highestOneBit(length - 1) << 1);
            Address allocated = Heap.alloc(size);
            if (allocated.toInt() == 0) {
                // TeaVM's allocator answers 0 when memory cannot grow: writing there would overwrite its own data.
                throw new OutOfMemoryError("no " + size + " bytes of linear memory for a message");
            }
            region = allocated;
            capacity = size;
        }
        return region;
    }

    /** Gives a region larger than the kept capacity back, once its call is over. */
    static void trim() {
        if (capacity > KEPT_CAPACITY) {
            Heap.release(region);
            region = null;
            capacity = 0;
        }
    }

    /** A view of {@code length} bytes from {@code start}, for one copy in or out. */
    static Int8Array view(Address start, int length) {
        return new Int8Array(linearMemory(), start.toInt(), length);
    }

    /**
     * Fills {@code length} bytes from {@code start} from the platform's CSPRNG, straight into linear memory (one call
     * instead of a JavaScript array copied into a Java one and then in).
     */
    static void fillRandom(Address start, int length) {
        getRandomValues(view(start, length));
    }

    @JSBody(params = "view", script = "crypto.getRandomValues(view);")
    private static native void getRandomValues(Int8Array view);

    /** The module's linear memory, as TeaVM's own JavaScript glue provides it. */
    @Import(module = "teavmMemory", name = "linearMemory")
    private static native ArrayBuffer linearMemory();
}
