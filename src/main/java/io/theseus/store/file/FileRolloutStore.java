package io.theseus.store.file;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theseus.rollout.CanaryRef;
import io.theseus.rollout.RolloutStatus;
import io.theseus.store.RolloutStore;
import io.theseus.store.RolloutStoreException;
import io.theseus.store.StaleStatusException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps each rollout's status as JSON in {@code <dir>/<namespace>/<name>.json}, for local runs.
 * Writes go to a temp file that is flushed and then atomically moved over the old one, so a crash
 * never leaves a torn status; a write is refused when the file no longer holds the status it was
 * decided from. All file I/O runs on a worker thread.
 */
public final class FileRolloutStore implements RolloutStore {

  private final Vertx vertx;
  private final Path dir;
  private final ObjectMapper mapper;

  public FileRolloutStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
    this.mapper =
        DatabindCodec.mapper()
            .copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Override
  public Future<Optional<RolloutStatus>> read(CanaryRef ref) {
    return vertx.executeBlocking(() -> readBlocking(ref), false);
  }

  @Override
  public Future<Void> write(CanaryRef ref, Optional<RolloutStatus> read, RolloutStatus status) {
    return vertx.executeBlocking(() -> writeIfUnchanged(ref, read, status), false);
  }

  /**
   * Check and replace are not atomic across processes: one engine owns a directory (the demo and
   * local runs), so this guards against a stale decision of that engine only.
   */
  private Void writeIfUnchanged(CanaryRef ref, Optional<RolloutStatus> read, RolloutStatus status) {
    Optional<RolloutStatus> stored = readBlocking(ref);
    if (!stored.equals(read) && !stored.equals(Optional.of(status))) {
      throw new StaleStatusException(
          ref + ": write status refused: the status changed since this tick read it");
    }
    return writeBlocking(ref, status);
  }

  private Optional<RolloutStatus> readBlocking(CanaryRef ref) {
    Path file = fileOf(ref);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readValue(file.toFile(), RolloutStatus.class));
    } catch (IOException e) {
      throw new RolloutStoreException(ref + ": read status from " + file + " failed: " + e, e);
    }
  }

  private Void writeBlocking(CanaryRef ref, RolloutStatus status) {
    Path file = fileOf(ref);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(mapper.writeValueAsBytes(status)));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return null;
    } catch (IOException e) {
      throw new RolloutStoreException(ref + ": write status to " + file + " failed: " + e, e);
    }
  }

  private Path fileOf(CanaryRef ref) {
    return dir.resolve(ref.namespace()).resolve(ref.name() + ".json");
  }
}
