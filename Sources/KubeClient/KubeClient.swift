import KubeObjects

/// The Kubernetes client layer: connection configuration (kubeconfig, in-cluster), the libcurl
/// transport, REST and watch, and the controller building blocks (informers, work queues, leader
/// election). Only this layer and the ones above it do network I/O.
public enum KubeClientModule {}
