package dev.vellum.client.sync;

/** An open connection to the note's relay. */
public interface FrameSender {
    void send(byte[] frame);

    /**
     * Closes this connection and opens a new one, which asks again for the history after {@link NoteSync#since()}.
     * Asked for when the server's history turned out to be another than the one this reader followed: the reader
     * then needs all of it again. Frames still arriving on this connection are ignored. A sender that cannot do
     * this does nothing: the reader then waits for the next connection, as after a drop.
     */
    default void reconnect() {
    }

    /**
     * Closes this connection for good: no new one is opened. Asked for when the person's session ended, which no
     * reconnection could mend. A sender that cannot do this does nothing; sync sends nothing more on it anyway.
     */
    default void close() {
    }
}
