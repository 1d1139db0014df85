package dev.modal4j.apps;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.AppListRequest;
import dev.modal4j.proto.AppListResponse.AppListItem;
import dev.modal4j.proto.AppStopRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** AppList and AppStop, and the translation of AppList's items. */
final class AppListing {
  private AppListing() {}

  static CompletableFuture<List<AppSummary>> list(ClientContext context, String environment) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getAppListMethod(),
            AppListRequest.newBuilder().setEnvironmentName(environment).build())
        .thenApply(r -> r.getAppsList().stream().map(AppListing::summary).toList());
  }

  static CompletableFuture<Void> stop(ClientContext context, String appId) {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getAppStopMethod(), AppStopRequest.newBuilder().setAppId(appId).build())
        .thenApply(e -> null);
  }

  private static AppSummary summary(AppListItem item) {
    return new AppSummary(
        item.getAppId(),
        item.getName(),
        item.getDescription(),
        AppInfos.state(item.getState()),
        instant(item.getCreatedAt()),
        item.getStoppedAt() > 0 ? Optional.of(instant(item.getStoppedAt())) : Optional.empty(),
        item.getNRunningTasks());
  }

  private static Instant instant(double epochSeconds) {
    long secs = (long) Math.floor(epochSeconds);
    return Instant.ofEpochSecond(secs, (long) ((epochSeconds - secs) * 1e9));
  }
}
