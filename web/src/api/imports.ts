// What every spreadsheet import route takes and answers (its summary and lines are its own).
export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}

export interface ImportAnswer {
  committed: boolean;
  columns: string[];
  fields: ImportField[];
  mapping: Record<string, string>;
  errors: { field: string; message: string }[];
  error_count?: number; // the errors listed may be the first ones only
}

export interface ImportRequest {
  file_base64: string;
  mapping?: Record<string, string>;
  commit: boolean;
}
