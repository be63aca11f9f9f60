//! Language state (zh-CN by default, remembered in localStorage), the `useI18n()` hook, and antd's
//! ConfigProvider with the matching antd and dayjs locale.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  dictionaries,
  translate,
  translateEnum,
  translateErrorCode,
  translateFieldError,
  type Locale,
  type Params,
  type TKey,
} from './translate';

const LOCALE_KEY = 'gonghui.locale';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: TKey, params?: Params) => string;
  /** Translates a problem `code` (`errors.<code>`, generic fallback). */
  tError: (code: string | null | undefined, params?: Params) => string;
  tFieldError: (error: { code?: string | null; message?: string | null }) => string;
  /** Translates an enum value under a prefix, e.g. `tEnum('organisation.kinds', org.kind)`. */
  tEnum: (prefix: string, value: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // no storage
  }
  return 'zh-CN';
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // no storage
    }
  }, []);

  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    return {
      locale,
      setLocale,
      t: (key, params) => translate(dict, key, params),
      tError: (code, params) => translateErrorCode(dict, code, params),
      tFieldError: (error) => translateFieldError(dict, error),
      tEnum: (prefix, value) => translateEnum(dict, prefix, value),
    };
  }, [locale, setLocale]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCNAntd : enUS} theme={{ token: { colorPrimary: '#c8102e' } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
