package io.theseus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules of STYLE.md, parameterised by the root package so a test can prove each
 * rule fails on a fixture that breaks it.
 */
final class ArchitectureRules {

  private ArchitectureRules() {}

  /** The pure core imports only the JDK (and, for stats, commons-math3). */
  static ArchRule pureCore(String root) {
    return classes()
        .that()
        .resideInAnyPackage(
            root + ".analysis..", root + ".stats..", root + ".config..", root + ".rollout..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.apache.commons.math3..",
            root + ".analysis..",
            root + ".stats..",
            root + ".config..",
            root + ".rollout..")
        .because(
            "the judge, the rollout machine and config are pure: values in, values out, no I/O or logging");
  }

  /** analysis and config must not reach into commons-math3 directly; only stats wraps it. */
  static ArchRule mathOnlyInStats(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".analysis..", root + ".config..", root + ".rollout..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.commons.math3..")
        .because("statistics live in stats; analysis composes them");
  }

  /** The controller talks to ports, never to a concrete adapter. */
  static ArchRule controllerUsesPortsOnly(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".controller..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            root + ".metrics.*..", root + ".routing.*..", root + ".store.*..", "io.kubernetes..")
        .because("only Main and the plural factories name adapter classes");
  }

  /** Only kube and the routing adapters import the Kubernetes client. */
  static ArchRule kubernetesOnlyInAdapters(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(root + ".kube..", root + ".routing..", root + ".store..")
        .and()
        .resideInAnyPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.kubernetes..")
        .because("Kubernetes calls go through kube's worker-pool bridge");
  }

  /** Only telemetry and api import Prometheus client_java. */
  static ArchRule prometheusClientOnlyInTelemetry(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(root + ".telemetry..", root + ".api..")
        .and()
        .resideInAnyPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.prometheus..")
        .because("every theseus_* metric is defined in TheseusMetrics");
  }
}
