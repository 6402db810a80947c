/**
 * mclust's default start for EM: model-based hierarchical agglomeration (hc) on SVD-transformed data, cut into
 * G groups (hclass) for every number of components. Pure functions on row-major Float64Arrays.
 *
 * How Mclust chooses (R/mclust.R, mclust 6.0.0): with more than 2000 rows it agglomerates a random subset of 2000;
 * with d > 1 and n > d it uses hc(modelName = "VVV", use = "SVD"), i.e. agglomerateVVV(hcTransform(x, n, d,
 * 'SVD'), …); with n ≤ d it uses "EII" (agglomerateEII) on the same transform; with d = 1 it does not
 * agglomerate at all but starts from quantile classes (qclass), which are not part of this module. VVV never
 * fails on singular groups: its trace term (α, β) keeps every cost finite, duplicate rows included.
 */
export { agglomerateVVV, type AgglomerateOptions } from './hcVVV';
export { agglomerateEII } from './hcEII';
export { hcTransform, type HcTransform } from './transform';
export { partitionFromTree, partitionsFromTree } from './partition';
export type { AgglomerationModel, MergeTree } from './mergeTree';
export { AgglomerationError, agglomerationMessages, type AgglomerationErrorCode } from './errors';
