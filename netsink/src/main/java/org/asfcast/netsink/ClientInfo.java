package org.asfcast.netsink;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * A snapshot of one connected client (the SDK's {@code WM_CLIENT_PROPERTIES_EX}, and more).
 *
 * @param id             a number unique within this sink, in order of arrival
 * @param address        the client's IP address
 * @param port           the client's TCP port
 * @param dnsName        the client's host name, once the background lookup has found one (print
 *                       it through {@link ClientText#printable(String)} too: a PTR record is anyone's)
 * @param userAgent      the User-Agent it sent (empty when none), as sent: print it through
 *                       {@link ClientText#printable(String)}
 * @param protocol       MS-WMSP or plain HTTP
 * @param connectedSince when its stream started
 * @param bytesSent      bytes written to it so far (response head included)
 * @param packetsSkipped packets it missed because it was too slow (skip policy)
 * @param lagMillis      how far behind the broadcast it was at the last delivery pass, in ms of
 *                       broadcast time (send time of the newest packet produced less that of the
 *                       newest it took); 0 when it has taken all it was sent
 */
public record ClientInfo(long id, InetAddress address, int port, Optional<String> dnsName, String userAgent,
                         ClientProtocol protocol, Instant connectedSince, long bytesSent, long packetsSkipped,
                         long lagMillis) {
}
