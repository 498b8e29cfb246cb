package io.theseus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.theseus.rollout.RolloutPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthyDemoIT {

  @RegisterExtension static final DemoRig demos = new DemoRig();

  @Test
  void promotesTheHealthyCanaryStepByStepOnRealPrometheusData() throws Exception {
    demos.run(
        "healthy",
        demo -> {
          DemoOutcome outcome = demo.run();

          assertThat(outcome.status().phase()).isEqualTo(RolloutPhase.SUCCEEDED);
          // about 3.5 min: at the demo's load the first step waits a few ticks for a precise
          // stable error rate before it captures the band (docs/judge.md)
          assertThat(outcome.elapsed()).isLessThan(Duration.ofMinutes(5));
          assertThat(demo.taps.canaryWeights()).containsExactly(10, 25, 50, 100);
          assertThat(demo.phases())
              .containsSubsequence(
                  "Initializing",
                  "DarkCanary",
                  "Baseline",
                  "Progressing",
                  "Promoting",
                  "Finalizing",
                  "Succeeded");
          demo.assertStableNeverLoweredEarly();
          List<String> writes = demo.taps.writes();
          assertThat(writes)
              .containsSubsequence("setWeights 100", "scale healthy-v1 1", "remove healthy-v1");
          assertThat(writes).doesNotContain("reset", "remove healthy-v2");
          assertApiShowsTheRollout(demo.engine.apiPort(), demo.engine.token());
        });
  }

  private static void assertApiShowsTheRollout(int port, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, port, "/api/v1/rollouts", null).statusCode()).isEqualTo(401);
    HttpResponse<String> one = get(http, port, "/api/v1/rollouts/demo/healthy", token);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains("\"phase\":\"Succeeded\"", "\"weight\":100");
    assertThat(get(http, port, "/api/v1/rollouts/demo/nope", token).statusCode()).isEqualTo(404);
    assertThat(get(http, port, "/api/v1/rollouts", token).body()).contains("\"name\":\"healthy\"");
    assertThat(get(http, port, "/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get(http, port, "/readyz", null).statusCode()).isEqualTo(200);
    assertThat(get(http, port, "/metrics", null).body())
        .contains(
            "theseus_rollout_phase{namespace=\"demo\",phase=\"Succeeded\",rollout=\"healthy\"} 1");
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
