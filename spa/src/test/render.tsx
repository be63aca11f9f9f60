//! Rendering helpers for component tests: the providers the app has, in Chinese.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '@/i18n/i18n-provider';
import type { Locale } from '@/i18n/translate';

export function renderWithProviders(ui: ReactElement, { locale, route = '/' }: { locale?: Locale; route?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale ?? 'zh-CN'}>
        {/* No animations: fewer timers, faster tests. */}
        <ConfigProvider theme={{ token: { motion: false } }}>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}
