/**
 * The words the allocation screen uses for fields, operators and rule values. Field references are
 * a file format (FOCUS column names, `tag:`, `vtag:`); analysts read these labels instead.
 */
import {
  ALLOCATION_COLUMNS,
  ALLOCATION_NUMERIC_COLUMNS,
  type AllocationNumericColumn,
  type Condition,
  type ConditionGroup,
  type ConditionOperator,
  type FieldRef,
  type RuleValue,
} from '../../../shared/allocation-contract';

const COLUMN_LABELS: Record<string, string> = {
  ProviderName: 'Provider',
  PublisherName: 'Publisher',
  InvoiceIssuerName: 'Invoice issuer',
  BillingAccountId: 'Billing account ID',
  BillingAccountName: 'Billing account name',
  SubAccountId: 'Sub-account ID',
  SubAccountName: 'Sub-account name',
  ServiceName: 'Service',
  ServiceCategory: 'Service category',
  ChargeCategory: 'Charge category',
  ChargeDescription: 'Charge description',
  PricingUnit: 'Pricing unit',
  RegionId: 'Region ID',
  RegionName: 'Region',
  ResourceId: 'Resource ID',
  ResourceName: 'Resource name',
  ResourceType: 'Resource type',
  SkuId: 'SKU ID',
  SkuMeter: 'SKU meter',
  BillingCurrency: 'Currency',
  x_Model: 'Model',
  x_CatalogModel: 'Model (price catalog)',
  x_TokenClass: 'Token class',
  x_ServiceTier: 'Service tier',
  x_Project: 'Project',
  x_ApiKey: 'API key',
  x_User: 'User',
  BilledCost: 'Billed cost',
  EffectiveCost: 'Effective cost',
  ListCost: 'List cost',
  ConsumedQuantity: 'Consumed quantity',
  x_Tokens: 'Tokens',
  x_Requests: 'Requests',
};

export function fieldLabel(field: FieldRef): string {
  if (field.startsWith('tag:')) return `Tag: ${field.slice(4)}`;
  if (field.startsWith('vtag:')) return `Key: ${field.slice(5)}`;
  return COLUMN_LABELS[field] ?? field;
}

export type FieldGroup = 'Columns' | 'Numbers' | 'Source tags' | 'Other tag keys';

export function fieldGroup(field: FieldRef): FieldGroup {
  if (field.startsWith('tag:')) return 'Source tags';
  if (field.startsWith('vtag:')) return 'Other tag keys';
  return isNumericField(field) ? 'Numbers' : 'Columns';
}

// Widened once so membership can be tested with any string.
const TEXT_COLUMNS: readonly string[] = ALLOCATION_COLUMNS;
const NUMERIC_COLUMNS: readonly string[] = ALLOCATION_NUMERIC_COLUMNS;

export function isNumericField(field: FieldRef): field is AllocationNumericColumn {
  return NUMERIC_COLUMNS.includes(field);
}

export function isFieldRef(s: string): s is FieldRef {
  return (
    (s.startsWith('tag:') && s.length > 4) ||
    (s.startsWith('vtag:') && s.length > 5) ||
    TEXT_COLUMNS.includes(s) ||
    NUMERIC_COLUMNS.includes(s)
  );
}

/** How an operator takes its operand: one value, a list, nothing, or a number. */
export type OperandKind = 'one' | 'list' | 'none' | 'number';

export type OperatorDef = { op: ConditionOperator; label: string; operand: OperandKind; caseOption: boolean };

export const OPERATORS: OperatorDef[] = [
  { op: 'equals', label: 'equals', operand: 'one', caseOption: true },
  { op: 'notEquals', label: 'does not equal', operand: 'one', caseOption: true },
  { op: 'in', label: 'is one of', operand: 'list', caseOption: true },
  { op: 'notIn', label: 'is not one of', operand: 'list', caseOption: true },
  { op: 'contains', label: 'contains', operand: 'one', caseOption: true },
  { op: 'notContains', label: 'does not contain', operand: 'one', caseOption: true },
  { op: 'startsWith', label: 'starts with', operand: 'one', caseOption: true },
  { op: 'endsWith', label: 'ends with', operand: 'one', caseOption: true },
  { op: 'regex', label: 'matches regex', operand: 'one', caseOption: true },
  { op: 'flexible', label: 'flexible match (ignores case, spaces, _ and -)', operand: 'one', caseOption: false },
  { op: 'isEmpty', label: 'is empty', operand: 'none', caseOption: false },
  { op: 'isNotEmpty', label: 'is not empty', operand: 'none', caseOption: false },
  { op: 'gt', label: 'greater than', operand: 'number', caseOption: false },
  { op: 'gte', label: 'greater than or equal to', operand: 'number', caseOption: false },
  { op: 'lt', label: 'less than', operand: 'number', caseOption: false },
  { op: 'lte', label: 'less than or equal to', operand: 'number', caseOption: false },
];

export function operatorDef(op: ConditionOperator): OperatorDef {
  return OPERATORS.find((o) => o.op === op) ?? OPERATORS[0];
}

export function operatorNamed(name: unknown): ConditionOperator | null {
  return OPERATORS.find((o) => o.op === name)?.op ?? null;
}

/** Short form for one-line summaries: the select shows the long one. */
function operatorShort(op: ConditionOperator): string {
  return op === 'flexible' ? 'is like' : operatorDef(op).label;
}

export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return 'join' in item;
}

const quote = (v: string) => `“${v}”`;

export function describeCondition(c: Condition): string {
  const def = operatorDef(c.op);
  const head = `${fieldLabel(c.field)} ${operatorShort(c.op)}`;
  if (def.operand === 'none') return head;
  if (def.operand === 'list') return `${head} ${(c.values ?? []).map(quote).join(', ') || '…'}`;
  return `${head} ${c.value ? quote(c.value) : '…'}`;
}

/** A condition group as one line of words, nested groups in parentheses. */
export function describeGroup(g: ConditionGroup, nested = false): string {
  if (g.items.length === 0) return nested ? '(anything)' : 'Every charge';
  const parts = g.items.map((i) => (isGroup(i) ? describeGroup(i, true) : describeCondition(i)));
  const text = parts.join(g.join === 'and' ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}

export function describeValue(v: RuleValue): string {
  if (v.kind === 'literal') return v.value ? quote(v.value) : '(no value yet)';
  if (v.kind === 'field') return `the ${fieldLabel(v.field)}`;
  return `part of the ${fieldLabel(v.field)}`;
}

export function percentText(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(1)} %`;
}
