import { Composer as GrammyComposer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

type MaybePromise<T> = T | Promise<T>;

/**
 * grammY's `Composer`, same API and same order of middleware, made cheap to walk. Every update
 * passes the bot's whole tree until something handles it: about 200 filters (each feature's
 * commands, buttons and messages) for a typed message that ends at the fallback. grammY walks each
 * filter through `branch` → `lazy`, which per update builds a new `Composer`, and each `use` through
 * two nested async functions: that walk was 13% of the bot's CPU at capacity (bench:updates), with
 * the garbage it leaves behind.
 *
 * Here a composer keeps its middleware in an array and walks it by index: a filter is one test and
 * one call, and no composer is built while an update is handled. `use`, `filter` (and through it
 * `on`, `command`, `hears`, `callbackQuery`, `chatType`, …) keep grammY's meaning: the returned
 * composer can still be extended after it is installed, `next` may be called once, and an error,
 * thrown or rejected, reaches the caller as a rejection. Methods not overridden (`lazy`, `branch`,
 * `route`, `fork`, `errorBoundary`, `drop`) are grammY's, built on these.
 *
 * Features build on this class (`import { Composer } from "../composer.js"`); eslint keeps grammY's
 * own out of src/bot.
 */
export class Composer<C extends Context> extends GrammyComposer<C> {
  private readonly stack: MiddlewareFn<C>[];
  private readonly run: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    const stack = middleware.map(flatten);
    this.stack = stack;
    this.run = (ctx, next) => dispatch(stack, 0, ctx, next);
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.stack.push(composer.run);
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new Composer<C>(...middleware);
    const matched = composer.run;
    this.stack.push((ctx, next) => {
      const passes: unknown = predicate(ctx);
      // As grammY's `await predicate(ctx)`: a promise is awaited, anything else taken for its truth.
      if (passes instanceof Promise) return passes.then((yes) => (yes ? matched(ctx, next) : next()));
      return passes ? matched(ctx, next) : next();
    });
    return composer;
  }
}

function flatten<C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> {
  if (typeof middleware === "function") return middleware;
  // grammY's own composers (a plugin's) are asked for their handler at each call, as grammY does:
  // they may still be extended after being installed.
  return (ctx, next) => middleware.middleware()(ctx, next);
}

/** Runs `stack[index]`, whose `next` runs the rest; past the end, the outer `next`. */
function dispatch<C extends Context>(stack: readonly MiddlewareFn<C>[], index: number, ctx: C, next: NextFunction): Promise<void> {
  if (index === stack.length) return next();
  let called = false;
  try {
    // A native promise comes back as it is; anything else is wrapped. The `next` closure is passed
    // anonymous on purpose: tsx (esbuild's keepNames) names every closure bound to a name, one
    // defineProperty per call, which cost more than the walk itself.
    return Promise.resolve(
      stack[index]!(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return dispatch(stack, index + 1, ctx, next);
      }),
    ) as Promise<void>;
  } catch (error) {
    return Promise.reject(error);
  }
}
