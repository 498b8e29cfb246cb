package io.theseus.playground;

import io.theseus.telemetry.ExpositionSample;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A stable and a canary sample service (one replica each) behind a started mesh proxy. */
final class ProxyFixture {

  static final VersionBehaviour FAST = new VersionBehaviour(2, 0, 0, 1, 0);

  final SampleService stable;
  final SampleService canary;
  final MeshProxy proxy;
  private final WebClient client;
  private final Vertx vertx;

  private ProxyFixture(
      Vertx vertx, VersionProfile stable, VersionProfile canary, Duration timeout) {
    AtomicReference<MeshProxy> proxyRef = new AtomicReference<>();
    this.stable = service(vertx, "v1", stable, proxyRef);
    this.canary = service(vertx, "v2", canary, proxyRef);
    this.proxy =
        new MeshProxy(new MeshProxySpec("demo", "shop", timeout, 5), this.stable, this.canary);
    proxyRef.set(proxy);
    this.client = WebClient.create(vertx);
    this.vertx = vertx;
  }

  /** Starts both services with one replica each and the proxy. */
  static Future<ProxyFixture> start(
      Vertx vertx, VersionProfile stable, VersionProfile canary, Duration timeout) {
    var fixture = new ProxyFixture(vertx, stable, canary, timeout);
    return Future.all(fixture.stable.scale(1), fixture.canary.scale(1))
        .compose(v -> vertx.deployVerticle(fixture.proxy))
        .map(fixture);
  }

  static Future<ProxyFixture> start(Vertx vertx, VersionBehaviour stable, VersionBehaviour canary) {
    return start(
        vertx, VersionProfile.steady(stable), VersionProfile.steady(canary), Duration.ofSeconds(2));
  }

  /** Sends {@code n} concurrent GETs through the proxy, with a header when name is not null. */
  Future<List<HttpResponse<Buffer>>> get(int n, String headerName, String headerValue) {
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var request = client.get(proxy.trafficPort(), "127.0.0.1", "/orders?id=" + i).timeout(5000);
      if (headerName != null) {
        request.putHeader(headerName, headerValue);
      }
      responses.add(request.send());
    }
    return Future.all(responses).map(all -> all.list());
  }

  /** Scrapes the proxy's /metrics over HTTP and returns the samples named {@code name}. */
  Future<List<ExpositionSample>> scrape(String name) {
    return client
        .get(proxy.metricsPort(), "127.0.0.1", "/metrics")
        .timeout(5000)
        .send()
        .map(r -> ExpositionSample.parse(r.bodyAsString(), name));
  }

  Future<Void> stop() {
    client.close();
    return vertx
        .undeploy(proxy.deploymentID())
        .compose(v -> Future.join(stable.scale(0), canary.scale(0)))
        .mapEmpty();
  }

  /** Requests counted by Istio's metric for a version. */
  static double total(List<ExpositionSample> samples, String version) {
    return samples.stream()
        .filter(s -> s.label("destination_version").equals(version))
        .mapToDouble(ExpositionSample::value)
        .sum();
  }

  private static SampleService service(
      Vertx vertx, String version, VersionProfile profile, AtomicReference<MeshProxy> proxy) {
    var spec = new ServiceVersion(new WorkloadRef("demo", "shop-" + version), version, profile, 17);
    return new SampleService(vertx, spec, () -> proxy.get().routes().weights().canary());
  }
}
