import type { BotPauseDto } from '@kefu/shared/contracts';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What a pause covers, in words: "all conversations", "channel WeChat", "intent get_refund". */
export function pauseLabel(p: Pick<BotPauseDto, 'scope' | 'value'>, t: Translate): string {
  if (p.scope === 'global') return t('killSwitch.scope.globalLabel');
  if (p.scope === 'channel') {
    const key = `channel.${p.value}`;
    const name = t(key);
    return t('killSwitch.scope.channelLabel', { channel: name === key ? p.value : name });
  }
  return t('killSwitch.scope.intentLabel', { intent: p.value });
}
