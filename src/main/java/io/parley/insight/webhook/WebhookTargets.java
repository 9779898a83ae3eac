package io.parley.insight.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import io.parley.insight.InsightException;

/**
 * Where webhooks may go. An admin's webhook URL is a request the server makes from inside the network, and its
 * answer lands in the delivery log: pointing it at {@code 127.0.0.1}, the cloud metadata address or a private service
 * would be server-side request forgery. Loopback, link-local, private (RFC 1918, unique-local IPv6), carrier-grade
 * NAT, multicast and unspecified addresses are refused, at configuration and again at every delivery (the name may
 * resolve elsewhere by then), unless {@code parley.insight.webhooks.allow-private-targets} is set.
 */
final class WebhookTargets {

    private final boolean allowPrivate;

    WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** @throws InsightException {@code webhook_target_forbidden} (400) when the host is or resolves to an internal address */
    void check(URI url) {
        if (allowPrivate) {
            return;
        }
        String host = url.getHost();
        if (host == null) {
            throw forbidden("url has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        catch (UnknownHostException e) {
            throw InsightException.badRequest("webhook_url_invalid", "The host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw forbidden(host + " is an internal address (" + address.getHostAddress() + ")");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 192.0.0.0/24 protocol assignments, 198.18.0.0/15 benchmarking
            return first == 0 || first == 100 && second >= 64 && second < 128 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                    || first == 198 && (second == 18 || second == 19) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            // fc00::/7 unique local; ::ffff:a.b.c.d mapped IPv4 is checked as the IPv4 address
            if ((first & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                }
                catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InsightException forbidden(String why) {
        return InsightException.badRequest("webhook_target_forbidden", "Webhooks may not target internal addresses: " + why
                + " (set parley.insight.webhooks.allow-private-targets=true to allow them)");
    }
}
