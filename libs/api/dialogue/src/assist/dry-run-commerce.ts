import type { CommerceConnector } from '@kefu/api/commerce';

/** A dry run reached an action that would change the shop (a return, a cancellation): it stops there. */
export class DryRunActionError extends Error {
  constructor(readonly action: string) {
    super(`a dry run does not ${action}`);
    this.name = 'DryRunActionError';
  }
}

/** The connector's methods that change the shop; everything else only reads. */
export const COMMERCE_ACTIONS = ['createReturn', 'cancelOrder'] as const satisfies readonly (keyof CommerceConnector)[];

/**
 * The shop's connector for a dry run of the dialogue engine (suggested replies): reads pass
 * through, actions throw `DryRunActionError` instead of changing anything.
 */
export function dryRunCommerce(real: CommerceConnector): CommerceConnector {
  const blocked = new Set<string>(COMMERCE_ACTIONS);
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && blocked.has(prop)) {
        return () => Promise.reject(new DryRunActionError(prop));
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
