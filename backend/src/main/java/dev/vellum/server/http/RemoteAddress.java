package dev.vellum.server.http;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import java.util.Arrays;

/**
 * IP addresses as the server's limits see them. {@link #of} is the key of a peer's per-address limits, quotas and
 * connection counts: an IPv4 address as it is, an IPv6 address cut to its /64 (one subscriber gets a whole /64, so
 * keying whole IPv6 addresses would give each person 2^64 allowances), an IPv4-mapped IPv6 address as its IPv4.
 * {@link #exact} is the whole address in one canonical text, for comparing with configured proxies.
 */
public final class RemoteAddress {
    private static final int IPV6_PREFIX_BYTES = 8;

    private RemoteAddress() {
    }

    /** The limit key of the peer; its socket address's text if it has no IP (a domain socket); "unknown" if absent. */
    public static String of(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String host = remote.hostAddress();
        return host != null ? keyOf(host) : remote.toString();
    }

    /** The peer's whole address, canonical ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}); "unknown" if absent. */
    public static String exact(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String host = remote.hostAddress();
        return host != null ? canonical(host) : remote.toString();
    }

    /** The limit key of an address given as text; text that is not an IP literal is returned as it is. */
    public static String keyOf(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, IPV6_PREFIX_BYTES), 16);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }

    /** One text per address; text that is not an IP literal is returned as it is. */
    public static String canonical(String address) {
        byte[] bytes = parse(address);
        return bytes == null ? address : NetUtil.bytesToIpAddress(bytes);
    }

    /** The address's bytes (4 for IPv4 and IPv4-mapped IPv6, else 16), or null for anything but an IP literal. */
    static byte[] parse(String address) {
        String text = address.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        // A literal parser only: InetAddress.getByName would look a name up in the DNS.
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
