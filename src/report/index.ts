// Presentation of a results document: terminal summary, CSV, Chrome trace, HTML report.
export * from './format.js';
export * from './summary.js';
export * from './csv.js';
export * from './trace.js';
export * from './tables.js';
export * from './charts.js';
export * from './html.js';
export * from './artifacts.js';
export * from './roofline-charts.js';
export * from './roofline-tables.js';
export * from './roofline-text.js';
