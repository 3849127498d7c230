/** Distinct key tuples per table: the rows a batch of events changes. */
export class KeySet {
  private readonly byTable = new Map<string, Map<string, unknown[]>>();

  add(table: string, key: unknown[]): void {
    let keys = this.byTable.get(table);
    if (!keys) this.byTable.set(table, (keys = new Map()));
    keys.set(JSON.stringify(key), key);
  }

  result(): Map<string, unknown[][]> {
    return new Map([...this.byTable].map(([table, keys]) => [table, [...keys.values()]]));
  }
}
