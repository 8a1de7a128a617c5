import type { EngineErrorPayload, RowProblem } from './errors';
import type { AllocationHandlers } from './allocation-contract';
import type { PricingHandlers } from './pricing-contract';

/**
 * The engine's whole API: one map of `domain/verb` handlers with their argument and result types.
 * The renderer's client, the worker, the CLI and the tests all type their calls from this map.
 *
 * Money crosses the boundary as decimal strings at full precision ("12.345678901234"), never as
 * floating-point numbers; the views format them for people.
 */

/** A file handed to the engine. Hosts adapt their own files to it (a browser File, a Node path). */
export type ByteSource = {
  name: string;
  size: number;
  /**
   * Yields the file's bytes in order. The engine stops reading early on cancel or error. A chunk
   * is lent until the next one is asked for (a host may read every chunk into the same buffer):
   * whoever keeps bytes longer copies them.
   */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * The file as the host gave it, when this source is that whole file: such a source reads again
   * from the start at every `chunks()`, and a host may read it on a thread of its own.
   */
  origin?: ImportFileInput;
};

/**
 * The part of a Blob the engine reads: a browser File, or a Node Blob from `fs.openAsBlob`.
 * Spelled out here because the engine is compiled without the DOM's or Node's types. As with
 * `ByteSource`, a chunk read is only valid until the next read.
 */
export type BlobLike = {
  readonly size: number;
  stream(): {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(reason?: unknown): Promise<void>;
      releaseLock(): void;
    };
  };
};

/** What a host passes for one file to import. */
export type ImportFileInput = { name: string; size: number; file: BlobLike };

export type WorkspaceInfo = {
  name: string;
  schemaVersion: number;
  createdAt: string;
  chargeRows: number;
  importCount: number;
};

/**
 * 'needs-confirmation': the file is a new export of a source and period already imported; it
 * replaces the earlier import(s) in `replaces` only when imported again with `replace: true`.
 * 'staged': stored for review (`stage: true`), counted nowhere until 'import/commit'.
 */
export type ImportStatus = 'imported' | 'staged' | 'skipped' | 'failed' | 'cancelled' | 'needs-confirmation';

/**
 * 'invoice': billed cost, counted in totals and chargeback. 'usage': estimates and usage-only
 * sources (proxy logs, token reports), never added to invoiced cost; they feed token counts.
 */
export type SourceKind = 'invoice' | 'usage';

export type ImportOptions = {
  /**
   * Commit the valid records of a file that has bad ones, instead of refusing it whole; the
   * rejected records come back as CSV with their reasons (`rejectedCsv`).
   */
  validRowsOnly?: boolean;
  /**
   * For a new export of a source and period already imported: true replaces the earlier import,
   * false keeps both (e.g. an export split into several files), absent asks (needs-confirmation).
   */
  replace?: boolean;
  /**
   * Store the file for review instead of committing it: its rows count nowhere until
   * 'import/commit', and 'import/discard' removes them. A replacement question does not stop a
   * staged file; it is answered at commit.
   */
  stage?: boolean;
  /** Read the file as this format (an importer id from 'import/formats') instead of detecting it. */
  format?: string;
};

/** The analyst's decision for one staged import. */
export type CommitDecision = {
  importId: number;
  /** For a file with `replaces`: true replaces the earlier import(s), false keeps both. */
  replace?: boolean;
};

export type FormatInfo = { id: string; label: string; kind: 'table' | 'json' };

