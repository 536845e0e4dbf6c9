/** Time and identity come in from the outside so the domain stays deterministic. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
