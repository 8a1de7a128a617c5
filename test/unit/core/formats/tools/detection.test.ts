import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectTable } from '../../../../../src/core/imports/formats';
import { TOOLS_TABLE_IMPORTERS } from '../../../../../src/core/imports/formats/tools';
import { fixtureBytes, testEngine } from '../../../helpers/engine';
import { fixtureText, importFixture } from './tools-helpers';

function headerOf(rel: string): string[] {
  return Papa.parse<string[]>(fixtureText(rel), { preview: 1 }).data[0];
}

const FIXTURES: [string, string, string][] = [
  ['litellm-spendlogs/spendlogs_export.csv', 'litellm-spendlogs', 'LiteLLM spend logs'],
  ['litellm-spendlogs-variants/spendlogs_older_proxy.csv', 'litellm-spendlogs', 'LiteLLM spend logs'],
  ['litellm-daily-spend/daily_team_spend.csv', 'litellm-daily', 'LiteLLM daily spend'],
  ['litellm-daily-spend/daily_tag_spend.csv', 'litellm-daily', 'LiteLLM daily spend'],
  ['cursor-usage-csv/team_usage_events.csv', 'cursor-usage', 'Cursor usage events'],
  ['cursor-usage-csv/individual_usage_events_v3.csv', 'cursor-usage', 'Cursor usage events'],
  ['github-usage-report-csv/premium_requests_report.csv', 'github-usage', 'GitHub premium requests report'],
  ['github-usage-report-csv/usage_report_detailed.csv', 'github-usage', 'GitHub usage report'],
  ['databricks-billing-usage/billing_usage_export.csv', 'databricks-usage', 'Databricks billing usage'],
  ['snowflake-cortex-usage/cortex_functions_usage_history.csv', 'snowflake-cortex', 'Snowflake Cortex usage'],
  ['snowflake-cortex-usage/cortex_aisql_usage_history.csv', 'snowflake-cortex', 'Snowflake Cortex usage'],
];

/** Headers of other formats (shared/reference/formats.md §0 and §1): no tools importer may claim them. */
const OTHER_HEADERS: Record<string, string> = {
  'FOCUS 1.0 with AI columns':
    'BilledCost,BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,ListCost,ProviderName,ServiceName,x_Model,x_TokenClass,x_Tokens,x_ApiKey,x_User',
  'FOCUS subset carrying gateway-like columns': 'ChargePeriodStart,BilledCost,ServiceName,request_id,spend,prompt_tokens,completion_tokens,startTime,date,product,sku,quantity,unit_type,gross_amount,net_amount',
  'AWS legacy CUR': 'identity/LineItemId,bill/PayerAccountId,lineItem/UsageStartDate,lineItem/UnblendedCost,product/ProductName,lineItem/UsageType',
  'AWS CUR 2.0': 'bill_payer_account_name,line_item_usage_start_date,line_item_unblended_cost,line_item_usage_type,product,resource_tags',
  'Azure EA': 'BillingAccountId,Date,MeterCategory,MeterName,Quantity,CostInBillingCurrency,SubscriptionId,ChargeType',
  'GCP BigQuery': 'billing_account_id,service.description,sku.description,usage_start_time,usage_end_time,cost,currency,credits,labels',
  'OpenAI dashboard cost CSV': 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,project_name',
  'Anthropic console usage CSV': 'usage_date_utc,model_version,api_key,workspace,usage_input_tokens_no_cache,usage_input_tokens_cache_read,usage_output_tokens',
  'Anthropic console cost CSV': 'usage_date_utc,model,workspace,api_key,token_type,cost_usd,list_price_usd,cost_type',
  'CloudZero CBF': 'time/usage_start,cost/cost,resource/id,usage/amount,usage/units,resource/tag:model',
  'Langfuse observations': 'id,traceId,type,name,startTime,endTime,model,usageDetails,costDetails,calculatedTotalCost',
  'OpenRouter activity': 'Date,Slug,Usage,Requests,Prompt Tokens,Completion Tokens,Reasoning Tokens',
  'DeepSeek cost': 'user_id,start_time_iso,end_time_iso,model,wallet_type,cost,currency',
  'Helicone-like requests': 'request_id,created_at,provider,model,prompt_tokens,completion_tokens,cost',
};

describe('tools formats detection', () => {
  it.each(FIXTURES)('%s is %s and only that tools format claims it', (rel, format, label) => {
    const header = headerOf(rel);
    const found = detectTable(rel, header);
    expect(found.importer.id).toBe(format);
    expect(found.detection.label).toBe(label);
    const claimants = TOOLS_TABLE_IMPORTERS.filter((i) => i.detect(header) !== null).map((i) => i.id);
    expect(claimants).toEqual([format]);
  });

  it.each(Object.entries(OTHER_HEADERS))('does not claim %s', (_, line) => {
    const header = line.split(',');
    expect(TOOLS_TABLE_IMPORTERS.filter((i) => i.detect(header) !== null).map((i) => i.id)).toEqual([]);
    expect(TOOLS_TABLE_IMPORTERS.flatMap((i) => i.missingColumns(header))).toEqual([]);
  });

  it('leaves FOCUS files to the FOCUS importer', async () => {
    for (const name of ['FOCUS 1.0 with AI columns', 'FOCUS subset carrying gateway-like columns']) {
      expect(detectTable('f.csv', OTHER_HEADERS[name].split(',')).importer.id).toBe('focus');
    }
    const { engine } = await testEngine();
    const r = await importFixture(engine, 'focus-1.0-sample/focus_sample_subset200.csv');
    expect(r).toMatchObject({ status: 'imported', format: 'focus', formatLabel: 'FOCUS 1.0', sourceKind: 'invoice' });
    expect(fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv').length).toBeGreaterThan(0);
  });

  it('names the columns a near miss lacks', () => {
    const missing = (id: string, header: string[]) => TOOLS_TABLE_IMPORTERS.find((i) => i.id === id)?.missingColumns(header);
    expect(missing('cursor-usage', ['Date', 'Model', 'Input (w/ Cache Write)', 'Input (w/o Cache Write)', 'Output Tokens'])).toEqual(['Cache Read']);
    expect(missing('github-usage', ['date', 'product', 'sku', 'quantity', 'unit_type', 'gross_amount'])).toEqual(['net_amount']);
    expect(missing('databricks-usage', ['record_id', 'account_id', 'workspace_id', 'sku_name', 'usage_quantity', 'usage_unit'])).toEqual(['usage_start_time']);
    expect(missing('litellm-spendlogs', ['request_id', 'spend', 'prompt_tokens', 'completion_tokens', 'model'])).toEqual(['startTime']);
  });
});
