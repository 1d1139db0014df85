package dev.modal4j.apps;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.newer.AppGetInfoRequest;
import dev.modal4j.proto.newer.AppHandleMetadata;
import dev.modal4j.proto.newer.NewerMethods;
import io.grpc.Status;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** AppGetInfo and its translation into {@link AppInfo}. */
final class AppInfos {
  private AppInfos() {}

  static CompletableFuture<AppInfo> fetch(ClientContext context, String appId) {
    return context
        .controlPlane()
        .unary(NewerMethods.APP_GET_INFO, AppGetInfoRequest.newBuilder().setAppId(appId).build())
        .handle(
            (r, err) -> {
              if (err != null) {
                Throwable cause = Futures.unwrap(err);
                if (cause instanceof NotFoundException) {
                  throw new NotFoundException(
                      "App '" + appId + "' not found", cause, Status.Code.NOT_FOUND);
                }
                throw cause instanceof RuntimeException
                    ? (RuntimeException) cause
                    : new dev.modal4j.ModalException(String.valueOf(cause), cause);
              }
              if (!r.hasInfo()) {
                throw new InvalidException("No information returned for App '" + appId + "'");
              }
              return info(r.getInfo(), appId);
            });
  }

  static AppInfo info(AppHandleMetadata m, String appId) {
    dev.modal4j.proto.newer.AppLifecycle l = m.getLifecycle();
    AppLifecycle lifecycle =
        new AppLifecycle(
            state(l.getAppState()),
            l.getVersion() > 0 ? OptionalInt.of(l.getVersion()) : OptionalInt.empty(),
            instant(l.getCreatedAt()),
            l.getCreatedBy(),
            l.getDeployedAt() > 0 ? Optional.of(instant(l.getDeployedAt())) : Optional.empty(),
            l.getDeployedBy().isEmpty() ? Optional.empty() : Optional.of(l.getDeployedBy()),
            l.getStoppedAt() > 0 ? Optional.of(instant(l.getStoppedAt())) : Optional.empty(),
            l.getStoppedBy().isEmpty() ? Optional.empty() : Optional.of(l.getStoppedBy()));
    return new AppInfo(
        appId, m.getDescription(), lifecycle, m.getFunctionsMap(), m.getServersMap());
  }

  static AppState state(dev.modal4j.proto.AppState s) {
    switch (s) {
      case APP_STATE_UNSPECIFIED:
      case APP_STATE_EPHEMERAL:
        return AppState.EPHEMERAL;
      case APP_STATE_DETACHED:
      case APP_STATE_DETACHED_DISCONNECTED:
        return AppState.DETACHED;
      case APP_STATE_DEPLOYED:
        return AppState.DEPLOYED;
      case APP_STATE_STOPPING:
        return AppState.STOPPING;
      case APP_STATE_STOPPED:
        return AppState.STOPPED;
      case APP_STATE_INITIALIZING:
        return AppState.INITIALIZING;
      case APP_STATE_DISABLED:
        return AppState.DISABLED;
      default:
        return AppState.UNKNOWN;
    }
  }

  private static Instant instant(double epochSeconds) {
    long secs = (long) Math.floor(epochSeconds);
    return Instant.ofEpochSecond(secs, (long) ((epochSeconds - secs) * 1e9));
  }
}
