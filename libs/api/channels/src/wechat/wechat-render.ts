import { CHANNEL_CAPABILITIES, renderForChannel } from '../delivery/capabilities';
import { ChannelType, type Attachment, type MessageContent } from '@kefu/shared/contracts';

/**
 * An outgoing message as the WeChat texts that carry it, in order: the text with cards as lines and
 * quick replies as a numbered list, split under WeChat's length limit, then each attachment's URL
 * (customer-service image messages need a media upload; a link opens the picture just as well).
 */
export function wechatTexts(m: {
  text: string;
  content: MessageContent | null;
  attachments?: Attachment[];
  language?: string | null;
}): string[] {
  const rendered = renderForChannel(
    { text: m.text, content: m.content, locale: m.language },
    CHANNEL_CAPABILITIES[ChannelType.Wechat],
  );
  const texts = rendered.texts.filter((t) => t.trim());
  for (const a of m.attachments ?? [])
    texts.push(a.name && !a.contentType.startsWith('image/') ? `${a.name}: ${a.url}` : a.url);
  return texts;
}
