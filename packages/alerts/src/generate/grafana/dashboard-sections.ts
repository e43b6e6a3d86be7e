import {
  createQueryContext,
  type DashboardSection,
  type DashboardThresholds,
} from './dashboard-query-context.js';
import { operationsSections } from './operations-sections.js';
import { workloadSections } from './workload-sections.js';

export type { DashboardSection, DashboardThresholds } from './dashboard-query-context.js';

/** The dashboard's rows and panels, every query filtered by the `$agent` variable. */
export function dashboardSections(agent: string, thresholds: DashboardThresholds): DashboardSection[] {
  const context = createQueryContext(agent);
  return [...workloadSections(context, thresholds), ...operationsSections(context, thresholds)];
}
