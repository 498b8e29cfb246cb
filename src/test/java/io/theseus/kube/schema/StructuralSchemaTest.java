package io.theseus.kube.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The validator must reject what kube-apiserver rejects, or its passes prove nothing. */
class StructuralSchemaTest {

  private static final StructuralSchema VS = UpstreamSchemas.virtualService();
  private static final StructuralSchema DR = UpstreamSchemas.destinationRule();

  private static String vs(String http) {
    return """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
         "metadata":{"name":"a","namespace":"b"},
         "spec":{"hosts":["a"],"http":[%s]}}
        """
        .formatted(http);
  }

  @Test
  void acceptsAWeightedRoute() {
    assertThat(
            VS.problems(
                vs(
                    "{\"name\":\"p\",\"route\":[{\"destination\":{\"host\":\"a\",\"subset\":\"s\"},"
                        + "\"weight\":90}]}")))
        .isEmpty();
  }

  @Test
  void rejectsAFieldTheSchemaDoesNotDeclare() {
    assertThat(VS.problems(vs("{\"route\":[{\"destination\":{\"host\":\"a\"},\"wieght\":5}]}")))
        .containsExactly(
            "spec.http[0].route[0].wieght: unknown field (the API server would drop it)");
  }

  @Test
  void rejectsAWrongTypeAndAMissingRequiredField() {
    assertThat(
            VS.problems(vs("{\"route\":[{\"destination\":{\"subset\":\"s\"},\"weight\":\"5\"}]}")))
        .containsExactlyInAnyOrder(
            "spec.http[0].route[0].destination.host: is required",
            "spec.http[0].route[0].weight: must be of type integer, got STRING");
  }

  @Test
  void rejectsAStringMatchThatSetsTwoOfItsOneOfFields() {
    var problems =
        VS.problems(
            vs(
                "{\"match\":[{\"uri\":{\"exact\":\"/a\",\"prefix\":\"/b\"}}],"
                    + "\"route\":[{\"destination\":{\"host\":\"a\"}}]}"));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("spec.http[0].match[0].uri: matches 2 of oneOf");
  }

  @Test
  void acceptsIntOrStringAndChecksRanges() {
    String rule =
        """
        {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"a"},
         "spec":{"host":"a","trafficPolicy":{"portLevelSettings":[{"port":{"number":%s}}]}}}
        """;

    assertThat(DR.problems(rule.formatted("8080"))).isEmpty();
    assertThat(DR.problems(rule.formatted("4294967296")))
        .anySatisfy(p -> assertThat(p).contains("above the maximum 4294967295"));
  }
}
