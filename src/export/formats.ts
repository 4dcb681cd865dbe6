/** The export formats, apart from the exporters: the CLI lists them without loading the writers. */
export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
