package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.VolumeHeartbeatRequest;
import dev.modal4j.volumes.Volume;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VolumeEphemeralExpiryTest {
  private static ModalClientBlockingStub stub(ModalEmulator emulator) {
    Metadata credentials = new Metadata();
    credentials.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-t");
    credentials.put(
        Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-t");
    ModalClientBlockingStub plain =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    String token = plain.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
    credentials.put(Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER), token);
    return ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
  }

  @Test
  void heartbeatsKeepAnEphemeralVolumeAliveAndItExpiresWithoutThem() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<String> removed = new CopyOnWriteArrayList<>();
    try (ModalEmulator emulator = ModalEmulator.builder().clock(clock).start();
        ModalClient modal = emulator.newClient()) {
      emulator.classes().volumes().onRemoved(removed::add);
      ModalClientBlockingStub stub = stub(emulator);
      Volume scratch = modal.volumes().ephemeral();
      String id = scratch.volumeId();
      Instant deadline = Instant.now().plusSeconds(10);
      while (emulator.stats().count("VolumeHeartbeat") == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertThat(emulator.stats().count("VolumeHeartbeat")).isEqualTo(1);
      scratch.close();

      clock.advance(Duration.ofMinutes(9));
      stub.volumeHeartbeat(VolumeHeartbeatRequest.newBuilder().setVolumeId(id).build());
      clock.advance(Duration.ofMinutes(9));
      assertThat(emulator.classes().volumes().name(id)).contains("");
      assertThat(removed).isEmpty();

      clock.advance(Duration.ofMinutes(2));
      emulator.classes().volumes().sweep();
      assertThat(emulator.classes().volumes().name(id)).isEmpty();
      assertThat(removed).containsExactly(id);
      assertThatThrownBy(
              () ->
                  stub.volumeHeartbeat(VolumeHeartbeatRequest.newBuilder().setVolumeId(id).build()))
          .isInstanceOf(StatusRuntimeException.class)
          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
          .isEqualTo(Status.Code.NOT_FOUND);
    }
  }
}
