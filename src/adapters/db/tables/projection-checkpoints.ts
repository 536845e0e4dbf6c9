/** Last global position each projection has applied; written in the same transaction as its rows. */
export interface ProjectionCheckpointsTable {
  name: string;
  position: string;
}
