/** The hierarchical start the worker gives the engine (mclust's model-based agglomeration), when one is available. */
import type { GaussianHooks } from '../core';

export const hierarchicalStartFor: NonNullable<GaussianHooks['hierarchical']> = () => undefined;
