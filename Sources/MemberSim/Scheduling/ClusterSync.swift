import KubeClient
import KubeObjects

/// The cluster-wide pass: what the kubelets, the scheduler and the cluster autoscaler of a real
/// member do, over one consistent view of the stores.
///
/// In order: pods being deleted on a node are removed (a kubelet confirms the deletion, which a
/// real API server waits for); bound pods that are not running yet are marked Running;
/// `SchedulingPass` places the pending pods, binding each through `pods/NAME/binding` and then
/// marking it Running; the pods that fit nowhere are marked Unschedulable; last, the
/// `Autoscaler` grows and shrinks its pools. The pass runs again on any change to pods, nodes,
/// namespaces or ResourcePolicies, and when an autoscaler timer fires.
struct ClusterSync: Sendable {
    let context: SimContext

    func sync() async throws {
        var view = await ClusterView.current(context)
        await context.scheduling.pruneNodeChanges(visible: Set(view.nodes.map(\.name)))
        let deleted = await context.scheduling.deletedNodes
        view.nodes.removeAll { deleted.contains($0.name) }
        var podsByKey: [ObjectKey: PodInfo] = [:]
        for pod in view.pods { podsByKey[pod.key] = pod }
        await context.scheduling.pruneAssumptions(visible: podsByKey)

        for pod in view.pods where pod.nodeName != nil {
            if pod.isTerminating {
                try await context.deleteIfPresent(
                    .pods, namespace: pod.namespace, name: pod.name, options: DeleteOptions(gracePeriodSeconds: 0))
            } else if pod.isActive, !pod.isReady {
                try await context.markRunning(pod)
            }
        }

        let outcome = SchedulingPass.run(view, assumed: await context.scheduling.assumed)
        for (pod, node) in outcome.bindings {
            try await bind(pod, to: node)
        }
        for (pod, message) in outcome.unschedulable {
            try await context.markUnschedulable(pod, message: message)
        }
        try await Autoscaler(context: context).adjust(view: view, outcome: outcome)
    }

    /// Binds the pod, then marks it Running. A pod already bound (by an earlier pass whose
    /// event is still on its way) or gone is not an error.
    private func bind(_ pod: PodInfo, to node: String) async throws {
        await context.scheduling.assume(pod.key, on: node)
        let binding: JSONValue = [
            "apiVersion": "v1", "kind": "Binding",
            "metadata": ["name": .string(pod.name), "namespace": .string(pod.namespace)],
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
        do {
            _ = try await context.api.createSubresource(
                .pods, namespace: pod.namespace, name: pod.name, subresource: "binding", binding)
        } catch where error.code == .conflict || error.code == .notFound {
            await context.scheduling.forgetAssumption(pod.key)
            return
        } catch {
            await context.scheduling.forgetAssumption(pod.key)
            throw error
        }
        var bound = pod
        bound.nodeName = node
        try await context.markRunning(bound)
    }
}
