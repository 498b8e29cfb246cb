package io.theseus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureTest {

  private static JavaClasses production;
  private static JavaClasses fixtures;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.theseus");
    fixtures = new ClassFileImporter().importPackages("io.theseus.archfixture");
  }

  static Stream<Function<String, ArchRule>> rules() {
    return Stream.of(
        ArchitectureRules::pureCore,
        ArchitectureRules::mathOnlyInStats,
        ArchitectureRules::controllerUsesPortsOnly,
        ArchitectureRules::kubernetesOnlyInAdapters,
        ArchitectureRules::prometheusClientOnlyInTelemetry);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void productionCodeFollowsRule(Function<String, ArchRule> rule) {
    rule.apply("io.theseus").allowEmptyShould(true).check(production);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void ruleFailsOnFixtureThatBreaksIt(Function<String, ArchRule> rule) {
    assertThatThrownBy(() -> rule.apply("io.theseus.archfixture").check(fixtures))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.theseus.archfixture");
  }
}
