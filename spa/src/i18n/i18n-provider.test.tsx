import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatePicker } from 'antd';
import { describe, expect, it } from 'vitest';
import { LanguageSwitch } from '@/components/language-switch';
import { I18nProvider, useI18n } from './i18n-provider';

function Probe() {
  const { t } = useI18n();
  return (
    <>
      <span>{t('nav.organisations')}</span>
      <DatePicker />
      <LanguageSwitch />
    </>
  );
}

describe('I18nProvider', () => {
  it('starts in Chinese, antd included, and switches to English (remembered)', async () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('组织架构')).toBeInTheDocument();
    // antd's own texts follow the language too.
    expect(screen.getByPlaceholderText('请选择日期')).toBeInTheDocument();

    await userEvent.click(screen.getByText('English'));
    expect(await screen.findByText('Organisations')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Select date')).toBeInTheDocument();
    expect(localStorage.getItem('gonghui.locale')).toBe('en');
  });
});
