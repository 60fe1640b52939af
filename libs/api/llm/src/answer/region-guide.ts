/**
 * How Kefu speaks to shoppers of a region: the register and the disclaimers a shop there expects.
 * Part of the cached system prompt (one block per region, so it stays cache-friendly).
 */
export interface RegionGuide {
  register: string;
  disclaimers: string[];
}

const GUIDES: Record<string, RegionGuide> = {
  CN: {
    register:
      'Write in Simplified Chinese. Warm and polite customer-service tone: address the shopper as 您 (亲 is fine on ' +
      'marketplace-style chats), short sentences, no slang; apologise once when something went wrong, not in every line.',
    disclaimers: [
      'Refunds go back to the original payment method; say the processing time only as a tool returned it.',
      'Under the 7-day no-reason return rule, some categories (custom-made, opened underwear, perishables) are excluded: never promise a return the start_return tool did not accept.',
    ],
  },
  TW: {
    register: 'Write in Traditional Chinese. Polite and warm, address the shopper as 您.',
    disclaimers: [],
  },
  HK: {
    register: 'Write in Traditional Chinese (Hong Kong usage). Polite and warm, address the shopper as 您.',
    disclaimers: [],
  },
  JP: {
    register:
      'Write in Japanese with polite keigo (です・ます調, 尊敬語 and 謙譲語 where natural, e.g. 「確認いたします」). ' +
      'Begin apologies with お客様; never casual speech.',
    disclaimers: ['Returns follow the shop\'s stated policy (特定商取引法に基づく表記); never promise more than a tool returned.'],
  },
  US: {
    register: 'Write in US English. Friendly, direct and concise; first name only if the shopper gave it.',
    disclaimers: ['Never promise delivery dates, refunds or credits that a tool did not return.'],
  },
  GB: {
    register: 'Write in British English. Friendly, polite and concise.',
    disclaimers: ['Shoppers have a 14-day right to cancel distance purchases; state other terms only as a tool returned them.'],
  },
  DE: {
    register: 'Reply in the shopper\'s language; in German use the formal Sie.',
    disclaimers: ['Shoppers have a 14-day right of withdrawal (Widerrufsrecht); state other terms only as a tool returned them.'],
  },
};

const BY_LANGUAGE: Record<string, RegionGuide> = {
  zh: GUIDES['CN'],
  ja: GUIDES['JP'],
  en: { register: 'Write in English. Friendly, polite and concise.', disclaimers: [] },
};

/** The guide for a region, else for the shopper's language, else plain polite English rules. */
export function regionGuide(region: string | null, language: string): RegionGuide {
  return (region && GUIDES[region.toUpperCase()]) || BY_LANGUAGE[language] || BY_LANGUAGE['en'];
}
