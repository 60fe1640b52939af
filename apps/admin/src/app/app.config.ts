import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  isDevMode,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import { sessionExpiredInterceptor } from '@kefu/admin/auth/data-access';
import { initialLanguage, provideKefuIcons } from '@kefu/admin/ui';
import { appRoutes } from './app.routes';
import { TranslatedTitleStrategy } from './i18n/translated-title.strategy';
import { TranslocoHttpLoader } from './i18n/transloco-http.loader';

const LANGUAGES = ['en', 'zh-CN'];
const FALLBACK_LANGUAGE = 'en';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    provideHttpClient(withFetch(), withInterceptors([sessionExpiredInterceptor])),
    provideTransloco({
      config: {
        availableLangs: LANGUAGES,
        defaultLang: initialLanguage(LANGUAGES, FALLBACK_LANGUAGE),
        fallbackLang: FALLBACK_LANGUAGE,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    provideKefuIcons(),
  ],
};
