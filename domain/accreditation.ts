/**
 * The accreditation decider, after Emmett's: `decide(command, state, context)` → events or a
 * rejection, `evolve(state, event)` → state, `initialState()`. Outside `domain/`, import it from here.
 */
export * from './decide';
export * from './evolve';
export * from './state';
