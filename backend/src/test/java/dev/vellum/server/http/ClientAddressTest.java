package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-address keys: IPv6 by /64, and the client behind a trusted proxy from the hop that proxy added. */
class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.1", "::1"));

    @Test
    void ipv6Addresses_inOneSlash64_shareAKey_andOtherSlash64sDoNot() {
        assertEquals(RemoteAddress.keyOf("2001:db8:1:2::1"), RemoteAddress.keyOf("2001:db8:1:2:ffff:1234:5:6"));
        assertEquals("2001:db8:1:2::/64", RemoteAddress.keyOf("2001:DB8:1:2:0:0:0:9"));
        assertNotEquals(RemoteAddress.keyOf("2001:db8:1:2::1"), RemoteAddress.keyOf("2001:db8:1:3::1"));
    }

    @Test
    void ipv4Addresses_areWhole_evenWhenMappedIntoIpv6() {
        assertEquals("192.0.2.7", RemoteAddress.keyOf("192.0.2.7"));
        assertEquals("192.0.2.7", RemoteAddress.keyOf("::ffff:192.0.2.7"));
        assertNotEquals(RemoteAddress.keyOf("192.0.2.7"), RemoteAddress.keyOf("192.0.2.8"));
    }

    @Test
    void aTrustedProxysPeer_isKeyedOnTheHopItAdded_notOnWhatTheClientWrote() {
        assertEquals("192.0.2.7", behindProxy.keyOf("10.0.0.1", List.of("198.51.100.1, 192.0.2.7")));
        assertEquals("192.0.2.7", behindProxy.keyOf("10.0.0.1", List.of("198.51.100.1", "192.0.2.7")));
        assertEquals("2001:db8:1:2::/64", behindProxy.keyOf("0:0:0:0:0:0:0:1", List.of("2001:db8:1:2::5")));
    }

    @Test
    void throughAChainOfTrustedProxies_theClientIsTheLastHopThatIsNotOne() {
        assertEquals("192.0.2.7", behindProxy.keyOf("10.0.0.1", List.of("198.51.100.1, 192.0.2.7, ::1")));
    }

    @Test
    void forwardedFor_fromAnyOtherPeer_isIgnored() {
        assertEquals("203.0.113.5", behindProxy.keyOf("203.0.113.5", List.of("192.0.2.7")));
    }

    @Test
    void aTrustedProxy_withoutAUsableHop_isItsOwnKey() {
        assertEquals("10.0.0.1", behindProxy.keyOf("10.0.0.1", List.of()));
        assertEquals("10.0.0.1", behindProxy.keyOf("10.0.0.1", List.of("192.0.2.7, example.com")));
    }
}
