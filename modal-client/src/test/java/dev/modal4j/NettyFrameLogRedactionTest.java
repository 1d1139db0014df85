package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With DEBUG on for gRPC's Netty handlers (src/test/resources/simplelogger.properties), the HTTP/2
 * frame logs of a real loopback connection show the credential headers, but never their values, on
 * modal4j's side. The server in this test is not modal4j's: its Netty logging is left exactly as it
 * would be without modal4j, credentials included.
 */
@Timeout(30)
class NettyFrameLogRedactionTest {
  private static final String SECRET = "as-FRAME-LOG-secret-4b1d";

  @Test
  void modalsFrameLogsHideCredentialsAndOtherNettyLoggingIsUntouched() throws Exception {
    String jwt = FakeModalServer.jwt(Instant.ofEpochSecond(4_102_444_800L));
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .bossEventLoopGroup(loop)
            .workerEventLoopGroup(loop)
            .channelType(NioServerSocketChannel.class)
            .directExecutor()
            .addService(service(jwt))
            .build()
            .start();
    try (ModalClient client =
        ModalClient.builder()
            .tokenId("ak-frames")
            .tokenSecret(SECRET)
            .serverUrl("http://127.0.0.1:" + server.getPort())
            .environmentVariables(Map.of())
            .homeDirectory(Path.of("target", "no-such-home"))
            .build()) {
      assertThat(client.apps().fromName("frames").appId()).isEqualTo("ap-frames");
      assertThat(client.apps().fromName("frames2").appId()).isEqualTo("ap-frames2");
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    String log = Files.readString(Path.of("target", "modal4j-test.log"), StandardCharsets.UTF_8);
    List<String> clientHeaders = frameLines(log, "io.grpc.netty.NettyClientHandler", "HEADERS");
    List<String> serverHeaders = frameLines(log, "io.grpc.netty.NettyServerHandler", "HEADERS");
    assertThat(clientHeaders)
        .anySatisfy(l -> assertThat(l).contains("OUTBOUND", "x-modal-token-secret: <redacted>"))
        .anySatisfy(l -> assertThat(l).contains("OUTBOUND", "x-modal-auth-token: <redacted>"));
    assertThat(serverHeaders)
        .as("a Netty server that is not modal4j's logs as it would without modal4j")
        .anySatisfy(l -> assertThat(l).contains("INBOUND", "x-modal-token-secret: " + SECRET))
        .anySatisfy(l -> assertThat(l).contains("INBOUND", "x-modal-auth-token: " + jwt))
        .noneSatisfy(l -> assertThat(l).contains("<redacted"));
    assertThat(frameLines(log, "io.grpc.netty.NettyClientHandler", "DATA"))
        .anySatisfy(l -> assertThat(l).contains("INBOUND", "<redacted-jwt>"));

    String jwtStartHex =
        HexFormat.of().formatHex(jwt.substring(0, 24).getBytes(StandardCharsets.UTF_8));
    String modalsSide =
        log.lines()
            .filter(l -> !l.contains("io.grpc.netty.NettyServerHandler"))
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(modalsSide)
        .contains("ak-frames")
        .doesNotContain(SECRET)
        .doesNotContain(jwt)
        .doesNotContain(jwt.substring(jwt.indexOf('.') + 1))
        .doesNotContain(jwtStartHex);
  }

  private static List<String> frameLines(String log, String logger, String frame) {
    return log.lines().filter(l -> l.contains(logger) && l.contains(" " + frame + ":")).toList();
  }

  private static ModalClientGrpc.ModalClientImplBase service(String jwt) {
    return new ModalClientGrpc.ModalClientImplBase() {
      @Override
      public void authTokenGet(AuthTokenGetRequest r, StreamObserver<AuthTokenGetResponse> o) {
        o.onNext(AuthTokenGetResponse.newBuilder().setToken(jwt).build());
        o.onCompleted();
      }

      @Override
      public void appGetOrCreate(
          AppGetOrCreateRequest r, StreamObserver<AppGetOrCreateResponse> o) {
        o.onNext(AppGetOrCreateResponse.newBuilder().setAppId("ap-" + r.getAppName()).build());
        o.onCompleted();
      }
    };
  }
}
