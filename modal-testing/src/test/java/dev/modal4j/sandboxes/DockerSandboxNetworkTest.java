package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tunnels, tokens, network policy and usage on the container backend, with the policy enforced
 * (where the host has iptables and the emulator runs as root); skipped, saying why, where no Docker
 * engine answers.
 */
class DockerSandboxNetworkTest extends SandboxNetworkContract {
  @BeforeAll
  static void start() {
    startEmulator(SandboxBackendType.DOCKER);
  }

  private static int connectExit(Sandbox from, String address, int port) {
    return from.exec(
            List.of(
                "python3",
                "-c",
                "import socket, sys\nsocket.create_connection((sys.argv[1], int(sys.argv[2])), 3)",
                address,
                Integer.toString(port)))
        .waitFor();
  }

  @Test
  void blockingThenAllowingOutboundTrafficIsEnforced() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/sbin/iptables")),
        "enforcement needs root and iptables");
    int port = 8000;
    try (Sandbox server = httpServer(port, SandboxCreateParams.builder());
        Sandbox client = modal.sandboxes().create(app, image)) {
      String address =
          server
              .exec(
                  List.of(
                      "python3",
                      "-c",
                      "import socket; print(socket.gethostbyname(socket.gethostname()))"))
              .stdout()
              .readText()
              .strip();
      assertThat(connectExit(client, address, port)).as("before any policy").isZero();
      client.updateNetworkPolicy(
          NetworkPolicyParams.builder()
              .outboundCidrAllowlist(List.of())
              .outboundDomainAllowlist(List.of())
              .build());
      assertThat(connectExit(client, address, port)).as("everything blocked").isNotZero();
      // the server, whose policy did not change, still reaches out
      assertThat(connectExit(server, address, port)).isZero();
      client.updateNetworkPolicy(
          NetworkPolicyParams.builder()
              .outboundCidrAllowlist(List.of(address + "/32"))
              .outboundDomainAllowlist(List.of())
              .build());
      assertThat(connectExit(client, address, port)).as("the server's address allowed").isZero();
      client.updateNetworkPolicy(
          NetworkPolicyParams.builder()
              .outboundCidrAllowlist(List.of("192.0.2.0/24"))
              .outboundDomainAllowlist(List.of())
              .build());
      assertThat(connectExit(client, address, port)).as("another range allowed").isNotZero();
      client.updateNetworkPolicy(
          NetworkPolicyParams.builder()
              .outboundCidrAllowlist(List.of("0.0.0.0/0"))
              .outboundDomainAllowlist(List.of())
              .build());
      assertThat(connectExit(client, address, port)).as("all allowed").isZero();
    }
  }

  @Test
  void theCreateTimeAllowlistIsEnforcedToo() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/sbin/iptables")),
        "enforcement needs root and iptables");
    int port = 8000;
    try (Sandbox server = httpServer(port, SandboxCreateParams.builder());
        Sandbox open = modal.sandboxes().create(app, image);
        Sandbox limited =
            modal
                .sandboxes()
                .create(
                    app,
                    image,
                    SandboxCreateParams.builder()
                        .outboundCidrAllowlist(List.of("192.0.2.0/24"))
                        .build())) {
      String address =
          server
              .exec(
                  List.of(
                      "python3",
                      "-c",
                      "import socket; print(socket.gethostbyname(socket.gethostname()))"))
              .stdout()
              .readText()
              .strip();
      assertThat(connectExit(open, address, port)).as("no allowlist").isZero();
      assertThat(connectExit(limited, address, port)).as("another range only").isNotZero();
    }
  }
}
