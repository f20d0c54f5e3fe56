/** Summary of repeated measurements: the median and the quartiles, to show the spread. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: sorted.length,
  };
}

/** Linear interpolation between closest ranks. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Half the interquartile range relative to the median, e.g. 0.03 for ±3 %. */
export function relativeSpread(summary: Summary): number {
  return summary.median === 0 ? 0 : (summary.p75 - summary.p25) / 2 / summary.median;
}
