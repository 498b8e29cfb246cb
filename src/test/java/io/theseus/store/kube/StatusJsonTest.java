package io.theseus.store.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.theseus.analysis.CapturedTolerance;
import io.theseus.analysis.JudgeState;
import io.theseus.analysis.MetricState;
import io.theseus.analysis.Tally;
import io.theseus.kube.schema.UpstreamSchemas;
import io.theseus.rollout.MetricLine;
import io.theseus.rollout.OverrideAction;
import io.theseus.rollout.OverrideRecord;
import io.theseus.rollout.RolloutPhase;
import io.theseus.rollout.RolloutStatus;
import io.theseus.rollout.StableBackup;
import io.theseus.rollout.Step;
import io.theseus.stats.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private static RolloutStatus progressing(int index, int weight, String decision) {
    return progressing(index, weight, decision, JudgeState.initial());
  }

  private static RolloutStatus progressing(
      int index, int weight, String decision, JudgeState judgeState) {
    var analysis =
        new RolloutStatus.AnalysisRecord(
            decision,
            "every metric passed",
            List.of(
                new MetricLine(
                    "error-rate",
                    "PASS",
                    0.001,
                    0.001,
                    0.003,
                    Double.POSITIVE_INFINITY,
                    400.0,
                    "ok")),
            1200,
            judgeState,
            List.of());
    return RolloutStatus.created(T0)
        .withBackup(new StableBackup(3, "abc123"))
        .enter(RolloutPhase.PROGRESSING, T0.plusSeconds(60), "passed 1%")
        .withStep(new Step(index, weight, T0.plusSeconds(60), true))
        .withAnalysis(analysis);
  }

  @Test
  void roundTripsTheEngineStatusThroughTheCrFields() {
    RolloutStatus status = progressing(1, 5, "ADVANCE").withOutageSince(T0.plusSeconds(90));

    JsonObject written = StatusJson.write(new JsonObject(), status, 7);

    assertThat(written.get("phase").getAsString()).isEqualTo("Progressing");
    assertThat(written.get("weight").getAsInt()).isEqualTo(5);
    assertThat(written.get("step").getAsInt()).isEqualTo(1);
    assertThat(written.get("observedGeneration").getAsLong()).isEqualTo(7);
    assertThat(written.getAsJsonObject("stableBackup").get("replicas").getAsInt()).isEqualTo(3);
    assertThat(StatusJson.read(written)).isEqualTo(status);
  }

  @Test
  void aRolledBackRolloutShowsNoTrafficOnTheCanaryButKeepsTheStepItFailedAt() {
    RolloutStatus status =
        progressing(2, 25, "ROLLBACK").enter(RolloutPhase.ROLLED_BACK, T0.plusSeconds(300), "x");

    JsonObject written = StatusJson.write(new JsonObject(), status, 7);

    assertThat(written.get("weight").getAsInt()).isZero();
    assertThat(written.get("step").getAsInt()).isEqualTo(2);
    assertThat(StatusJson.read(written).canaryWeight()).isZero();
  }

  @Test
  void roundTripsAJudgeStateHeldForADegradedStableWithItsTailIndex() {
    MetricState held =
        new MetricState(
            1.5,
            0.2,
            1.5,
            0,
            Tally.EMPTY,
            Tally.EMPTY,
            List.of(50.0, 250.0),
            List.of(),
            List.of(),
            2,
            5);
    CapturedTolerance band =
        new CapturedTolerance(
            216,
            new Interval(100, 250),
            220,
            new Interval(100, 500),
            300,
            List.of(50.0, 250.0),
            T0,
            0.0117,
            2.16);
    JudgeState judge =
        new JudgeState(1, 5, T0, 9, 4000, Map.of("latency", held), Map.of("latency", band));
    RolloutStatus status = progressing(1, 5, "HOLD", judge);

    JsonObject written = StatusJson.write(new JsonObject(), status, 3);

    assertThat(StatusJson.read(written)).isEqualTo(status);
    assertThat(StatusJson.read(written).analysis().judgeState().metric("latency").restarts())
        .isEqualTo(2);
  }

  @Test
  void keepsFieldsTheEngineDoesNotOwn() {
    JsonObject previous = JsonParser.parseString("{\"futureField\":1}").getAsJsonObject();

    JsonObject written = StatusJson.write(previous, progressing(1, 5, "HOLD"), 1);

    assertThat(written.get("futureField").getAsInt()).isEqualTo(1);
  }

  @Test
  void roundTripsOverridesInTheCrdShape() {
    RolloutStatus status = paused();

    JsonObject written = StatusJson.write(new JsonObject(), status, 2);

    JsonObject item = written.getAsJsonArray("overrides").get(0).getAsJsonObject();
    assertThat(item.get("action").getAsString()).isEqualTo("pause");
    assertThat(item.get("user").getAsString()).isEqualTo("ann");
    assertThat(item.get("phase").getAsString()).isEqualTo("Progressing");
    assertThat(item.get("phaseAfter").getAsString()).isEqualTo("Paused");
    assertThat(StatusJson.read(written)).isEqualTo(status);
  }

  @Test
  void namesTheFieldOfAnUnreadableOverride() {
    JsonObject s = StatusJson.write(new JsonObject(), paused(), 1);
    s.getAsJsonArray("overrides").get(0).getAsJsonObject().addProperty("action", "dance");

    assertThatThrownBy(() -> StatusJson.read(s))
        .hasMessageContaining("status.overrides[0].action: 'dance' is not an action");
  }

  private static RolloutStatus paused() {
    return progressing(1, 5, "HOLD")
        .withOverride(
            new OverrideRecord(
                OverrideAction.PAUSE,
                "hold for the release freeze",
                "ann",
                T0.plusSeconds(120),
                RolloutPhase.PROGRESSING,
                RolloutPhase.PAUSED));
  }

  @Test
  void writesAStatusTheCrdAccepts() {
    JsonObject s = StatusJson.write(new JsonObject(), paused(), 3);
    StatusEntries.appendDecision(s, progressing(2, 25, "ADVANCE"), T0, 20);
    StatusConditions.set(s, StatusEntries.SPEC_VALID, true, "Valid", "spec accepted", T0);
    JsonObject cr =
        JsonParser.parseString(
                "{\"apiVersion\":\"theseus.io/v1alpha1\",\"kind\":\"CanaryRollout\","
                    + "\"metadata\":{\"name\":\"shop\"},\"spec\":{\"service\":\"shop\","
                    + "\"stable\":{\"version\":\"v1\"},\"canary\":{\"version\":\"v2\"},"
                    + "\"analysis\":{\"configName\":\"default\"}}}")
            .getAsJsonObject();
    cr.add("status", s);

    UpstreamSchemas.assertValid(UpstreamSchemas.canaryRollout(), cr.toString());
  }

  @Test
  void ledgerKeepsTheNewestDecisionsAndSkipsARepeat() {
    JsonObject s = new JsonObject();
    for (int i = 0; i < 5; i++) {
      StatusEntries.appendDecision(s, progressing(i, 10 * (i + 1), "ADVANCE"), T0, 3);
    }
    StatusEntries.appendDecision(s, progressing(4, 50, "ADVANCE"), T0.plusSeconds(1), 3);

    assertThat(s.getAsJsonArray("ledger")).hasSize(3);
    assertThat(s.getAsJsonArray("ledger").get(0).getAsJsonObject().get("weight").getAsInt())
        .isEqualTo(30);
    assertThat(s.getAsJsonArray("ledger").get(2).getAsJsonObject().get("weight").getAsInt())
        .isEqualTo(50);
  }

  @Test
  void conditionKeepsItsTransitionTimeWhileItsStatusHolds() {
    JsonObject s = new JsonObject();
    StatusConditions.set(s, "SpecValid", false, "InvalidSpec", "spec.steps: ...", T0);
    StatusConditions.set(
        s, "SpecValid", false, "InvalidSpec", "spec.steps: ...", T0.plusSeconds(5));
    StatusConditions.set(s, "SpecValid", true, "Valid", "ok", T0.plusSeconds(9));

    assertThat(s.getAsJsonArray("conditions")).hasSize(1);
    JsonObject c = s.getAsJsonArray("conditions").get(0).getAsJsonObject();
    assertThat(c.get("status").getAsString()).isEqualTo("True");
    assertThat(c.get("lastTransitionTime").getAsString()).isEqualTo("2026-11-30T10:00:09Z");
  }

  @Test
  void namesTheFieldOfAnUnreadableStatus() {
    JsonObject s = StatusJson.write(new JsonObject(), progressing(1, 5, "HOLD"), 1);
    s.addProperty("phase", "Dancing");

    assertThatThrownBy(() -> StatusJson.read(s)).hasMessageContaining("status.phase");
  }
}
