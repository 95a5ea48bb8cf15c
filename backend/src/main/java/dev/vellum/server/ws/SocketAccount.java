package dev.vellum.server.ws;

import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.DeviceDirectory;

/**
 * Who is on a note socket: the session its cookie named before the upgrade ({@code null} for an anonymous socket),
 * the directory that admits items signed by account devices, and the registry that closes the socket when the
 * session ends.
 */
record SocketAccount(ActiveSession session, DeviceDirectory devices, SessionSockets sockets) {
}
