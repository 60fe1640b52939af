import { pauseLabel } from './pause-label';

const strings: Record<string, string> = {
  'killSwitch.scope.globalLabel': 'all conversations',
  'channel.wechat': 'WeChat',
};
const t = (key: string, p?: Record<string, unknown>) => {
  if (key === 'killSwitch.scope.channelLabel') return `channel ${p?.['channel']}`;
  if (key === 'killSwitch.scope.intentLabel') return `intent ${p?.['intent']}`;
  return strings[key] ?? key;
};

describe('pauseLabel', () => {
  it('names what a pause covers, with the channel’s display name', () => {
    expect(pauseLabel({ scope: 'global', value: null }, t)).toBe('all conversations');
    expect(pauseLabel({ scope: 'channel', value: 'wechat' }, t)).toBe('channel WeChat');
    expect(pauseLabel({ scope: 'channel', value: 'sms' }, t)).toBe('channel sms');
    expect(pauseLabel({ scope: 'intent', value: 'get_refund' }, t)).toBe('intent get_refund');
  });
});
