/**
 * Rows for the import benchmark: a wide, consolidated FOCUS 1.2 file (all four providers) with the
 * cardinalities that hurt an importer in practice: tens of thousands of resource ids, a few hundred
 * SKUs and sub-accounts, JSON tags on every row. Built from the demo's catalogs and spellings, but
 * with parts of each line prepared once and amounts in plain integers so 1M rows take seconds.
 */
import { daysOfMonths, parseMonth } from './calendar';
import { COST_SCALE, formatScaledInt, MTOK_SCALE, PRICE_SCALE, scalePrice } from './decimal-text';
import { DEMO_PROVIDERS, TEAM_IDS } from './demo-company';
import { csvField } from './csv-text';
import { focusHeaderLine, type ServiceTier, type TokenClass } from './focus-csv';
import { byProvider, DEMO_MODELS, unitPriceE4, type DemoModel, type ProviderId } from './model-prices';
import { createAccount, type ProviderAccount } from './provider-accounts';
import { createRng, randomId, randomUuid, type Rng } from './random';
import { region, skuFields, stableId, type Region } from './sku-names';
import { pickTagStyle, tagsJson } from './tag-styles';

export type BenchOptions = { rows: number; seed: number; /** 'YYYY-MM' */ startMonth: string };

const RESOURCES = 40_000;
const SUB_ACCOUNTS_PER_PROVIDER = 75;
// openai, anthropic, azure, aws. Azure and AWS rows are the long ones (ARM paths, ARNs, ~830 bytes)
// against ~630–690 for OpenAI/Anthropic; this mix averages ~700 bytes a line.
const PROVIDER_WEIGHTS = [0.45, 0.3, 0.12, 0.13];
const REGIONS_OF: Record<ProviderId, readonly (string | undefined)[]> = {
  openai: [undefined],
  anthropic: [undefined],
  azure: ['eastus2', 'swedencentral', 'westeurope'],
  aws: ['us-east-1', 'us-west-2', 'eu-central-1'],
};
const CLASSES: readonly TokenClass[] = ['input', 'cached_read', 'cache_write', 'output', 'reasoning'];
const TIERS: readonly ServiceTier[] = ['standard', 'batch'];
const FEATURES = [
  'support-bot',
  'search',
  'summarizer',
  'code-review',
  'internal-chat',
  'doc-extraction',
  'content-gen',
];
/** Short project stems: names repeat in three columns, so their length moves the line size a lot. */
const STEMS = ['support', 'search', 'summary', 'review', 'chat', 'extract', 'content'];

/** What a SKU contributes to a line, pre-joined and CSV-escaped. */
type BenchSku = {
  provider: ProviderId;
  regionId: string | undefined;
  list: number;
  contracted: number;
  effective: number;
  charge: string; // ChargeCategory … ChargeFrequency
  prices: string; // ListUnitPrice … PricingCategory
  providerToSku: string; // ProviderName … SkuPriceId
  modelAndClass: string; // x_Model, x_TokenClass
  /** Requests go on input rows only, as in the demo, so a sum over classes counts each call once. */
  countsRequests: boolean;
  tier: string;
};

type BenchResource = { provider: ProviderId; skus: readonly BenchSku[]; middle: string; tail: string };

