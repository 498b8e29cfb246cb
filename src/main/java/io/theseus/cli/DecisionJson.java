package io.theseus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theseus.analysis.Decision;
import io.theseus.analysis.TickEvidence;
import io.theseus.analysis.Verdict;

/** One JSON line per judged tick (docs/judge.md); non-finite figures are written as null. */
final class DecisionJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  static String line(int index, TickEvidence tick, Decision decision) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("tick", index);
    line.put("time", tick.time().toString());
    line.put("weight", tick.weight());
    line.put("decision", decision.kind().name());
    line.put("targetWeight", decision.targetWeight());
    line.put("reason", decision.reason());
    var verdicts = line.putArray("verdicts");
    decision.verdicts().forEach(v -> verdicts.add(verdict(v)));
    return line.toString();
  }

  private static ObjectNode verdict(Verdict v) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("metric", v.metric());
    node.put("verdict", v.outcome().name());
    node.put("reason", v.reason());
    node.put("statistic", v.statistic());
    number(node, "eValue", v.eValue());
    number(node, "logE", v.logE());
    number(node, "eValueThreshold", v.eValueThreshold());
    number(node, "lower", v.lower());
    number(node, "upper", v.upper());
    number(node, "canary", v.canaryValue());
    number(node, "stable", v.stableValue());
    number(node, "toleranceLimit", v.toleranceLimit());
    ObjectNode n = node.putObject("n");
    n.put("canary", v.canaryN());
    n.put("stable", v.stableN());
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
