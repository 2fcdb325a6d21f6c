/** The capacity-plan report (`lamsim plan`): plan.json, plan.md, plan.html and charts. */
export { planBundleFiles } from './bundle.ts';
export { changeReason, verifiedText } from './changeText.ts';
export { findingEvidence, findingJson } from './findingText.ts';
export { planCharts, planCostChart, sloChart } from './planCharts.ts';
export { evaluationJson, planJson, planJsonValue } from './planJson.ts';
export { answer, buildPlanReport } from './planReport.ts';
export { planText } from './planText.ts';
