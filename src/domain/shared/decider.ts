/** An aggregate as a pure decider (after Emmett / Jérémie Chassaing's "functional event sourcing"). */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export interface TypedEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export const fold = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
) => events.reduce(decider.evolve, decider.initialState);

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
