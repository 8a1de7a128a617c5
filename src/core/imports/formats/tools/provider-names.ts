/**
 * Names for the providers behind gateways and developer tools. Costbook's canonical provider
 * names ('OpenAI', 'AWS', 'Google Cloud' ...) are the ones the providers' own bills use, so that a
 * proxy's estimate and the provider's invoice line up in the same group.
 */

type Provider = { provider: string; service: string };

/** LiteLLM `custom_llm_provider` values (its provider ids) and who bills for them. */
const LITELLM_PROVIDERS: Record<string, Provider> = {
  openai: { provider: 'OpenAI', service: 'OpenAI API' },
  'text-completion-openai': { provider: 'OpenAI', service: 'OpenAI API' },
  anthropic: { provider: 'Anthropic', service: 'Anthropic API' },
  azure: { provider: 'Microsoft', service: 'Azure OpenAI' },
  azure_text: { provider: 'Microsoft', service: 'Azure OpenAI' },
  azure_ai: { provider: 'Microsoft', service: 'Azure AI Foundry' },
  bedrock: { provider: 'AWS', service: 'Amazon Bedrock' },
  sagemaker: { provider: 'AWS', service: 'Amazon SageMaker' },
  vertex_ai: { provider: 'Google Cloud', service: 'Vertex AI' },
  vertex_ai_beta: { provider: 'Google Cloud', service: 'Vertex AI' },
};

/** The provider and service of a LiteLLM provider id; unknown ids are kept as given. */
export function litellmProvider(id: string | null): Provider {
  if (id === null) return { provider: 'Unknown', service: 'Unknown' };
  const key = id.trim().toLowerCase();
  return Object.hasOwn(LITELLM_PROVIDERS, key) ? LITELLM_PROVIDERS[key] : { provider: id, service: id };
}

/**
 * LiteLLM model names carry the provider as a route prefix ("azure/gpt-4o-mini",
 * "bedrock/anthropic.claude-3-5-sonnet"); the model is what follows it.
 */
export function stripRoutePrefix(model: string, providerId: string | null): string {
  const slash = model.indexOf('/');
  if (slash <= 0) return model;
  const prefix = model.slice(0, slash).toLowerCase();
  const known = prefix === providerId?.trim().toLowerCase() || Object.hasOwn(LITELLM_PROVIDERS, prefix);
  return known && slash < model.length - 1 ? model.slice(slash + 1) : model;
}

const VENDORS: [RegExp, string][] = [
  [/claude|anthropic|sonnet|opus|haiku/i, 'Anthropic'],
  [/gpt|^o\d|openai|codex/i, 'OpenAI'],
  [/gemini/i, 'Google'],
  [/grok/i, 'xAI'],
  [/deepseek/i, 'DeepSeek'],
  [/kimi/i, 'Moonshot AI'],
  [/mistral|mixtral|codestral/i, 'Mistral AI'],
  [/llama/i, 'Meta'],
];

/** Who made a model, told from its name; else `fallback` (the tool's own models: Cursor's "composer-1"). */
export function modelVendor(model: string | null, fallback: string): string {
  if (model === null) return fallback;
  for (const [pattern, vendor] of VENDORS) if (pattern.test(model)) return vendor;
  return fallback;
}
