/**
 * Business metrics as the split engine reads them (implemented in ./metrics.ts): quantity of one
 * metric per period start and value of a tag key. Periods are UTC days (unix seconds of the day) or
 * months (yyyymm).
 */
export type MetricWeights = Map<number, Map<string, number>>;

export type ReadMetricWeights = (metric: string, tagKey: string, grain: 'day' | 'month') => MetricWeights;
