package dev.modal4j.testing.sandboxes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.modal4j.testing.sandboxes.backend.OutboundPolicy;
import dev.modal4j.testing.sandboxes.backend.ResourceSample;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the container backend does for a sandbox besides running commands: its resource figures
 * ({@link ContainerStats}) and its outbound policy ({@link ContainerFirewall}, where the host
 * allows; a container started with the network blocked has no network to filter).
 */
final class ContainerControls {
  private static final Logger log = LoggerFactory.getLogger(ContainerControls.class);

  private final DockerClient client;
  private final URI engine;
  private final String containerId;
  private ContainerFirewall firewall;
  private String address;

  ContainerControls(DockerClient client, URI engine, String containerId) {
    this.client = client;
    this.engine = engine;
    this.containerId = containerId;
  }

  Optional<ResourceSample> sample() {
    try {
      return ContainerStats.read(engine, containerId);
    } catch (IOException | RuntimeException e) {
      log.debug("no stats for container {}: {}", containerId, e.toString());
      return Optional.empty();
    }
  }

  /** The container's address on its bridge network; empty without a network. */
  synchronized Optional<String> address() {
    if (address == null) {
      try {
        String ip =
            client.inspectContainerCmd(containerId).exec().getNetworkSettings().getIpAddress();
        address = ip == null ? "" : ip;
      } catch (DockerException e) {
        return Optional.empty();
      }
    }
    return address.isEmpty() ? Optional.empty() : Optional.of(address);
  }

  synchronized boolean apply(OutboundPolicy policy) {
    if (!"unix".equals(engine.getScheme()) || !ContainerFirewall.available()) {
      return false;
    }
    try {
      if (firewall == null) {
        Optional<String> ip = address();
        if (ip.isEmpty()) {
          return false;
        }
        firewall = ContainerFirewall.of(containerId, ip.get());
      }
      firewall.apply(policy);
      return true;
    } catch (IOException | DockerException e) {
      log.warn("cannot enforce the network policy of container {}: {}", containerId, e.toString());
      return false;
    }
  }

  synchronized void release() {
    if (firewall != null) {
      firewall.remove();
    }
  }
}
