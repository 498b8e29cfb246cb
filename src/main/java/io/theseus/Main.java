package io.theseus;

import io.theseus.api.ProcessMetrics;
import io.theseus.cli.TheseusVersion;
import io.theseus.config.TheseusConfig;
import io.theseus.daemon.Daemon;
import io.theseus.hook.HookRunner;
import io.theseus.kube.KubeAdapters;
import io.theseus.kube.KubeCallOptions;
import io.theseus.metrics.MetricsProvider;
import io.theseus.metrics.MetricsProviders;
import io.theseus.metrics.prometheus.PrometheusOptions;
import io.theseus.telemetry.TheseusMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the in-cluster daemon, and nothing else: config, then Vert.x, then the adapters, then
 * the verticles. {@code theseus daemon} runs it.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /**
   * Starts the daemon on {@code vertx} from environment-style settings.
   *
   * @throws IllegalArgumentException (or {@link io.theseus.config.InvalidConfigException}) naming
   *     the key of an invalid setting, before anything starts
   */
  public static Future<Daemon> start(Vertx vertx, Map<String, String> env) {
    TheseusConfig config = TheseusConfig.fromEnv(env);
    LOG.info("Theseus {} daemon: {}", TheseusVersion.current(), config);
    LOG.info("metrics backend: {}", PrometheusOptions.fromEnv(env));
    TheseusMetrics telemetry = ProcessMetrics.create(TheseusVersion.current());
    MetricsProvider metrics = MetricsProviders.create(vertx, env, telemetry);
    KubeAdapters kube = KubeAdapters.fromEnvironment(vertx, env, callOptions(config));
    LOG.info("Kubernetes API: {}", kube.server());
    return Daemon.start(
        vertx,
        new Daemon.Parts(
            config,
            kube,
            metrics,
            telemetry,
            new HookRunner(vertx, WebClient.create(vertx)),
            Clock.systemUTC()));
  }

  private static KubeCallOptions callOptions(TheseusConfig config) {
    return new KubeCallOptions(
        config.kubePoolSize(),
        config.kubeTimeout(),
        5,
        Duration.ofMillis(200),
        Duration.ofSeconds(3));
  }
}
