package io.theseus.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.theseus.analysis.Traffic.Behaviour;
import io.theseus.config.AnalysisConfig;
import io.theseus.config.OnInconclusive;
import io.theseus.testing.RolloutFixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollout persists JudgeState in its status: a JSON round trip must not change decisions. */
class JudgeStateJsonTest {

  @Test
  void judgingFromAStateReadBackFromJsonDecidesExactlyAsFromTheOriginal() throws IOException {
    AnalysisConfig config =
        Rollouts.config(
            0.01,
            OnInconclusive.PAUSE,
            RolloutFixtures.errorRate(true),
            RolloutFixtures.latency(true),
            RolloutFixtures.cpu(false));
    ObjectMapper mapper = new ObjectMapper().registerModule(instants());
    Traffic traffic = new Traffic(5, 2000, Rollouts.INTERVAL, 1.0);
    List<TickEvidence> ticks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ticks.add(
          traffic.tick(
              Rollouts.START.plus(Rollouts.INTERVAL.multipliedBy(i + 1)),
              i < 6 ? 1 : 5,
              Behaviour.HEALTHY,
              Behaviour.HEALTHY));
    }
    Judge judge = new Judge();
    JudgeState direct = JudgeState.initial();
    JudgeState persisted = JudgeState.initial();
    for (TickEvidence tick : ticks) {
      Decision a = judge.decide(config, direct, tick);
      String json = mapper.writeValueAsString(judge.decide(config, persisted, tick).state());
      persisted = mapper.readValue(json, JudgeState.class);
      direct = a.state();
      assertThat(persisted).isEqualTo(direct);
    }
    assertThat(direct.captured()).containsKeys("error-rate", "latency");
  }

  private static SimpleModule instants() {
    SimpleModule module = new SimpleModule();
    module.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    module.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return Instant.parse(p.getValueAsString());
          }
        });
    return module;
  }
}
