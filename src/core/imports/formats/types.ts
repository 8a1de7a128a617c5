import type { RowProblem } from '../../../shared/errors';
import type { ChargeDraft } from '../charge-writer';

export type Detection = {
  format: string;
  version: string | null;
  label: string;
  sourceKind: 'invoice' | 'usage';
  /** Higher wins when several importers claim a header. */
  score: number;
};

/** Turns one record into a draft; returns false (after reporting problems) when it cannot. */
export type RowMapper = {
  map(fields: string[], line: number, draft: ChargeDraft, report: (p: RowProblem) => void): boolean;
  /** File-level notes collected while mapping (e.g. "EffectiveCost missing, taken as BilledCost"). */
  warnings(): string[];
};

export type FormatImporter = {
  id: string;
  /** Looks at the header only. Returns null when the header is not this format. */
  detect(header: string[]): Detection | null;
  /** Column names this format needs that the header lacks (after detect said "close"). */
  missingColumns(header: string[]): string[];
  createMapper(file: string, header: string[], detection: Detection): RowMapper;
};
