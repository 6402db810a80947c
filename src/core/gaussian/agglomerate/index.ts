/**
 * mclust's default start for EM: model-based hierarchical agglomeration (hc) on SVD-transformed data, cut into
 * G groups (hclass) for every number of components. Pure functions on row-major Float64Arrays.
 */
export { agglomerateVVV, type AgglomerateOptions } from './hcVVV';
export { agglomerateEII } from './hcEII';
export { hcTransform, type HcTransform } from './transform';
export { partitionFromTree, partitionsFromTree } from './partition';
export type { AgglomerationModel, MergeTree } from './mergeTree';
export { AgglomerationError, agglomerationMessages, type AgglomerationErrorCode } from './errors';
