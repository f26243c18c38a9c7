import type { SearchHit } from './search-hit.js';

/**
 * Brute-force cosine nearest-neighbour search. It is the ground truth for measuring the recall of
 * the HNSW index, and fast enough on its own for small corpora: one query costs count × dimension
 * multiply-adds. Vectors are stored L2-normalised. A zero vector is stored as zero and has
 * similarity 0 to everything.
 */
export class ExactIndex {
  readonly dimension: number;
  private vectors: Float32Array;
  private labels: number[] = [];
  private readonly positions = new Map<number, number>();

  constructor(dimension: number, initialCapacity = 1024) {
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new RangeError(`Invalid dimension ${dimension}: expected a positive integer.`);
    }
    this.dimension = dimension;
    this.vectors = new Float32Array(Math.max(1, initialCapacity) * dimension);
  }

  get size(): number {
    return this.labels.length;
  }

  has(label: number): boolean {
    return this.positions.has(label);
  }

  /** Adds a vector, or replaces the vector of a label that is already present. */
  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) {
      throw new RangeError(
        `Invalid vector for label ${label}: length ${vector.length}, expected ${this.dimension}.`,
      );
    }
    let position = this.positions.get(label);
    if (position === undefined) {
      position = this.labels.length;
      if ((position + 1) * this.dimension > this.vectors.length) {
        const grown = new Float32Array(this.vectors.length * 2);
        grown.set(this.vectors);
        this.vectors = grown;
      }
      this.labels.push(label);
      this.positions.set(label, position);
    }
    let normSquared = 0;
    for (const value of vector) {
      normSquared += value * value;
    }
    const scale = normSquared === 0 ? 0 : 1 / Math.sqrt(normSquared);
    const base = position * this.dimension;
    for (let d = 0; d < this.dimension; d += 1) {
      this.vectors[base + d] = (vector[d] as number) * scale;
    }
  }

  addBatch(labels: readonly number[], vectors: readonly Float32Array[]): void {
    if (labels.length !== vectors.length) {
      throw new RangeError(`Invalid batch: ${labels.length} labels but ${vectors.length} vectors.`);
    }
    labels.forEach((label, i) => {
      this.add(label, vectors[i] as Float32Array);
    });
  }

  /** Returns the `k` most similar vectors, most similar first; ties go to the earlier-added label. */
  search(query: Float32Array, k: number): SearchHit[] {
    if (query.length !== this.dimension) {
      throw new RangeError(`Invalid query: length ${query.length}, expected ${this.dimension}.`);
    }
    const count = Math.min(Math.max(0, Math.floor(k)), this.size);
    if (count === 0) {
      return [];
    }
    let normSquared = 0;
    for (const value of query) {
      normSquared += value * value;
    }
    const scale = normSquared === 0 ? 0 : 1 / Math.sqrt(normSquared);

    const similarities = new Float64Array(this.size);
    for (let position = 0; position < this.size; position += 1) {
      const base = position * this.dimension;
      let dot = 0;
      for (let d = 0; d < this.dimension; d += 1) {
        dot += (query[d] as number) * (this.vectors[base + d] as number);
      }
      similarities[position] = dot * scale;
    }
    return selectTop(similarities, count).map((position) => ({
      label: this.labels[position] as number,
      similarity: similarities[position] as number,
    }));
  }
}

/**
 * Returns the positions of the `count` largest scores, largest first. A sorted buffer of the best so
 * far costs O(n · count) in the worst case and close to O(n) when count is small.
 */
function selectTop(scores: Float64Array, count: number): number[] {
  const best: number[] = [];
  for (let position = 0; position < scores.length; position += 1) {
    const score = scores[position] as number;
    if (best.length === count && score <= (scores[best[count - 1] as number] as number)) {
      continue;
    }
    let insertAt = best.length;
    while (insertAt > 0 && score > (scores[best[insertAt - 1] as number] as number)) {
      insertAt -= 1;
    }
    best.splice(insertAt, 0, position);
    if (best.length > count) {
      best.pop();
    }
  }
  return best;
}
