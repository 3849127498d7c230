// The part of async-exit-hook's API we use (it ships no types).
declare module 'async-exit-hook' {
  interface AsyncExitHook {
    unhookEvent(event: string): void;
  }
  const exitHook: AsyncExitHook;
  export = exitHook;
}
