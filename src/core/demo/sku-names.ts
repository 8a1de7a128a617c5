/**
 * How each provider names what it bills. The spellings follow real exports (OpenAI cost line items,
 * Anthropic console descriptions, Azure meter names, AWS Bedrock usage types) so the importer and the
 * price matcher meet the same irregularities they will meet in the field.
 */
import { formatScaled, PRICE_SCALE } from './decimal-text';
import type { ServiceTier, TokenClass } from './focus-csv';
import type { DemoModel, ProviderId } from './model-prices';
import { createRng, randomId } from './random';

export type SkuFields = { skuId: string; skuMeter: string; skuPriceId: string; description: string };

export type Region = { id: string; name: string; code: string };

export const REGIONS: Record<string, Region> = {
  'us-east-1': { id: 'us-east-1', name: 'US East (N. Virginia)', code: 'USE1' },
  'us-west-2': { id: 'us-west-2', name: 'US West (Oregon)', code: 'USW2' },
  'eu-central-1': { id: 'eu-central-1', name: 'Europe (Frankfurt)', code: 'EUC1' },
  eastus2: { id: 'eastus2', name: 'East US 2', code: 'eastus2' },
  swedencentral: { id: 'swedencentral', name: 'Sweden Central', code: 'swedencentral' },
  westeurope: { id: 'westeurope', name: 'West Europe', code: 'westeurope' },
};

export function region(id: string): Region {
  const r = REGIONS[id];
  if (r === undefined) throw new RangeError(`unknown demo region ${id}`);
  return r;
}

/** Stable pseudo-random id derived from a name: the same meter always gets the same SkuId. */
export function stableId(name: string, length: number, upper = true): string {
  const id = randomId(createRng(0, name), length, upper ? 'alnum' : 'lower');
  return upper ? id.toUpperCase() : id;
}

const OPENAI_WORDS: Record<TokenClass, string> = {
  input: 'input',
  cached_read: 'cached input',
  cache_write: 'cache write input',
  output: 'output',
  reasoning: 'reasoning output',
};

const ANTHROPIC_WORDS: Record<TokenClass, string> = {
  input: 'Input Tokens',
  cached_read: 'Cache Read Input Tokens',
  cache_write: 'Cache Write Input Tokens (5m)',
  output: 'Output Tokens',
  reasoning: 'Output Tokens',
};

const AWS_SUFFIX: Record<TokenClass, string> = {
  input: 'input-tokens',
  cached_read: 'cache-read-input-token-count',
  cache_write: 'cache-write-input-token-count',
  output: 'output-tokens',
  reasoning: 'output-tokens',
};

const AWS_WORDS: Record<TokenClass, string> = {
  input: 'input tokens',
  cached_read: 'cache read input tokens',
  cache_write: 'cache write input tokens',
  output: 'output tokens',
  reasoning: 'output tokens',
};

function openaiSku(m: DemoModel, c: TokenClass, tier: ServiceTier): SkuFields {
  const meter = `${m.id}, ${OPENAI_WORDS[c]}` + (tier === 'standard' ? '' : ` | ${tier}`);
  return {
    skuId: m.id,
    skuMeter: meter,
    skuPriceId: `${m.id}:${c}:${tier}`,
    description: `${m.label} ${OPENAI_WORDS[c]} tokens` + (tier === 'standard' ? '' : ` (${tier})`),
  };
}

function anthropicSku(m: DemoModel, c: TokenClass, tier: ServiceTier): SkuFields {
  const meter = `${tier === 'batch' ? 'Batch ' : ''}${m.label} Usage - ${ANTHROPIC_WORDS[c]}`;
  return {
    skuId: m.id,
    skuMeter: meter,
    skuPriceId: `${m.meterStem}.${c === 'reasoning' ? 'output' : c}.${tier}`,
    description: meter,
  };
}

/** Azure meters mix "gpt-4o-1120-Inp-glbl Tokens" and "gpt 4.1 cached Inp glbl" styles; so do we. */
export function azureMeter(m: DemoModel, c: TokenClass, tier: ServiceTier, dataZone: boolean): string {
  const spaced = m.meterStem.includes(' ');
  const scope = dataZone ? 'DZone' : 'glbl';
  const batch = tier === 'batch' ? 'Batch' : '';
  const kind = c === 'input' ? 'Inp' : c === 'cached_read' ? 'cached Inp' : 'Outp';
  if (spaced) return [m.meterStem, batch, kind, scope].filter((s) => s !== '').join(' ');
  const dashed = [m.meterStem, batch, kind.replace(' ', '-'), scope].filter((s) => s !== '').join('-');
  return c === 'cached_read' ? dashed : dashed + ' Tokens';
}

function azureSku(m: DemoModel, c: TokenClass, tier: ServiceTier, dataZone: boolean): SkuFields {
  const meter = azureMeter(m, c, tier, dataZone);
  const skuId = stableId(`azure-product:${m.meterStem}`, 12);
  return { skuId, skuMeter: meter, skuPriceId: `${skuId}/${stableId(meter, 4)}`, description: meter };
}

export function awsUsageType(m: DemoModel, c: TokenClass, tier: ServiceTier, r: Region): string {
  return `${r.code}-${m.meterStem}-${tier === 'batch' ? 'batch-' : ''}${AWS_SUFFIX[c]}`;
}

function awsSku(m: DemoModel, c: TokenClass, tier: ServiceTier, r: Region, priceE4: number): SkuFields {
  const usageType = awsUsageType(m, c, tier, r);
  const skuId = stableId(`aws-sku:${usageType}`, 16);
  // AWS prints at least cents: "$3.00 per million …", "$0.015 per million …".
  const [whole, frac = ''] = formatScaled(BigInt(priceE4), PRICE_SCALE).split('.');
  const price = `${whole}.${frac.padEnd(2, '0')}`;
  return {
    skuId,
    skuMeter: usageType,
    skuPriceId: `${skuId}.JRTCKXETXF.${stableId(usageType, 10)}`,
    description: `$${price} per million ${AWS_WORDS[c]} for ${m.label} in ${r.name}`,
  };
}

export type SkuContext = {
  provider: ProviderId;
  model: DemoModel;
  tokenClass: TokenClass;
  tier: ServiceTier;
  region?: Region;
  dataZone?: boolean;
  listPriceE4: number;
};

export function skuFields(ctx: SkuContext): SkuFields {
  const { model: m, tokenClass: c, tier } = ctx;
  switch (ctx.provider) {
    case 'openai':
      return openaiSku(m, c, tier);
    case 'anthropic':
      return anthropicSku(m, c, tier);
    case 'azure':
      return azureSku(m, c, tier, ctx.dataZone === true);
    case 'aws':
      return awsSku(m, c, tier, ctx.region ?? region('us-east-1'), ctx.listPriceE4);
  }
}
