package dev.vellum.client.sync;

/** An open connection to the note's relay. */
public interface FrameSender {
    void send(byte[] frame);
}
