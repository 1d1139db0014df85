package dev.modal4j.testing.sandboxes.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers' views of the volumes they mount, as Modal has them: a container sees the volume's
 * committed state as of its start (or its last reload), not other containers' writes, and its own
 * writes reach the volume (and the files API) only when it commits them: at a reload, and when it
 * ends.
 *
 * <p>Each view is a directory of its own (see {@link VolumeView}) under this registry's root, owned
 * by one container (its owner key, e.g. the backend spec id). Commits and refreshes of one volume
 * are serialised, so two containers committing at once each apply whole files, the later winning. A
 * volume deleted while mounted keeps its views until they end; their commits are dropped.
 */
public final class VolumeViews {
  private static final Logger log = LoggerFactory.getLogger(VolumeViews.class);

  private final Supplier<Path> root;
  private final BiFunction<String, String, Path> committed;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final AtomicLong counter = new AtomicLong();

  /**
   * Creates the registry.
   *
   * @param root the directory under which views are made; asked on first use
   * @param committed the committed directory of a volume id and sub path, made if missing
   */
  public VolumeViews(Supplier<Path> root, BiFunction<String, String, Path> committed) {
    this.root = root;
    this.committed = committed;
  }

  /**
   * Makes a view of {@code subPath} of the volume for the container {@code owner}, filled with the
   * volume's committed state now, and returns the directory to mount.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a sub path leaving the volume,
   *     NOT_FOUND for a deleted volume
   * @throws UncheckedIOException when the copy fails
   */
  public Path open(String owner, String volumeId, String subPath, boolean readOnly) {
    if (deleted.contains(volumeId)) {
      throw io.grpc.Status.NOT_FOUND
          .withDescription("Volume '" + volumeId + "' not found")
          .asRuntimeException();
    }
    Path source = committed.apply(volumeId, subPath);
    Path dir = root.get().resolve(owner).resolve(counter.incrementAndGet() + "-" + volumeId);
    VolumeView view = new VolumeView(volumeId, source, dir, readOnly);
    Owner o = owners.computeIfAbsent(owner, k -> new Owner());
    try {
      Files.createDirectories(dir);
      long started = System.nanoTime();
      synchronized (lock(volumeId)) {
        view.refresh();
      }
      log.debug(
          "view {} of {} for {}: {} bytes copied in {} ms",
          dir.getFileName(),
          volumeId,
          owner,
          view.lastManifest().bytes(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new UncheckedIOException("cannot make a view of volume " + volumeId, e);
    }
    if (!o.add(view)) {
      deleteQuietly(dir);
      throw new IllegalStateException("container " + owner + " has already ended");
    }
    return dir;
  }

  /**
   * Commits what the container changed in its (writable) views, then refreshes all its views from
   * the committed state; both are done when this returns. An unknown or ended owner has nothing to
   * reload.
   *
   * @throws UncheckedIOException when a copy fails
   */
  public void reload(String owner) {
    Owner o = owners.get(owner);
    if (o != null) {
      o.reload();
    }
  }

  /**
   * The container has ended: commits its writable views and deletes all of them. Idempotent; a
   * second caller returns once the first has finished.
   */
  public void end(String owner) {
    Owner o = owners.get(owner);
    if (o != null) {
      o.end(true);
      owners.remove(owner, o);
    }
  }

  /** Deletes the container's views without committing them (a container that never started). */
  public void discard(String owner) {
    Owner o = owners.get(owner);
    if (o != null) {
      o.end(false);
      owners.remove(owner, o);
    }
  }

  /**
   * The volume is deleted: from now on views of it commit nothing; {@code deleteData} (removing its
   * committed files) runs while no commit or refresh of it does.
   */
  public void volumeDeleted(String volumeId, Runnable deleteData) {
    synchronized (lock(volumeId)) {
      deleted.add(volumeId);
      deleteData.run();
    }
  }

  /** The owners that hold views now. */
  public Set<String> owners() {
    return Set.copyOf(owners.keySet());
  }

  private Object lock(String volumeId) {
    return locks.computeIfAbsent(volumeId, k -> new Object());
  }

  private void commit(VolumeView view) throws IOException {
    if (view.readOnly()) {
      return;
    }
    synchronized (lock(view.volumeId())) {
      if (!deleted.contains(view.volumeId())) {
        view.commit();
      }
    }
  }

  private void refresh(VolumeView view) throws IOException {
    synchronized (lock(view.volumeId())) {
      if (!deleted.contains(view.volumeId())) {
        view.refresh();
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      TreeEdits.deleteTree(dir);
      Path parent = dir.getParent();
      try (var left = Files.list(parent)) {
        if (left.findAny().isEmpty()) {
          Files.deleteIfExists(parent);
        }
      }
    } catch (IOException e) {
      log.debug("could not delete the volume view {}: {}", dir, e.toString());
    }
  }

  /** One container's views; its monitor orders its reloads and its end. */
  private final class Owner {
    private final List<VolumeView> views = new ArrayList<>();
    private boolean ended;

    synchronized boolean add(VolumeView view) {
      if (ended) {
        return false;
      }
      views.add(view);
      return true;
    }

    synchronized void reload() {
      if (ended) {
        return;
      }
      try {
        for (VolumeView v : views) {
          commit(v);
        }
        for (VolumeView v : views) {
          refresh(v);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reloading the volumes failed", e);
      }
    }

    synchronized void end(boolean commit) {
      if (ended) {
        return;
      }
      ended = true;
      for (VolumeView v : views) {
        if (commit) {
          try {
            commit(v);
          } catch (IOException | RuntimeException e) {
            log.warn(
                "the last commit of a view of volume {} failed: {}", v.volumeId(), e.toString());
          }
        }
        deleteQuietly(v.directory());
      }
      views.clear();
    }
  }
}
