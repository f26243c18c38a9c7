/** One nearest-neighbour result. */
export interface SearchHit {
  /** Label the vector was added with, for example a patent or company id. */
  readonly label: number;
  /** Cosine similarity to the query, in [-1, 1]: 1 − cosine distance. */
  readonly similarity: number;
}
