package app.duizhao.importing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What the URL import may fetch: http(s) URLs with a host and no credentials, on public, globally routable unicast
 * addresses only (no loopback, private, link-local, cloud metadata, documentation or other reserved ranges, also
 * when an IPv6 address embeds an IPv4 one).
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    /** Checks the form of a URL (scheme, host, no credentials); addresses are checked by {@link #isPublic} once resolved. */
    static URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "There is no URL to import.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "\"" + url + "\" is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "Duizhao fetches only http and https "
                    + "addresses, not \"" + url + "\".");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "Duizhao does not fetch URLs with a user "
                    + "name or password in them.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "\"" + url + "\" has no host name.");
        }
        return uri;
    }

    /** Whether an address is a public, globally routable unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                   // 0.0.0.0/8 "this network"
                || a0 == 10                                // private
                || a0 == 100 && a1 >= 64 && a1 <= 127      // carrier-grade NAT 100.64/10
                || a0 == 127                               // loopback
                || a0 == 169 && a1 == 254                  // link-local, cloud metadata
                || a0 == 172 && a1 >= 16 && a1 <= 31       // private
                || a0 == 192 && a1 == 0 && a2 == 0         // IETF protocol assignments
                || a0 == 192 && a1 == 0 && a2 == 2         // TEST-NET-1
                || a0 == 192 && a1 == 88 && a2 == 99       // 6to4 relay anycast
                || a0 == 192 && a1 == 168                  // private
                || a0 == 198 && (a1 == 18 || a1 == 19)     // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100      // TEST-NET-2
                || a0 == 203 && a1 == 0 && a2 == 113       // TEST-NET-3
                || a0 >= 224);                             // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        // IPv4 embedded forms: mapped ::ffff:a.b.c.d (Java usually hands these over as Inet4Address already),
        // compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d — judged by the IPv4 address inside.
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || b[10] == 0 && b[11] == 0)) {
            return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]});
        }
        int first = b[0] & 0xff;
        // Only global unicast 2000::/3 is public; that excludes ::, ::1, fc00::/7, fe80::/10, fec0::/10, ff00::/8,
        // 64:ff9b::/96, 100::/64.
        if ((first & 0xe0) != 0x20) {
            return false;
        }
        int second = b[1] & 0xff;
        if (first == 0x20 && second == 0x01) {
            int third = b[2] & 0xff;
            int fourth = b[3] & 0xff;
            if (third == 0x0d && fourth == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (third < 0x02) {
                return false; // 2001::/23 IETF protocol assignments, Teredo 2001::/32
            }
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(new byte[]{b[2], b[3], b[4], b[5]}); // 6to4 2002::/16 embeds an IPv4 address
        }
        return true;
    }
}
