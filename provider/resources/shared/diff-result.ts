/** The parts of a dynamic provider's diff answer that the engine honours (it drops `stables`). */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}
