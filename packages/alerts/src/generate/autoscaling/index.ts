export type { AutoscalingOptions } from './autoscaling-options.js';
export { generateKedaScaledObject, renderKedaScaledObject } from './keda-scaled-object.js';
export { generateKubernetesHpa, prometheusAdapterRule, renderKubernetesHpa } from './kubernetes-hpa.js';
