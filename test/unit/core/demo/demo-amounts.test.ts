import { describe, expect, it } from 'vitest';
import { generateDemoFiles } from '../../../../src/core/demo/generate-demo';
import { decimals, MONEY, toScaled } from './csv-check';
import { amountTexts, buckets, fileNamed, LIST_PRICES, priced, rows, type Row } from './demo-files';

const files = generateDemoFiles({ seed: 42, endMonth: '2026-10' });
const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

type Usage = Record<string, unknown> & { input_uncached_tokens: number; input_cached_tokens: number; output_tokens: number };

/** Collects offenders and compares once: an expect per row makes these tests take seconds. */
function offenders<T>(items: readonly T[], bad: (x: T) => boolean): T[] {
  return items.filter(bad).slice(0, 3);
}

describe('demo amounts', () => {
  it('writes OpenAI amounts as JSON numbers that read back to the same decimal', () => {
    const texts = amountTexts(fileNamed(files, 'demo-openai-costs-'));
    expect(texts.length).toBeGreaterThan(1000);
    // At most 15 significant digits: a float keeps all of them, so String(JSON.parse(x)) === x.
    expect(offenders(texts, (t) => !MONEY.test(t) || t.replace(/^0\.0*|\./g, '').length > 15 || String(Number(t)) !== t)).toEqual([]);
  });

  it('bills OpenAI usage exactly: costs per project, model and tier = usage tokens × list price', () => {
    const cost = new Map<string, bigint>();
    for (const b of buckets(files, 'demo-openai-costs-')) {
      for (const r of b.results) {
        const [model, words] = String(r.line_item).split(', ');
        if (model.startsWith('text-embedding')) continue; // embeddings usage is another endpoint
        const k = `${day(b.start_time)}|${String(r.project_id)}|${model}|${words.includes('(batch)')}`;
        cost.set(k, (cost.get(k) ?? 0n) + toScaled(String((r.amount as { value: number }).value), 10));
      }
    }
    const usage = new Map<string, bigint>();
    for (const b of buckets(files, 'demo-openai-usage-completions-')) {
      for (const raw of b.results) {
        const r = raw as Usage;
        const [input, cached, , output] = LIST_PRICES[String(r.model)];
        const tier = r.batch === true ? 500n : r.service_tier === 'priority' ? 1750n : 1000n;
        const v = priced(r.input_uncached_tokens, input, tier) + priced(r.input_cached_tokens, cached, tier) + priced(r.output_tokens, output, tier);
        expect(r.input_tokens).toBe(r.input_uncached_tokens + r.input_cached_tokens);
        const k = `${day(b.start_time)}|${String(r.project_id)}|${String(r.model)}|${r.batch === true}`;
        usage.set(k, (usage.get(k) ?? 0n) + v);
      }
    }
    expect(usage.size).toBeGreaterThan(500);
    expect(cost).toEqual(usage);
  });

  it('bills Anthropic usage exactly: the cost export = the usage export’s tokens × list price, batch at half', () => {
    const display: Record<string, string> = {
      'Claude Sonnet 4': 'claude-sonnet-4-20250514',
      'Claude Haiku 3.5': 'claude-3-5-haiku-20241022',
      'Claude Opus 4': 'claude-opus-4-20250514',
    };
    const columns: [string, number][] = [
      ['usage_input_tokens_no_cache', 0],
      ['usage_input_tokens_cache_read', 1],
      ['usage_input_tokens_cache_write_5m', 2],
      ['usage_output_tokens', 3],
    ];
    const key = (r: Row, model: string) => `${r.usage_date_utc}|${r.workspace}|${r.api_key}|${model}`;
    const cost = new Map<string, bigint>();
    for (const r of rows(fileNamed(files, 'demo-anthropic-cost-'))) {
      const k = key(r, display[r.model]);
      cost.set(k, (cost.get(k) ?? 0n) + toScaled(r.cost_usd, 10));
    }
    const usage = new Map<string, bigint>();
    for (const r of rows(fileNamed(files, 'demo-anthropic-usage-'))) {
      const prices = LIST_PRICES[r.model_version];
      const tier = r.usage_type === 'batch' ? 500n : 1000n;
      const v = columns.reduce((a, [col, i]) => a + priced(BigInt(r[col]), prices[i], tier), 0n);
      usage.set(key(r, r.model_version), v);
    }
    expect(cost).toEqual(usage);
    const costRows = rows(fileNamed(files, 'demo-anthropic-cost-'));
    expect(offenders(costRows, (r) => decimals(r.cost_usd) < 2 || decimals(r.cost_usd) > 10)).toEqual([]);
    // list_price_usd is the standard price, cache reads at the uncached input price (as the Console writes it).
    const reads = costRows.filter((r) => r.token_type === 'input_cache_read');
    expect(offenders(reads, (r) => toScaled(r.list_price_usd, 10) <= toScaled(r.cost_usd, 10))).toEqual([]);
  });

  it('writes Azure rows where Quantity × UnitPrice = Cost exactly, under the pay-as-you-go price', () => {
    const ea = rows(fileNamed(files, 'demo-azure-'));
    const block: Record<string, bigint> = { '1K': 1000n, '1M': 1_000_000n };
    expect(new Set(ea.map((r) => r.UnitOfMeasure))).toEqual(new Set(['1K', '1M']));
    expect(
      offenders(ea, (r) => {
        const q = toScaled(r.Quantity, 6);
        return (
          (q * block[r.UnitOfMeasure]) % 1_000_000n !== 0n || // a whole number of tokens
          q * toScaled(r.UnitPrice, 10) !== toScaled(r.Cost, 16) ||
          r.EffectivePrice !== r.UnitPrice ||
          toScaled(r.UnitPrice, 10) >= toScaled(r.PayGPrice, 10) ||
          r.ChargeType !== 'Usage' ||
          r.MeterSubCategory !== 'Azure OpenAI'
        );
      }),
    ).toEqual([]);
  });

  it('writes CUR lines where usage × rate = unblended cost exactly, with a cent-rounded tax per account and month', () => {
    const cur = rows(fileNamed(files, 'demo-aws-'));
    const usage = cur.filter((r) => r.line_item_line_item_type === 'Usage');
    expect(
      offenders(usage, (r) => {
        const amount = BigInt(r.line_item_usage_amount);
        return (
          amount * toScaled(r.line_item_unblended_rate, 10) !== toScaled(r.line_item_unblended_cost, 10) ||
          amount * toScaled(r.pricing_public_on_demand_rate, 10) !== toScaled(r.pricing_public_on_demand_cost, 10) ||
          r.line_item_blended_cost !== r.line_item_unblended_cost ||
          decimals(r.line_item_unblended_rate) !== 10 ||
          !/^[A-Z]{3,4}\d?-.+-(input-tokens|output-tokens|cache-read-input-token-count|cache-write-input-token-count)$/.test(r.line_item_usage_type)
        );
      }),
    ).toEqual([]);
    const taxes = cur.filter((r) => r.line_item_line_item_type === 'Tax');
    expect(taxes).toHaveLength(4 * 3);
    for (const t of taxes) {
      expect(decimals(t.line_item_unblended_cost)).toBeLessThanOrEqual(2);
      const base = usage
        .filter((r) => r.line_item_usage_account_id === t.line_item_usage_account_id && r.bill_billing_period_start_date === t.bill_billing_period_start_date)
        .reduce((a, r) => a + Number(r.line_item_unblended_cost), 0);
      expect(Math.abs(Number(t.line_item_unblended_cost) - base * 0.08875)).toBeLessThanOrEqual(0.005);
    }
  });

  it('logs LiteLLM spend as tokens × list price per request, and the same tokens the providers report', () => {
    const logs = rows(fileNamed(files, 'demo-litellm-'));
    expect(logs.length).toBeGreaterThan(1000);
    const parsedUsage = (r: Row) => {
      const u = JSON.parse(r.metadata).usage_object;
      return { cached: u.prompt_tokens_details.cached_tokens as number, prompt: Number(r.prompt_tokens), completion: Number(r.completion_tokens) };
    };
    expect(
      offenders(logs, (r) => {
        const { cached, prompt, completion } = parsedUsage(r);
        const [input, cachedPrice, , output] = LIST_PRICES[r.model.replace(/^azure\//, '')];
        const spend = priced(prompt - cached, input) + priced(cached, cachedPrice) + priced(completion, output);
        return toScaled(r.spend, 10) !== spend || Number(r.total_tokens) !== prompt + completion || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(r.startTime);
      }),
    ).toEqual([]);

    // The Azure deployment behind the proxy has no other caller: its EA meters hold the same tokens.
    const viaProxy = new Map<string, number>();
    for (const r of logs.filter((x) => x.custom_llm_provider === 'azure')) {
      const { cached, prompt, completion } = parsedUsage(r);
      const d = r.startTime.slice(0, 10);
      for (const [cls, n] of [['input', prompt - cached], ['cached', cached], ['output', completion]] as const) {
        viaProxy.set(`${d}|${cls}`, (viaProxy.get(`${d}|${cls}`) ?? 0) + n);
      }
    }
    const billed = new Map<string, number>();
    for (const r of rows(fileNamed(files, 'demo-azure-'))) {
      const [m, dd, y] = r.Date.split('/');
      const d = `${y}-${m}-${dd}`;
      if (r.ResourceName !== 'nw-aoai-internal-chat' || !viaProxy.has(`${d}|input`)) continue;
      const cls = /cached/.test(r.MeterName) ? 'cached' : /Outp/.test(r.MeterName) ? 'output' : 'input';
      const tokens = Number(toScaled(r.Quantity, 6) * (r.UnitOfMeasure === '1M' ? 1_000_000n : 1000n) / 1_000_000n);
      billed.set(`${d}|${cls}`, (billed.get(`${d}|${cls}`) ?? 0) + tokens);
    }
    expect(billed).toEqual(viaProxy);
  });

  it('logs one LiteLLM row per request the OpenAI usage page counts for the proxied keys', () => {
    const logs = rows(fileNamed(files, 'demo-litellm-')).filter((r) => r.custom_llm_provider === 'openai');
    const proxied = new Map<string, { requests: number; input: number }>();
    for (const r of logs) {
      const k = `${r.startTime.slice(0, 10)}|${r.model}`;
      const cached = JSON.parse(r.metadata).usage_object.prompt_tokens_details.cached_tokens as number;
      const v = proxied.get(k) ?? { requests: 0, input: 0 };
      proxied.set(k, { requests: v.requests + 1, input: v.input + Number(r.prompt_tokens) - cached });
    }
    // The usage page names keys by id only: find the keys whose sums are the proxy's, on every day.
    const perKey = new Map<string, Map<string, { requests: number; input: number }>>();
    for (const b of buckets(files, 'demo-openai-usage-completions-')) {
      for (const raw of b.results) {
        const r = raw as Usage;
        const k = `${day(b.start_time)}|${String(r.model)}`;
        if (!proxied.has(k)) continue;
        const keys = perKey.get(k) ?? new Map();
        keys.set(String(r.api_key_id), { requests: Number(r.num_model_requests), input: r.input_uncached_tokens });
        perKey.set(k, keys);
      }
    }
    const matching = [...proxied].map(([k, want]) => {
      const keys = [...(perKey.get(k) ?? new Map())];
      const subsets = Array.from({ length: 2 ** keys.length }, (_, mask) => keys.filter((_, i) => mask & (1 << i)));
      const hit = subsets.filter((s) => s.reduce((a, [, v]) => a + v.requests, 0) === want.requests && s.reduce((a, [, v]) => a + v.input, 0) === want.input);
      return hit.map((s) => s.map(([id]) => id).sort().join(','));
    });
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.every((m) => m.length === 1)).toBe(true);
    const keySets = new Set(matching.map((m) => m[0]));
    expect(keySets.size).toBe(1);
    expect([...keySets][0].split(',')).toHaveLength(2);
  });
});
