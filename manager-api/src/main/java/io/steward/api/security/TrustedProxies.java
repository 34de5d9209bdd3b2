package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code Forwarded}/{@code X-Forwarded-*} headers are believed
 * ({@code steward.http.trusted-proxies}: IP addresses and CIDR ranges, none by default). Anyone can send those headers;
 * only a request whose peer address is one of these may say which scheme and host the client used.
 */
@Singleton
public class TrustedProxies {
    private final List<IpSubnetFilterRule> ranges;

    TrustedProxies(@Value("${steward.http.trusted-proxies:}") List<String> entries) {
        List<IpSubnetFilterRule> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                parsed.add(range(entry.trim()));
            }
        }
        this.ranges = List.copyOf(parsed);
    }

    /** Whether the request came straight from a trusted proxy. */
    public boolean trusts(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null && ranges.stream().anyMatch(r -> r.matches(peer));
    }

    private static IpSubnetFilterRule range(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        // A literal only: a host name would be looked up in DNS, and could change under us.
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
        if (address == null) {
            throw invalid(entry);
        }
        int bits = address instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(entry);
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry);
            }
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    private static ConfigurationException invalid(String entry) {
        return new ConfigurationException("steward.http.trusted-proxies: `" + entry + "` is not an IP address or a"
                + " CIDR range such as 10.0.0.0/8 or fd00::/8");
    }
}
