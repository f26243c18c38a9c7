export { detectFormat, FORMATS } from './detect.js';
export { formatImportReport } from './report.js';
export { importPath } from './run.js';
export type {
  CompanyMerge,
  FileEncoding,
  FileReport,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ReasonGroup,
} from './types.js';
