package io.theseus.kube;

import io.kubernetes.client.common.KubernetesType;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one path for client-java calls. Each synchronous call runs on the shared worker pool {@code
 * kube-ops}, unordered so one rollout never queues behind another, under a timeout; failures become
 * {@link KubeApiException} naming the object and the action. {@link #retry} repeats a whole
 * read-decide-write sequence on conflicts and transient faults with bounded, jittered backoff on
 * Vert.x timers.
 *
 * <p>Construct one per daemon: {@code new KubeCalls(vertx, KubeCallOptions.DEFAULT)}; close it on
 * shutdown.
 */
public final class KubeCalls implements AutoCloseable {

  /** Name of the shared worker pool every Kubernetes call runs on. */
  public static final String POOL = "kube-ops";

  private final Vertx vertx;
  private final WorkerExecutor pool;
  private final KubeCallOptions options;

  public KubeCalls(Vertx vertx, KubeCallOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.pool = vertx.createSharedWorkerExecutor(POOL, options.poolSize());
  }

  /**
   * Runs a synchronous client-java call on the worker pool. Fails with {@link KubeApiException}
   * (code {@link KubeApiException#NO_RESPONSE} on timeout).
   *
   * @param ref the object the call is about, for the error message
   * @param action what the call does ({@code "patch weights"}), for the error message
   */
  public <T> Future<T> call(KubeRef ref, String action, Callable<T> blockingCall) {
    return pool.executeBlocking(blockingCall, false)
        .timeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .recover(failure -> Future.failedFuture(KubeFailures.classify(ref, action, failure)));
  }

  /**
   * Like {@link #call} for the generic API's responses: a non-2xx response fails with its status
   * code and message, so a missing object is a {@link KubeApiException#notFound()} failure.
   */
  public <T extends KubernetesType> Future<T> request(
      KubeRef ref, String action, Callable<KubernetesApiResponse<T>> blockingCall) {
    return call(ref, action, blockingCall)
        .compose(
            response ->
                response.isSuccess()
                    ? Future.succeededFuture(response.getObject())
                    : Future.failedFuture(
                        KubeFailures.fromStatus(
                            ref, action, response.getHttpStatusCode(), response.getStatus())));
  }

  /**
   * Runs {@code attempt} and, while it fails with a {@link KubeApiException#retryable()} error,
   * runs it again after a jittered exponential backoff, at most {@link
   * KubeCallOptions#maxAttempts()} times in all. The attempt must re-read what it changes, so a
   * repeat after a lost response finds the change made and does not apply it twice.
   */
  public <T> Future<T> retry(Supplier<Future<T>> attempt) {
    return attemptFrom(1, attempt);
  }

  private <T> Future<T> attemptFrom(int number, Supplier<Future<T>> attempt) {
    return attempt
        .get()
        .recover(
            failure -> {
              if (number >= options.maxAttempts()
                  || !(failure instanceof KubeApiException api && api.retryable())) {
                return Future.failedFuture(failure);
              }
              long delay = options.backoffMillis(number, ThreadLocalRandom.current());
              return vertx
                  .timer(delay, TimeUnit.MILLISECONDS)
                  .compose(fired -> attemptFrom(number + 1, attempt));
            });
  }

  @Override
  public void close() {
    pool.close();
  }
}