/** An earlier import that a new export of the same source and period replaces. */
export type ReplacedImport = {
  importId: number;
  file: string;
  rows: number;
  billedCost: string;
  currency: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

export type ImportFileResult = {
  file: string;
  status: ImportStatus;
  /** Detected format id, e.g. "focus". Null when the format was not recognised. */
  format: string | null;
  /** Human label with version, e.g. "FOCUS 1.2". */
  formatLabel: string | null;
  /** The importer that read the file: an id from 'import/formats', to read it as another. */
  importer: string | null;
  rows: number;
  periodStart: string | null; // ISO date (UTC) of the earliest ChargePeriodStart
  periodEnd: string | null; // ISO date (UTC) of the latest ChargePeriodStart
  billedCost: string | null; // decimal string
  currency: string | null;
  importId: number | null;
  /** For a skipped file: the import it duplicates. */
  duplicateOf: number | null;
  /** Earlier imports of the same source and period: to confirm (needs-confirmation) or replaced (imported). */
  replaces: ReplacedImport[];
  sourceKind: SourceKind | null;
  /** Records left out by `validRowsOnly`, and their original text with a reason column. */
  rejectedRows: number;
  rejectedCsv: string | null;
  warnings: string[];
  error: EngineErrorPayload | null;
};

/** A result with nothing in it yet; the importer fills it in. */
export function blankImportResult(file: string): ImportFileResult {
  return {
    file,
    status: 'failed',
    format: null,
    formatLabel: null,
    importer: null,
    rows: 0,
    periodStart: null,
    periodEnd: null,
    billedCost: null,
    currency: null,
    importId: null,
    duplicateOf: null,
    replaces: [],
    sourceKind: null,
    rejectedRows: 0,
    rejectedCsv: null,
    warnings: [],
    error: null,
  };
}

export type ImportRecord = {
  id: number;
  file: string;
  fileHash: string;
  fileSize: number;
  format: string;
  formatLabel: string;
  sourceKind: SourceKind;
  rows: number;
  periodStart: string | null;
  periodEnd: string | null;
  billedCost: string;
  currency: string | null;
  importedAt: string;
  errors: number;
  warnings: string[];
};

export type SummaryDimension =
  | 'month'
  | 'provider'
  | 'service'
  | 'currency'
  | 'subAccount'
  | 'chargeCategory'
  | 'model';

export const SUMMARY_DIMENSIONS: readonly SummaryDimension[] = [
  'month',
  'provider',
  'service',
  'currency',
  'subAccount',
  'chargeCategory',
  'model',
];

export type MoneyTotals = {
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  currency: string;
};

export type SummaryGroup = MoneyTotals & {
  /** One entry per requested dimension, e.g. { month: "2025-01", provider: "OpenAI" }. */
  key: Partial<Record<SummaryDimension, string | null>>;
  rows: number;
};

export type Summary = {
  /** Grand totals. When the workspace holds several currencies these are null: see totalsByCurrency. */
  billedCost: string | null;
  effectiveCost: string | null;
  listCost: string | null;
  currency: string | null;
  rows: number;
  totalsByCurrency: MoneyTotals[];
  by: SummaryDimension[];
  groups: SummaryGroup[];
};

export type DemoOptions = { seed?: number; months?: number };

/** The charge fields a column mapping can fill, in FOCUS names plus Costbook's x_ AI fields. */
export const MAPPABLE_FIELDS = [
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'BillingCurrency',
  'ProviderName',
  'ServiceName',
  'BillingAccountId',
  'SubAccountId',
  'SubAccountName',
  'ResourceId',
  'SkuId',
  'ChargeCategory',
  'ChargeDescription',
  'x_Model',
  'x_TokenClass',
  'x_Tokens',
  'x_Requests',
  'x_Project',
  'x_ApiKey',
  'x_User',
  'Tags',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** How to read a file no importer knows: which of its columns holds which field. */
export type ColumnMapping = {
  /** Field -> the file's column name. ChargePeriodStart and BilledCost are required. */
  columns: Partial<Record<MappableField, string>>;
  /** Other columns to keep as tags, the column name as the key. */
  tagColumns: string[];
  /** Day order of slash dates such as 03/04/2025; required when the file has them. */
  dayOrder: 'MDY' | 'DMY' | null;
  /** Currency when the file has no currency column (ISO 4217 code). */
  currency: string;
  /** Provider when the file has no provider column. */
  provider: string | null;
  sourceKind: SourceKind;
};

export type MappingProfile = { id: number; name: string; header: string[]; mapping: ColumnMapping; createdAt: string };

/** One record as it will be stored: dates ISO (UTC), money exact, text as written. */
export type PreviewRow = { line: number; values: Partial<Record<MappableField, string | null>> };

export type * from './allocation-contract';
export type * from './pricing-contract';

export type H<A, R> = { args: A; result: R };

/** The engine's API: every handler, by name. Pricing and allocation live in their own files. */
export type Handlers = CoreHandlers & PricingHandlers & AllocationHandlers;

type CoreHandlers = {
  'workspace/create': H<{ name: string }, WorkspaceInfo>;
  /** Opens a workspace image. Refuses empty, foreign, corrupt, truncated and newer files. */
  'workspace/open': H<{ name: string; bytes: Uint8Array }, WorkspaceInfo>;
  /** The whole workspace as a SQLite file image, for the host to save. */
  'workspace/export': H<Record<string, never>, { bytes: Uint8Array }>;
  'workspace/info': H<Record<string, never>, WorkspaceInfo | null>;
  'workspace/close': H<Record<string, never>, null>;
  /** Generates the demo files from a seed and imports them through the normal import path. */
  'workspace/demo': H<DemoOptions, { files: ImportFileResult[]; info: WorkspaceInfo }>;
  'import/files': H<{ files: ImportFileInput[]; options?: ImportOptions }, ImportFileResult[]>;
  'import/history': H<Record<string, never>, ImportRecord[]>;
  /** Commits staged imports, all in one transaction, replacing earlier ones where decided. */
  'import/commit': H<{ decisions: CommitDecision[] }, ImportRecord[]>;
  /** Removes staged imports and their rows. */
  'import/discard': H<{ importIds: number[] }, { removedRows: number }>;
  /** The formats Costbook can read, for "read this file as …". */
  'import/formats': H<Record<string, never>, FormatInfo[]>;
  /** The header and first records of a file, as written, for the column-mapping dialog. */
  'mapping/sample': H<{ file: ImportFileInput; rows?: number }, { header: string[]; rows: string[][] }>;
  /** The first records as a mapping would store them, with the problems it would meet. */
  'mapping/preview': H<{ file: ImportFileInput; mapping: ColumnMapping; rows?: number }, { rows: PreviewRow[]; problems: RowProblem[] }>;
  /** Saves a mapping as a named profile, applied again whenever the same header is imported. */
  'mapping/save': H<{ name: string; header: string[]; mapping: ColumnMapping }, MappingProfile>;
  'mapping/list': H<Record<string, never>, MappingProfile[]>;
  'mapping/delete': H<{ id: number }, null>;
  'import/remove': H<{ importId: number }, { removedRows: number }>;
  'summary/totals': H<{ by: SummaryDimension[] }, Summary>;
};

export type HandlerName = keyof Handlers;
export type ArgsOf<N extends HandlerName> = Handlers[N]['args'];
export type ResultOf<N extends HandlerName> = Handlers[N]['result'];

/** Tables a mutation touched; views that read them refetch. */
export type TableName = 'charges' | 'imports' | 'workspace' | 'mappings' | 'price_overrides' | 'allocation_rules';

export type ImportProgress = {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  totalBytes: number;
  rows: number;
  phase: 'reading' | 'committing' | 'done';
};

export type EngineEvents = {
  'import/progress': ImportProgress;
  'db/changed': { tables: TableName[] };
};

export type EventName = keyof EngineEvents;
