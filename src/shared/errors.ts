/**
 * Error codes that cross the engine boundary. The words a person reads for each code live in
 * one place: src/renderer/errors/messages.ts (and the CLI's own renderer of the same codes).
 */
export const ERROR_CODES = [
  'workspace/none-open',
  'workspace/not-found',
  'workspace/read-failed',
  'workspace/empty-file',
  'workspace/not-sqlite',
  'workspace/not-costbook',
  'workspace/corrupt',
  'workspace/truncated',
  'workspace/newer-version',
  'workspace/locked',
  'workspace/save-failed',
  'import/cancelled',
  'import/unrecognized-format',
  'import/missing-columns',
  'import/invalid-rows',
  'import/binary-file',
  'import/encoding',
  'import/line-too-long',
  'import/empty-file',
  'import/duplicate-header',
  'import/invalid-json',
  'import/too-large',
  'import/not-found',
  'import/needs-decision',
  'pricing/invalid-override',
  'allocation/invalid-rules',
  'allocation/invalid-file',
  'allocation/version-conflict',
  'allocation/unknown-key',
  'allocation/invalid-metrics',
  'engine/unknown-handler',
  'engine/crashed',
  'engine/internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem found in one cell of one file. Row numbers are 1-based physical lines, header = line 1. */
export type RowProblem = {
  file: string;
  row: number;
  column: string | null;
  value: string | null;
  expected: string;
};

export type ErrorDetails = {
  file?: string;
  problems?: RowProblem[];
  problemCount?: number;
  missing?: string[];
  found?: number;
  supported?: number;
  [key: string]: unknown;
};

/** The serialisable shape an error takes when it crosses a worker, IPC or process boundary. */
export type EngineErrorPayload = {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
};

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }

  toPayload(): EngineErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(p: EngineErrorPayload): EngineError {
    return new EngineError(p.code, p.message, p.details);
  }
}

export function isEngineErrorPayload(v: unknown): v is EngineErrorPayload {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as { code: string }).code)
  );
}
