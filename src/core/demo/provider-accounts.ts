/**
 * Identity of each provider's bill: accounts, projects, keys and resources, with ids shaped like the
 * real ones (org-…, proj_…, wrkspc_…, ARM paths, ARNs) so the importer's column mapping is exercised.
 */
import type { KeySpec, Workload } from './demo-company';
import type { DemoModel, ProviderId } from './model-prices';
import { randomId, randomUuid, type Rng } from './random';
import { region, stableId } from './sku-names';

export type ProviderAccount = {
  provider: ProviderId;
  providerName: string;
  invoiceIssuer: string;
  serviceName: string;
  serviceSubcategory: string;
  billingAccountId: string;
  billingAccountName: string;
  /** One invoice per billing month. */
  invoiceIds: string[];
  /** Negotiated unit price as permille of list (Azure EA discount). */
  contractPermille: number;
  /** EffectiveCost as permille of billed (AWS private pricing settled outside the line item). */
  effectivePermille: number;
};

export type ProjectIdentity = { subAccountId: string; subAccountName: string };

export type KeyIdentity = {
  resourceId: string;
  resourceName: string;
  resourceType: string;
  apiKey: string;
};

const COMPANY = 'Northwind Labs';

export function createAccount(rng: Rng, provider: ProviderId, months: number): ProviderAccount {
  const invoices = (make: () => string): string[] => Array.from({ length: months }, make);
  switch (provider) {
    case 'openai':
      return {
        provider,
        providerName: 'OpenAI',
        invoiceIssuer: 'OpenAI',
        serviceName: 'OpenAI API',
        serviceSubcategory: 'Generative AI',
        billingAccountId: `org-${randomId(rng, 24)}`,
        billingAccountName: COMPANY,
        invoiceIds: invoices(
          () => `INV-${randomId(rng, 8, 'hex').toUpperCase()}-${randomId(rng, 4, 'digits')}`,
        ),
        contractPermille: 1000,
        effectivePermille: 1000,
      };
    case 'anthropic':
      return {
        provider,
        providerName: 'Anthropic',
        invoiceIssuer: 'Anthropic, PBC',
        serviceName: 'Claude API',
        serviceSubcategory: 'Generative AI',
        billingAccountId: randomUuid(rng),
        billingAccountName: COMPANY,
        invoiceIds: invoices(() => `${randomId(rng, 8, 'hex').toUpperCase()}-${randomId(rng, 4, 'digits')}`),
        contractPermille: 1000,
        effectivePermille: 1000,
      };
    case 'azure':
      return {
        provider,
        providerName: 'Microsoft',
        invoiceIssuer: 'Microsoft',
        serviceName: 'Azure AI Services',
        serviceSubcategory: 'AI Platforms',
        billingAccountId: randomId(rng, 8, 'digits'),
        billingAccountName: `${COMPANY} EA`,
        invoiceIds: invoices(() => `E0${randomId(rng, 8).toUpperCase()}`),
        contractPermille: 850,
        effectivePermille: 1000,
      };
    case 'aws':
      return {
        provider,
        providerName: 'AWS',
        invoiceIssuer: 'Amazon Web Services, Inc.',
        serviceName: 'Amazon Bedrock',
        serviceSubcategory: 'Generative AI',
        billingAccountId: randomId(rng, 12, 'digits'),
        billingAccountName: `${COMPANY} (payer)`,
        invoiceIds: invoices(() => randomId(rng, 10, 'digits')),
        contractPermille: 1000,
        effectivePermille: 950,
      };
  }
}

/** Azure bills subscriptions, not deployments; every demo deployment lives in one subscription. */
export function createProject(
  rng: Rng,
  account: ProviderAccount,
  w: Workload,
  shared: Map<string, ProjectIdentity>,
): ProjectIdentity {
  const key = account.provider === 'azure' ? 'subscription' : w.project;
  const known = shared.get(key);
  if (known !== undefined) return known;
  const made = newProject(rng, account.provider, w);
  shared.set(key, made);
  return made;
}

function newProject(rng: Rng, provider: ProviderId, w: Workload): ProjectIdentity {
  switch (provider) {
    case 'openai':
      return { subAccountId: `proj_${randomId(rng, 24)}`, subAccountName: w.project };
    case 'anthropic':
      // The default workspace has no id in Anthropic's reports.
      return w.project === 'Default'
        ? { subAccountId: '', subAccountName: 'Default' }
        : { subAccountId: `wrkspc_01${randomId(rng, 22)}`, subAccountName: w.project };
    case 'azure':
      return { subAccountId: randomUuid(rng), subAccountName: 'Northwind-AI-Prod' };
    case 'aws':
      return { subAccountId: randomId(rng, 12, 'digits'), subAccountName: `northwind-${w.project}` };
  }
}

export function createKey(
  rng: Rng,
  provider: ProviderId,
  w: Workload,
  project: ProjectIdentity,
  spec: KeySpec,
): KeyIdentity {
  switch (provider) {
    case 'openai':
      return {
        resourceId: `key_${randomId(rng, 16)}`,
        resourceName: spec.name,
        resourceType: 'API key',
        apiKey: `sk-...${randomId(rng, 4, 'lower')}`,
      };
    case 'anthropic':
      if (spec.noKey) return { resourceId: '', resourceName: '', resourceType: '', apiKey: '' };
      return {
        resourceId: `apikey_01${randomId(rng, 22)}`,
        resourceName: spec.name,
        resourceType: 'API key',
        apiKey: spec.name,
      };
    case 'azure': {
      // One Azure OpenAI resource per deployment: tags live on the resource, so a team tags its own.
      const r = region(w.region ?? 'eastus2');
      const account = azureAccountName(w);
      const group = `/subscriptions/${project.subAccountId}/resourceGroups/rg-ai-${r.id}`;
      return {
        resourceId: `${group}/providers/Microsoft.CognitiveServices/accounts/${account}`,
        resourceName: account,
        resourceType: 'Azure OpenAI',
        apiKey: spec.name,
      };
    }
    case 'aws':
      return {
        // Filled per model by awsProfile(): Bedrock bills the inference profile, one per model.
        resourceId: '',
        resourceName: '',
        resourceType: 'Application inference profile',
        apiKey: `arn:aws:iam::${project.subAccountId}:${spec.name}`,
      };
  }
}

/** The Azure OpenAI resource (Cognitive Services account) that hosts a workload's deployment. */
export function azureAccountName(w: Workload): string {
  return `nw-aoai-${w.feature}${w.tier === 'batch' ? '-batch' : ''}`;
}

/** Application inference profile ARN for a workload's model: stable, so all keys share it. */
export function awsProfile(
  w: Workload,
  project: ProjectIdentity,
  m: DemoModel,
): { id: string; name: string } {
  const r = region(w.region ?? 'us-east-1');
  const name = `${w.feature}-${m.meterStem.toLowerCase().replaceAll('.', '-')}`;
  const id = stableId(`${project.subAccountId}:${name}`, 12, false);
  return { id: `arn:aws:bedrock:${r.id}:${project.subAccountId}:application-inference-profile/${id}`, name };
}