function joinCsv(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

function buildSkus(accounts: Record<ProviderId, ProviderAccount>): BenchSku[] {
  const out: BenchSku[] = [];
  for (const provider of DEMO_PROVIDERS) {
    const a = accounts[provider];
    for (const m of DEMO_MODELS[provider]) {
      for (const regionId of REGIONS_OF[provider]) {
        for (const tier of TIERS) {
          for (const c of CLASSES) out.push(...skuVariants(a, m, c, tier, regionId));
        }
      }
    }
  }
  return out;
}

function skuVariants(
  a: ProviderAccount,
  m: DemoModel,
  c: TokenClass,
  tier: ServiceTier,
  regionId: string | undefined,
): BenchSku[] {
  // Reasoning rows only for reasoning models, as in real usage.
  if (c === 'reasoning' && !/^o\d/.test(m.id)) return [];
  const r: Region | undefined = regionId === undefined ? undefined : region(regionId);
  const scopes = a.provider === 'azure' ? [false, true] : [false];
  const out: BenchSku[] = [];
  for (const dataZone of scopes) {
    const list = unitPriceE4(m, c, tier, dataZone ? 1100 : 1000);
    if (list === undefined) continue;
    const contracted = scalePrice(list, a.contractPermille);
    const sku = skuFields({
      provider: a.provider,
      model: m,
      tokenClass: c,
      tier,
      region: r,
      dataZone,
      listPriceE4: list,
    });
    const described = a.provider === 'azure' || a.provider === 'aws';
    out.push({
      provider: a.provider,
      regionId,
      list,
      contracted,
      effective: scalePrice(contracted, a.effectivePermille),
      // ChargeDescription is nullable and OpenAI/Anthropic exports carry none: empty cells exercise the
      // importer's null handling and keep lines closer to the reference measurement's ~550 bytes.
      charge: joinCsv(['Usage', '', described ? sku.description : '', 'Usage-Based']),
      prices: joinCsv([
        formatScaledInt(list, PRICE_SCALE),
        formatScaledInt(contracted, PRICE_SCALE),
        'Standard',
      ]),
      providerToSku: joinCsv([
        a.providerName,
        m.publisher,
        a.invoiceIssuer,
        a.invoiceIds[0],
        a.serviceName,
        'AI and Machine Learning',
        a.serviceSubcategory,
        sku.skuId,
        sku.skuMeter,
        // Short opaque price ids (the column is free text): long ones would only inflate lines.
        stableId(sku.skuPriceId, 10),
      ]),
      modelAndClass: joinCsv([m.id, c]),
      countsRequests: c === 'input',
      tier,
    });
  }
  return out;
}

type SubAccount = { id: string; name: string; project: string };

function buildSubAccounts(rng: Rng, provider: ProviderId): SubAccount[] {
  return Array.from({ length: SUB_ACCOUNTS_PER_PROVIDER }, (_, i) => {
    const project = `${rng.pick(STEMS)}-${rng.pick(['prod', 'stg', 'dev'])}${i}`;
    switch (provider) {
      case 'openai':
        return { id: `proj_${randomId(rng, 24)}`, name: project, project };
      case 'anthropic':
        return { id: `wrkspc_01${randomId(rng, 22)}`, name: project, project };
      case 'azure':
        return { id: randomUuid(rng), name: `Northwind-${project}`, project: `deploy-${project}` };
      case 'aws':
        return { id: randomId(rng, 12, 'digits'), name: `northwind-${project}`, project };
    }
  });
}

function buildResource(
  rng: Rng,
  provider: ProviderId,
  sub: SubAccount,
  skus: readonly BenchSku[],
  i: number,
): BenchResource {
  const regionId = rng.pick(REGIONS_OF[provider]);
  const r = regionId === undefined ? undefined : region(regionId);
  const name = `${sub.project}-${i.toString(36)}`;
  let resourceId: string;
  let type: string;
  let apiKey: string;
  switch (provider) {
    case 'openai':
      resourceId = `key_${randomId(rng, 16)}`;
      [type, apiKey] = ['API key', `sk-...${randomId(rng, 4, 'lower')}`];
      break;
    case 'anthropic':
      [resourceId, type, apiKey] = [`apikey_01${randomId(rng, 22)}`, 'API key', name];
      break;
    case 'azure':
      resourceId = `/subscriptions/${sub.id}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/${name}`;
      [type, apiKey] = ['Azure OpenAI', rng.pick(['key1', 'key2', `mi-${name}`])];
      break;
    case 'aws':
      resourceId = `arn:aws:bedrock:${regionId}:${sub.id}:application-inference-profile/${randomId(rng, 12, 'lower')}`;
      [type, apiKey] = ['Application inference profile', `role/${name}`];
      break;
  }
  // Two to four keys: team and env always, feature usually, customer sometimes.
  const style = { ...pickTagStyle(rng, provider), envOnly: false, costCenter: false };
  const feature = rng.pick(FEATURES);
  const tags = tagsJson(style, {
    team: rng.pick(TEAM_IDS),
    feature: rng.chance(0.6) ? feature : undefined,
    customer: rng.chance(0.1) ? `c${randomId(rng, 4, 'digits')}` : undefined,
  });
  const user = rng.chance(0.05) ? `user${rng.int(1, 999)}@northwind.example` : '';
  // A resource bills a handful of SKUs from its own provider and region, like a real key or profile.
  const own = skus.filter((s) => s.provider === provider && s.regionId === regionId);
  const start = rng.int(0, Math.max(0, own.length - 12));
  return {
    provider,
    skus: own.slice(start, start + 12),
    middle: joinCsv([sub.id, sub.name, resourceId, name, type, r?.id ?? '', r?.name ?? '', tags]),
    tail: joinCsv([sub.project, apiKey, user]),
  };
}

export function* generateFocusBenchLines(opts: BenchOptions): Generator<string> {
  const rng = createRng(opts.seed, 'bench');
  const first = parseMonth(opts.startMonth);
  const days = daysOfMonths(first, 1).map((d) => ({
    billing: `${d.billingStart},${d.billingEnd}`,
    period: `${d.start},${d.end}`,
  }));
  const accounts = byProvider((p) => createAccount(rng, p, 1));
  const skus = buildSkus(accounts);
  const subs = byProvider((p) => buildSubAccounts(rng, p));
  const resources: BenchResource[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    const p = rng.weighted(DEMO_PROVIDERS, PROVIDER_WEIGHTS);
    resources.push(buildResource(rng, p, rng.pick(subs[p]), skus, i));
  }
  const heads = byProvider((p) => joinCsv([accounts[p].billingAccountId, accounts[p].billingAccountName, 'USD']));

  yield focusHeaderLine();
  for (let i = 0; i < opts.rows; i++) {
    // Squaring skews usage toward a minority of busy resources, as in real bills.
    const u = rng.next();
    const res = resources[Math.floor(u * u * RESOURCES)];
    const sku = res.skus[Math.floor(rng.next() * res.skus.length)];
    const day = days[Math.floor(rng.next() * days.length)];
    // 1k to 50M tokens, most rows small and a long tail of big ones (u^4, no Math.exp: see random.ts);
    // 50M × the dearest price at scale 4 stays far below 2^53.
    const t = rng.next();
    const tokens = 1000 + Math.floor(50_000_000 * t * t * t * t);
    const billed = formatScaledInt(tokens * sku.contracted, COST_SCALE);
    // Most SKUs bill at list: reuse the text instead of formatting the same number three times.
    const effective =
      sku.effective === sku.contracted ? billed : formatScaledInt(tokens * sku.effective, COST_SCALE);
    const list = sku.list === sku.contracted ? billed : formatScaledInt(tokens * sku.list, COST_SCALE);
    const requests = sku.countsRequests ? String(Math.max(1, Math.floor(tokens / 1800))) : '';
    yield (
      `${heads[res.provider]},${day.billing},${day.period},${sku.charge},` +
      `${billed},${effective},${list},${billed},${sku.prices},` +
      `${formatScaledInt(tokens, MTOK_SCALE)},1M Tokens,USD,${tokens},Tokens,` +
      `${sku.providerToSku},${res.middle},${sku.modelAndClass},${requests},${res.tail},${sku.tier}\n`
    );
  }
}
