package io.theseus.daemon;

import io.theseus.rollout.RolloutSpec;
import io.theseus.rollout.VersionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A CanaryRollout turned into what the engine runs, plus the settings that choose its adapters.
 *
 * @param spec the engine's rollout spec
 * @param versionLabel the pod label the mesh subsets select on
 * @param cleanup what happens to the Deployment no longer needed ({@code delete}, {@code
 *     scale-to-zero})
 * @param generation the CR's metadata.generation this plan was made from
 * @param uid the CR's uid (Events name it)
 */
public record RolloutPlan(
    RolloutSpec spec, String versionLabel, String cleanup, long generation, String uid) {

  /**
   * The problem with this plan replacing {@code running}'s mid-rollout, or null: a running rollout
   * keeps the stable and canary it started with. Its routes, subsets, stable backup and the
   * tolerances captured at the first step all belong to them, so a new canary would take traffic
   * judged against another version's capture (and a rollback would remove the wrong Deployment).
   */
  public InvalidSpecException versionsChangedFrom(RolloutPlan running) {
    List<String> problems = new ArrayList<>();
    changed("spec.stable", running.spec().stable(), spec.stable(), problems);
    changed("spec.canary", running.spec().canary(), spec.canary(), problems);
    return problems.isEmpty() ? null : new InvalidSpecException(problems);
  }

  private static void changed(String field, VersionSpec was, VersionSpec now, List<String> out) {
    if (!was.equals(now)) {
      out.add(
          ("%s: %s/%s replaces %s/%s while the rollout runs; a running rollout keeps the versions"
                  + " it started with (roll it back or let it finish, then create a new"
                  + " CanaryRollout)")
              .formatted(field, now.workload(), now.version(), was.workload(), was.version()));
    }
  }
}
