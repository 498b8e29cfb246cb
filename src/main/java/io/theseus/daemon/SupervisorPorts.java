package io.theseus.daemon;

import com.google.gson.JsonObject;
import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutPorts;
import io.theseus.kube.CanaryRolloutInformer;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.kube.KubeEvents;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the {@link RolloutSupervisor} works through.
 *
 * @param rollouts the CanaryRollouts to handle, watched into a cache (the supervisor starts and
 *     stops it)
 * @param templateLabels the pod template labels of every Deployment in a namespace, by name, for
 *     the Deployments and versions a spec omits
 * @param serviceSelector a Service's (namespace, name) pod selector (empty when it does not exist),
 *     narrowing the Deployments a version-only side may mean
 * @param specs turns a CanaryRollout into a plan
 * @param rolloutPorts the engine's ports for one rollout (its router and workloads follow its spec)
 * @param listeners told after every tick of that rollout
 * @param rejectSpec marks a rollout with an invalid spec Failed, listing the problems
 * @param updateStatus replaces a CanaryRollout's status with {@code next(current resource)}, a
 *     read-mutate-write retried on conflicts (for {@code status.resolved})
 * @param events records Kubernetes Events on a CanaryRollout (a spec not acted on)
 * @param resyncPeriod how often every cached CanaryRollout is reconciled, events or not
 * @param annotations the kubectl override path, built on the supervisor's own {@link Overrides}
 */
public record SupervisorPorts(
    CanaryRolloutInformer rollouts,
    Function<String, Future<Map<String, Map<String, String>>>> templateLabels,
    BiFunction<String, String, Future<Optional<Map<String, String>>>> serviceSelector,
    RolloutSpecs specs,
    Function<RolloutPlan, RolloutPorts> rolloutPorts,
    Function<RolloutPlan, List<RolloutListener>> listeners,
    BiFunction<CanaryRef, List<String>, Future<Void>> rejectSpec,
    BiFunction<CanaryRef, Function<CanaryRolloutResource, JsonObject>, Future<?>> updateStatus,
    KubeEvents events,
    Duration resyncPeriod,
    Function<Overrides, AnnotationOverrides> annotations) {}
