package dev.modal4j.testing.sandboxes.router;

import java.util.ArrayList;
import java.util.List;

/** The router areas every emulator serves, in binding order (a later one wins). */
final class RouterAreas {
  private RouterAreas() {}

  static List<RouterArea> create(RouterContext context) {
    List<RouterArea> areas = new ArrayList<>();
    // Each area is one line here.
    areas.add(new ContainersArea(context));
    areas.add(new dev.modal4j.testing.sandboxes.snapshots.SnapshotRouterArea(context));
    return areas;
  }
}
