package dev.modal4j.testing.sandboxes;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.modal4j.proto.StringMap;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code secret_sources} Modal's JS SDK 0.11.1 sends on SandboxCreateV2 (field 6) and
 * TaskExecStart (field 13): the secrets in order, each a server secret id (field 1) or an inline
 * env map (field 2, a StringMap). The wire facts the project's protos are checked against predate
 * those fields, so they are not declared; the emulator reads them from a request's unknown fields.
 */
public final class SecretSources {
  /** SandboxCreateV2Request.secret_sources. */
  public static final int CREATE_V2_FIELD = 6;

  /** TaskExecStartRequest.secret_sources. */
  public static final int EXEC_START_FIELD = 13;

  private SecretSources() {}

  /**
   * The variables of {@code request}'s secret sources in field {@code field}, later ones winning;
   * empty when it has none.
   *
   * @param secretEnv the variables of server secrets by id (NOT_FOUND for an unknown one)
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a malformed source
   */
  public static Map<String, String> env(
      Message request, int field, Function<List<String>, Map<String, String>> secretEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    UnknownFieldSet.Field sources = request.getUnknownFields().getField(field);
    for (ByteString source : sources.getLengthDelimitedList()) {
      try {
        UnknownFieldSet parts = UnknownFieldSet.parseFrom(source);
        for (ByteString id : parts.getField(1).getLengthDelimitedList()) {
          env.putAll(secretEnv.apply(List.of(id.toStringUtf8())));
        }
        for (ByteString map : parts.getField(2).getLengthDelimitedList()) {
          env.putAll(StringMap.parseFrom(map).getContentsMap());
        }
      } catch (InvalidProtocolBufferException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription("malformed secret source: " + e.getMessage())
            .asRuntimeException();
      }
    }
    return env;
  }
}
