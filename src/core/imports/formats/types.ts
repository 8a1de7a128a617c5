import type { RowProblem } from '../../../shared/errors';
import type { ChargeDraft } from '../charge-writer';

export type SourceKind = 'invoice' | 'usage';

export type Detection = {
  format: string;
  version: string | null;
  label: string;
  /**
   * 'invoice': billed cost that totals and chargeback count. 'usage': estimates and usage-only
   * sources (proxy logs, token reports) that feed token counts and usage splits but are never
   * added to invoiced cost.
   */
  sourceKind: SourceKind;
  /** Higher wins when several importers claim a header. */
  score: number;
};

export type Report = (p: RowProblem) => void;

/** Where a mapper puts the charges one record produces (a usage row may hold several token classes). */
export type ChargeSink = {
  /** A cleared draft to fill for the next charge of the current record. */
  next(): ChargeDraft;
  /** Stores the draft `next()` returned last. */
  emit(): void;
};

/** Turns one record into zero or more charges. Returns false (after reporting problems) when it cannot. */
export type RowMapper = {
  map(fields: string[], line: number, sink: ChargeSink, report: Report): boolean;
  /** File-level notes collected while mapping (e.g. "EffectiveCost missing, taken as BilledCost"). */
  warnings(): string[];
};

/** A delimited-text format told from its header line. */
export type TableImporter = {
  kind: 'table';
  id: string;
  /** How the format is named when the analyst picks it ("read this file as …"). */
  label?: string;
  /** Looks at the header only. Returns null when the header is not this format. */
  detect(header: string[]): Detection | null;
  /** Column names this format needs that the header lacks, when the header looks like it at all. */
  missingColumns(header: string[]): string[];
  createMapper(file: string, header: string[], detection: Detection): RowMapper;
};

/**
 * A JSON document format (provider admin APIs) told from its structure. Such files are small
 * pages of buckets, read whole. `row` in problems is the 1-based record number in the document.
 */
export type JsonImporter = {
  kind: 'json';
  id: string;
  label?: string;
  detect(doc: unknown): Detection | null;
  read(file: string, doc: unknown, detection: Detection, sink: ChargeSink, report: Report): string[];
};

export type FormatImporter = TableImporter | JsonImporter;
