/**
 * The accreditation decider, after Emmett's: `decide(command, state, context)` → events or a
 * rejection, `evolve(state, event)` → state, `initialState()`. Pure and deterministic, so the
 * workflow can run it; the clock and the actor come in through the context.
 */
export * from './decide';
export * from './state';
