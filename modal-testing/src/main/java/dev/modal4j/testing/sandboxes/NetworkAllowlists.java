package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.Sandbox;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The server's checks of a definition's allowlists: every outbound and inbound CIDR must be an IP
 * address with an optional prefix length that fits it ({@code Invalid CIDR: <value>}), every
 * outbound domain a host name, optionally with a leading {@code *.} ({@code Invalid domain:
 * <value>}). Modal's SDKs send the lists unchecked and rely on these.
 */
public final class NetworkAllowlists {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private NetworkAllowlists() {}

  /** Checks the allowlists of {@code d}; INVALID_ARGUMENT naming the first bad entry. */
  static void check(Sandbox d) {
    d.getNetworkAccess().getAllowedCidrsList().forEach(NetworkAllowlists::checkCidr);
    d.getInboundCidrAllowlistList().forEach(NetworkAllowlists::checkCidr);
    for (String domain : d.getNetworkAccess().getAllowedDomainsList()) {
      if (!isDomain(domain)) {
        throw SandboxDefinitions.invalid("Invalid domain: " + domain);
      }
    }
  }

  /**
   * Checks an outbound policy's lists as {@link #check(Sandbox)} does, with {@code *} accepted as
   * every domain.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the first bad entry
   */
  public static void checkOutbound(NetworkAccess access) {
    access.getAllowedCidrsList().forEach(NetworkAllowlists::checkCidr);
    for (String domain : access.getAllowedDomainsList()) {
      // "*" alone allows every domain
      if (!domain.equals("*") && !isDomain(domain)) {
        throw SandboxDefinitions.invalid("Invalid domain: " + domain);
      }
    }
  }

  private static void checkCidr(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    int bits;
    if (IPV4.matcher(address).matches()) {
      bits = 32;
      for (String part : address.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw SandboxDefinitions.invalid("Invalid CIDR: " + cidr);
        }
      }
    } else if (IPV6.matcher(address).matches() && literal(address)) {
      bits = 128;
    } else {
      throw SandboxDefinitions.invalid("Invalid CIDR: " + cidr);
    }
    if (slash >= 0) {
      String prefix = cidr.substring(slash + 1);
      if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
        throw SandboxDefinitions.invalid("Invalid CIDR: " + cidr);
      }
    }
  }

  private static boolean literal(String ipv6) {
    try {
      // a string with ':' is only ever parsed as a literal, never looked up
      InetAddress.getByName(ipv6);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isDomain(String domain) {
    String name = domain.startsWith("*.") ? domain.substring(2) : domain;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
