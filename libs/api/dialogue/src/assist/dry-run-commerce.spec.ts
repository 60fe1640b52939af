import type { CommerceConnector } from '@kefu/api/commerce';
import { DryRunActionError, dryRunCommerce } from './dry-run-commerce';

describe('the shop in a dry run', () => {
  const calls: string[] = [];
  const real = {
    name: 'real',
    async findOrder(this: { name: string }, n: string) {
      calls.push(`find ${n} on ${this.name}`);
      return null;
    },
    async createReturn() {
      calls.push('createReturn');
      return { decision: 'refund_without_return' };
    },
    async cancelOrder() {
      calls.push('cancelOrder');
      return { outcome: 'cancelled' };
    },
  } as unknown as CommerceConnector;

  it('reads through the real connector and refuses every action without calling it', async () => {
    const dry = dryRunCommerce(real);
    await dry.findOrder('KF1');
    await expect(dry.createReturn({ orderNumber: 'KF1', kind: 'return', reason: 'x', requestKey: 'k' })).rejects.toBeInstanceOf(DryRunActionError);
    await expect(dry.cancelOrder('KF1', 'k')).rejects.toThrow('a dry run does not cancelOrder');
    expect(calls).toEqual(['find KF1 on real']);
  });
});
