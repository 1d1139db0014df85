package dev.modal4j.testing.sandboxes.docker;

import dev.modal4j.testing.sandboxes.backend.OutboundPolicy;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's outbound policy enforced with the host's iptables, where the emulator runs as root
 * beside a local engine with iptables: a chain of the container's own, jumped to from Docker's
 * {@code DOCKER-USER} chain for packets from the container's address, which lets through replies to
 * connections made to the container, DNS, each allowed CIDR and the IPv4 addresses the allowed
 * domains resolve to at the time of the update, and rejects the rest. Established connections the
 * new policy does not allow are cut too, as on Modal.
 *
 * <p>What it does not do: domain wildcards ({@code *.example.com}) cannot be resolved to addresses,
 * so they allow nothing; IPv6 is not filtered; and traffic to the host itself (the Docker bridge's
 * gateway) is not forwarded traffic, so it is not filtered either. A policy that allows all ({@code
 * 0.0.0.0/0} or {@code *}) removes the chain.
 */
final class ContainerFirewall {
  private static final Logger log = LoggerFactory.getLogger(ContainerFirewall.class);
  private static final String PARENT = "DOCKER-USER";

  private final String chain;
  private final String address;
  private boolean installed;

  private ContainerFirewall(String chain, String address) {
    this.chain = chain;
    this.address = address;
  }

  /** Whether this host can enforce policies: root, an iptables binary and Docker's chain. */
  static boolean available() {
    return Files.isExecutable(Path.of("/usr/sbin/iptables"))
        && "root".equals(System.getProperty("user.name"))
        && run(List.of("-n", "-L", PARENT)) == 0;
  }

  /** The firewall of the container with this id and bridge address. */
  static ContainerFirewall of(String containerId, String address) {
    return new ContainerFirewall(
        "M4J-" + containerId.substring(0, 12).toUpperCase(Locale.ROOT), address);
  }

  /** Replaces the rules with {@code policy}'s. */
  synchronized void apply(OutboundPolicy policy) throws IOException {
    remove();
    if (policy.allowsAll()) {
      return;
    }
    List<List<String>> rules = new ArrayList<>();
    rules.add(List.of("-N", chain));
    rules.add(List.of("-A", chain, "-m", "conntrack", "--ctdir", "REPLY", "-j", "RETURN"));
    rules.add(List.of("-A", chain, "-p", "udp", "--dport", "53", "-j", "RETURN"));
    rules.add(List.of("-A", chain, "-p", "tcp", "--dport", "53", "-j", "RETURN"));
    for (String cidr : policy.cidrs()) {
      if (!cidr.contains(":")) {
        rules.add(List.of("-A", chain, "-d", cidr, "-j", "RETURN"));
      }
    }
    for (String domain : policy.domains()) {
      for (String ip : resolve(domain)) {
        rules.add(List.of("-A", chain, "-d", ip, "-j", "RETURN"));
      }
    }
    rules.add(List.of("-A", chain, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset"));
    rules.add(List.of("-A", chain, "-j", "REJECT"));
    rules.add(List.of("-I", PARENT, "1", "-s", address, "-j", chain));
    installed = true;
    for (List<String> rule : rules) {
      if (run(rule) != 0) {
        remove();
        throw new IOException("iptables refused " + String.join(" ", rule));
      }
    }
  }

  /** Removes the rules; idempotent. */
  synchronized void remove() {
    if (!installed) {
      return;
    }
    run(List.of("-D", PARENT, "-s", address, "-j", chain));
    run(List.of("-F", chain));
    run(List.of("-X", chain));
    installed = false;
  }

  private static List<String> resolve(String domain) {
    if (domain.startsWith("*.")) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    try {
      for (InetAddress a : InetAddress.getAllByName(domain)) {
        if (a instanceof Inet4Address) {
          addresses.add(a.getHostAddress());
        }
      }
    } catch (UnknownHostException e) {
      log.debug("allowed domain {} does not resolve here; it allows nothing", domain);
    }
    return addresses;
  }

  private static int run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("/usr/sbin/iptables");
    command.add("-w");
    command.addAll(args);
    return exec(command);
  }

  private static int exec(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      if (p.exitValue() != 0) {
        log.debug("{} exited {}: {}", command, p.exitValue(), output.strip());
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
