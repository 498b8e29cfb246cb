package io.theseus.daemon;

import io.theseus.api.ApiAccess;
import io.theseus.api.ApiVerticle;
import io.theseus.config.TheseusConfig;
import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutPorts;
import io.theseus.controller.TelemetryListener;
import io.theseus.hook.Hooks;
import io.theseus.kube.KubeAdapters;
import io.theseus.kube.KubeEvents;
import io.theseus.kube.LeaseElection;
import io.theseus.kube.LeaseSettings;
import io.theseus.metrics.MetricsProvider;
import io.theseus.rollout.AnalysisJudge;
import io.theseus.store.kube.CanaryRolloutStatusStore;
import io.theseus.telemetry.TheseusMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The in-cluster daemon once wired: the supervisor running one controller per CanaryRollout, the
 * leader election that gates it, and the HTTP API. {@code /readyz} is ready once the CanaryRollout
 * informer has listed them and the supervisor has reconciled that list, whether this replica leads
 * or stands by (a standby keeps its informer warm, so a takeover acts at once).
 */
public final class Daemon {

  /**
   * What the daemon is built from.
   *
   * @param config its settings
   * @param kube the Kubernetes adapters
   * @param metrics the metrics backend
   * @param telemetry the daemon's own metrics, served on /metrics
   * @param hooks smoke and performance hooks
   * @param clock the engine's clock
   */
  public record Parts(
      TheseusConfig config,
      KubeAdapters kube,
      MetricsProvider metrics,
      TheseusMetrics telemetry,
      Hooks hooks,
      Clock clock) {}

  private final Vertx vertx;
  private final Parts parts;
  private final RolloutSupervisor supervisor;
  private LeaseElection election;
  private ApiVerticle api;

  private Daemon(Vertx vertx, Parts parts) {
    this.vertx = vertx;
    this.parts = parts;
    this.supervisor = new RolloutSupervisor(supervisorPorts(), parts.clock());
  }

  /** Starts the supervisor, the election (or leads at once without it) and the API. */
  public static Future<Daemon> start(Vertx vertx, Parts parts) {
    Daemon daemon = new Daemon(vertx, parts);
    return vertx
        .deployVerticle(daemon.supervisor)
        .compose(id -> daemon.startApi())
        .map(id -> daemon.campaign());
  }

  private SupervisorPorts supervisorPorts() {
    TheseusConfig config = parts.config();
    CanaryRolloutStatusStore store = parts.kube().store(config.ledgerSize(), parts.clock());
    KubeEvents events = parts.kube().events(config.podName(), parts.clock());
    AnalysisJudge judge = new AnalysisJudge();
    return new SupervisorPorts(
        parts.kube().informer(config.namespaces()),
        parts.kube()::templateLabels,
        parts.kube()::serviceSelector,
        new RolloutSpecs(config.analysisConfigDir()),
        plan ->
            new RolloutPorts(
                store,
                parts.kube().router(plan.versionLabel()),
                parts.kube().workloads(plan.cleanup()),
                parts.metrics(),
                parts.hooks(),
                judge),
        plan ->
            List.<RolloutListener>of(
                new TelemetryListener(parts.telemetry()), new RolloutEvents(events, plan)),
        store::rejectSpec,
        parts.kube().rollouts()::updateStatus,
        events,
        config.resyncPeriod(),
        overrides -> new AnnotationOverrides(overrides, parts.kube().rollouts(), events));
  }

  private Future<String> startApi() {
    TheseusConfig config = parts.config();
    ApiAccess access =
        new ApiAccess(parts.kube().authenticator(parts.clock()), supervisor, config.apiOpenReads());
    api =
        new ApiVerticle(
            supervisor,
            parts.telemetry(),
            supervisor::synced,
            ApiVerticle.ALL,
            config.apiPort(),
            access);
    return vertx.deployVerticle(api);
  }

  private Daemon campaign() {
    TheseusConfig config = parts.config();
    if (!config.leaderElection()) {
      supervisor.lead(true);
      return this;
    }
    List<Duration> timings = config.leaseTimings();
    LeaseSettings settings =
        new LeaseSettings(
            config.leaseNamespace(),
            config.leaseName(),
            config.podName(),
            timings.get(0),
            timings.get(1),
            timings.get(2));
    election = parts.kube().election(vertx.getOrCreateContext(), settings, callbacks());
    election.start();
    return this;
  }

  private LeaseElection.Callbacks callbacks() {
    return new LeaseElection.Callbacks() {
      @Override
      public void onStartedLeading() {
        supervisor.lead(true);
      }

      @Override
      public void onStoppedLeading() {
        supervisor.lead(false);
      }
    };
  }

  /** The API's port (the real one when configured as 0). */
  public int apiPort() {
    return api.actualPort();
  }

  /** What the daemon runs, for tests and the API. */
  public RolloutSupervisor supervisor() {
    return supervisor;
  }

  /** True while this replica acts: it leads, or leader election is off. */
  public boolean leading() {
    return election == null || election.isLeader();
  }

  /** Stops the API, steps down (releasing the Lease) and stops every controller. */
  public Future<Void> stop() {
    Future<Void> elected = election == null ? Future.succeededFuture() : election.stop();
    return elected
        .eventually(() -> vertx.undeploy(supervisor.deploymentID()))
        .eventually(() -> vertx.undeploy(api.deploymentID()))
        .mapEmpty();
  }
}
