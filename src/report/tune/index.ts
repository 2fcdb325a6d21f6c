/** The tuning report (`lamsim tune`): tune.json, tune.md, tune.html and charts. */
export { tuneBundleFiles } from './bundle.ts';
export { tuneCharts, tuneCostDurationChart, tuneLatencyChart } from './tuneCharts.ts';
export { tuneJson, tuneJsonValue } from './tuneJson.ts';
export { tuneReason, violationText } from './tuneReason.ts';
export { buildTuneReport, pointsTable } from './tuneReport.ts';
export { tuneText } from './tuneText.ts';
