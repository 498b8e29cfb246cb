package io.theseus.kube;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rig of one adapter test, registered with {@code @RegisterExtension} on an instance field: a
 * fresh {@link KubeTestServer}, a {@link VertxLoop} and a {@link KubeCalls} pool on it, all started
 * with the test instance and closed after each test (after the test's own {@code @AfterEach}).
 */
public final class KubeRig implements AfterEachCallback {

  public final KubeTestServer server = KubeTestServer.start();
  public final VertxLoop loop = new VertxLoop();
  public final KubeCalls kube;

  /** A rig whose calls use the daemon's default timeouts and retries. */
  public KubeRig() {
    this(KubeCallOptions.DEFAULT);
  }

  /** A rig whose calls use {@code options}. */
  public KubeRig(KubeCallOptions options) {
    this.kube = new KubeCalls(loop.vertx(), options);
  }

  /**
   * Call options for fault tests: two workers, a 5 s timeout and {@code attempts} tries with short
   * backoff (20 ms growing to {@code maxBackoff}), so retried 503s cost milliseconds.
   */
  public static KubeCallOptions quickRetries(int attempts, Duration maxBackoff) {
    return new KubeCallOptions(
        2, Duration.ofSeconds(5), attempts, Duration.ofMillis(20), maxBackoff);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    kube.close();
    loop.close();
    server.close();
  }
}
