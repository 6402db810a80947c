/** The scatterplot matrix in words, for screen readers (pure, no DOM; unit-tested). */
import type { GaussianParamsDto } from '../../protocol/model';
import { formatNumber, formatPercent } from '../format';
import { correlation, covarianceMatrix, stdDevs } from '../projection';

/**
 * What the pairs plot shows: its columns and colouring, then per component its weight, each column's mean ± standard
 * deviation (the diagonal's densities) and its strongest correlation between two columns (the tilt of its ellipses in
 * the off-diagonal cells). `columns` are the first fitted columns, those drawn.
 */
export function describePairs(columns: readonly string[], params: GaussianParamsDto, colouredBy: string | null): string {
  const d = columns.length;
  const parts = [`Scatterplot matrix of ${columns.join(', ')}: each cell plots one pair of columns, points coloured by ` +
    `${colouredBy ?? 'component'}, with each component's 2σ ellipse; the diagonal shows each column's component densities.`];
  for (let k = 0; k < params.nComponents; k++) {
    const cov = covarianceMatrix(params, k);
    const sd = stdDevs(cov);
    const cells = columns.map((c, a) => `${c} ${formatNumber(params.means[k][a], 4)} ± ${formatNumber(sd[a], 3)}`);
    let strongest = '';
    if (params.covariance.layout === 'full') {
      const r = correlation(cov);
      let best = 0, pair: [number, number] | undefined;
      for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) if (Math.abs(r[a][b]) > Math.abs(best)) { best = r[a][b]; pair = [a, b]; }
      strongest = pair ? `; strongest correlation ${columns[pair[0]]} with ${columns[pair[1]]}, ${formatNumber(best, 2)}` : '';
    } else {
      strongest = '; columns uncorrelated within it (a diagonal model)';
    }
    parts.push(`Component ${k + 1}: weight ${formatPercent(params.weights[k])}, mean ± standard deviation ${cells.join(', ')}${strongest}.`);
  }
  return parts.join(' ');
}
