import { createContext, useContext } from 'react';
import {
  ALLOCATION_COLUMNS,
  ALLOCATION_NUMERIC_COLUMNS,
  type AllocationField,
  type AllocationRuleSet,
  type FieldRef,
} from '../../../shared/allocation-contract';
import { fieldGroup, fieldLabel, type FieldGroup } from './labels';

export type FieldOption = { field: FieldRef; label: string; group: FieldGroup; distinct: number | null };

/** What the rule builder can offer: fields to read, and the values found for each. */
export type FieldCatalog = {
  options: FieldOption[];
  option: (field: FieldRef) => FieldOption;
  suggestions: (field: FieldRef) => string[];
};

const GROUP_ORDER: FieldGroup[] = ['Columns', 'Source tags', 'Other tag keys', 'Numbers'];

const toOption = (field: FieldRef, distinct: number | null): FieldOption => ({ field, label: fieldLabel(field), group: fieldGroup(field), distinct });

/** Values a key can hold, read from the draft: its default, literal rule values and normalized names. */
function keyValues(rs: AllocationRuleSet, key: string): string[] {
  const def = rs.keys.find((k) => k.key === key);
  if (!def) return [];
  const values = [def.defaultValue, ...def.normalize.map((n) => n.value), ...def.rules.flatMap((r) => (r.value.kind === 'literal' ? [r.value.value] : []))];
  return [...new Set(values.filter((v) => v !== ''))];
}

/**
 * Builds the catalog from the engine's fields (columns and source tags found in the data, values by
 * cost) and the draft's other keys (`Key: team`), which the engine cannot know before saving.
 */
export function buildCatalog(fields: AllocationField[] | undefined, rs: AllocationRuleSet, currentKey: string | null): FieldCatalog {
  const byField = new Map((fields ?? []).map((f) => [f.field, f]));
  const base: FieldOption[] = fields
    ? fields.filter((f) => !f.field.startsWith('vtag:')).map((f) => toOption(f.field, f.distinct))
    : ALLOCATION_COLUMNS.map((c) => toOption(c, null));
  const keys = rs.keys.filter((k) => k.key !== currentKey).map((k) => toOption(`vtag:${k.key}`, null));
  const numbers = ALLOCATION_NUMERIC_COLUMNS.filter((c) => !byField.has(c)).map((c) => toOption(c, null));
  const options = [...base, ...keys, ...numbers].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
  const index = new Map(options.map((o) => [o.field, o]));
  return {
    options,
    option: (field) => index.get(field) ?? toOption(field, null),
    suggestions: (field) => (field.startsWith('vtag:') ? keyValues(rs, field.slice(5)) : (byField.get(field)?.top.map((t) => t.value) ?? [])),
  };
}

const EMPTY: FieldCatalog = buildCatalog(undefined, { format: 'costbook-allocation', version: 1, keys: [], splits: [] }, null);

export const FieldCatalogContext = createContext<FieldCatalog>(EMPTY);

export function useFieldCatalog(): FieldCatalog {
  return useContext(FieldCatalogContext);
}
