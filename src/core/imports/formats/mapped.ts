import type { ColumnMapping, MappableField, MappingProfile } from '../../../shared/contract';
import { TEXT_INDEX, type TextColumn } from '../charge-writer';
import { parseInstant, parseSlashedDate } from '../dates';
import { canonicalTags } from './focus';
import { headerKey } from './header';
import { RecordReader } from './record-reader';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from './types';

/** Mapped fields stored as text, by the charge column they fill. */
export const TEXT_FIELDS: [MappableField, TextColumn][] = [
  ['BillingCurrency', 'BillingCurrency'],
  ['ProviderName', 'ProviderName'],
  ['ServiceName', 'ServiceName'],
  ['BillingAccountId', 'BillingAccountId'],
  ['SubAccountId', 'SubAccountId'],
  ['SubAccountName', 'SubAccountName'],
  ['ResourceId', 'ResourceId'],
  ['SkuId', 'SkuId'],
  ['ChargeCategory', 'ChargeCategory'],
  ['ChargeDescription', 'ChargeDescription'],
  ['x_Model', 'x_Model'],
  ['x_TokenClass', 'x_TokenClass'],
  ['x_Project', 'x_Project'],
  ['x_ApiKey', 'x_ApiKey'],
  ['x_User', 'x_User'],
];

/** The fields a mapping must name before a file can be read with it. */
export const REQUIRED_FIELDS: MappableField[] = ['ChargePeriodStart', 'BilledCost'];

class MappedReader extends RecordReader implements RowMapper {
  private readonly col: Partial<Record<MappableField, number>> = {};
  private readonly tagCols: [string, number][];
  private readonly notes: string[] = [];

  constructor(
    file: string,
    header: string[],
    private readonly mapping: ColumnMapping,
  ) {
    super(file, header);
    const at = (name: string | undefined): number => (name === undefined ? -1 : header.indexOf(name));
    for (const [field, name] of Object.entries(mapping.columns) as [MappableField, string][]) this.col[field] = at(name);
    this.tagCols = mapping.tagColumns.map((name) => [name, at(name)] as [string, number]).filter(([, i]) => i >= 0);
    if (mapping.columns.EffectiveCost === undefined) this.notes.push('No column was mapped to EffectiveCost: BilledCost is used for it.');
    if (mapping.columns.ListCost === undefined) this.notes.push('No column was mapped to ListCost: BilledCost is used for it.');
  }

  warnings(): string[] {
    return this.notes;
  }

  private index(field: MappableField): number {
    return this.col[field] ?? -1;
  }

  /** ISO instants, or slash dates in the mapping's day order. */
  private date(field: MappableField, required: boolean): number | null {
    const col = this.index(field);
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a date (it is required)');
      return null;
    }
    const t = parseInstant(v) ?? (this.mapping.dayOrder ? parseSlashedDate(v, this.mapping.dayOrder) : null);
    if (t === null) {
      this.problem(
        col,
        this.mapping.dayOrder
          ? `a date such as 2025-01-31 or ${this.mapping.dayOrder === 'MDY' ? '01/31/2025' : '31/01/2025'}`
          : 'a date such as 2025-01-31 (for dates like 03/04/2025, choose the day order)',
      );
    }
    return t;
  }

  map(fields: string[], line: number, sink: ChargeSink, report: Report): boolean {
    this.begin(fields, line, report);
    const d = sink.next();
    d.rowNumber = line;
    d.chargePeriodStart = this.date('ChargePeriodStart', true) ?? 0;
    d.chargePeriodEnd = this.date('ChargePeriodEnd', false);
    const billed = this.money(this.index('BilledCost'), true);
    if (billed !== null) d.billed = billed;
    d.effective = this.money(this.index('EffectiveCost'), false) ?? d.billed;
    d.list = this.money(this.index('ListCost'), false) ?? d.billed;
    for (const [field, column] of TEXT_FIELDS) d.text[TEXT_INDEX[column]] = this.text(this.index(field));
    d.text[TEXT_INDEX.BillingCurrency] ??= this.mapping.currency;
    d.text[TEXT_INDEX.ProviderName] ??= this.mapping.provider;
    d.tokens = this.count(this.index('x_Tokens'));
    d.requests = this.count(this.index('x_Requests'));
    const tags: Record<string, string> = {};
    const rawTags = this.text(this.index('Tags'));
    if (rawTags !== null) {
      const parsed = canonicalTags(rawTags);
      if (parsed === undefined) this.problem(this.index('Tags'), 'a JSON object of key/value pairs, e.g. {"team":"search"}');
      else if (parsed !== null) Object.assign(tags, JSON.parse(parsed) as Record<string, string>);
    }
    for (const [name, col] of this.tagCols) {
      const v = this.text(col);
      if (v !== null) tags[name] = v;
    }
    d.tagsJson = Object.keys(tags).length ? (canonicalTags(JSON.stringify(tags)) ?? null) : null;
    if (this.ok) sink.emit();
    return this.ok;
  }
}

/** The columns a mapping names that the header does not have. */
export function unknownColumns(header: string[], mapping: ColumnMapping): string[] {
  const names = [...Object.values(mapping.columns), ...mapping.tagColumns].filter((n): n is string => n !== undefined);
  return names.filter((n) => !header.includes(n));
}

export function createMappedMapper(file: string, header: string[], mapping: ColumnMapping): RowMapper {
  return new MappedReader(file, header, mapping);
}

/** A saved profile as an importer: it claims exactly the header it was made for. */
export function mappedImporter(profile: MappingProfile): TableImporter {
  const key = headerKey(profile.header);
  const detection: Detection = {
    format: 'mapping',
    version: profile.name,
    label: `Column mapping "${profile.name}"`,
    sourceKind: profile.mapping.sourceKind,
    score: 5,
  };
  return {
    kind: 'table',
    id: `mapping:${profile.id}`,
    label: `Column mapping "${profile.name}"`,
    detect: (header) => (headerKey(header) === key ? detection : null),
    missingColumns: () => [],
    createMapper: (file, header) => createMappedMapper(file, header, profile.mapping),
  };
}
