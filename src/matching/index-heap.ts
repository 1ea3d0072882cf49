/**
 * A binary min-heap of small integer ids keyed by an external array of distances, with
 * decrease-key. Shortest-path searches keep one for their whole life and clear it between
 * searches, so nothing is allocated per search.
 */
export class IndexHeap {
  private readonly items: Int32Array;
  private readonly position: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.items = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** The id with the smallest key; the heap must not be empty. */
  peek(): number {
    return this.items[0]!;
  }

  /** Inserts `id`, or moves it up after its key decreased. */
  pushOrDecrease(id: number): void {
    let at = this.position[id]!;
    if (at < 0) {
      at = this.size++;
      this.items[at] = id;
      this.position[id] = at;
    }
    this.siftUp(at);
  }

  pop(): number {
    const top = this.items[0]!;
    this.position[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.items[this.size]!;
      this.items[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (let at = 0; at < this.size; at++) this.position[this.items[at]!] = -1;
    this.size = 0;
  }

  private siftUp(start: number): void {
    const { items, position, keys } = this;
    const id = items[start]!;
    const key = keys[id]!;
    let at = start;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = items[parentAt]!;
      if (keys[parent]! <= key) break;
      items[at] = parent;
      position[parent] = at;
      at = parentAt;
    }
    items[at] = id;
    position[id] = at;
  }

  private siftDown(start: number): void {
    const { items, position, keys, size } = this;
    const id = items[start]!;
    const key = keys[id]!;
    let at = start;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && keys[items[right]!]! < keys[items[child]!]!) child = right;
      const childId = items[child]!;
      if (keys[childId]! >= key) break;
      items[at] = childId;
      position[childId] = at;
      at = child;
    }
    items[at] = id;
    position[id] = at;
  }
}
